//! Builds the MIME message once, at enqueue time: plain text and HTML as alternatives, and with
//! an invitation the calendar as a third alternative (`text/calendar; method=…`, which is what
//! makes Gmail and Outlook show accept/decline buttons) plus an `invite.ics` attachment; and with
//! an agenda, its calendar (`METHOD:PUBLISH`, several events) attached as `agenda.ics`.

use anyhow::Context;
use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use super::ical::Invitation;
use super::templates::Rendered;

/// A display name or subject as a header may carry it: control characters (a CR/LF typed into a
/// name, say) become spaces, so no value can end a header early or make the builder fail.
pub fn header_safe(s: &str) -> String {
    s.split(|c: char| c.is_control()).filter(|p| !p.trim().is_empty()).map(str::trim).collect::<Vec<_>>().join(" ")
}

fn safe_mailbox(m: &Mailbox) -> Mailbox {
    Mailbox::new(m.name.as_deref().map(header_safe).filter(|n| !n.is_empty()), m.email.clone())
}

/// Formats a complete RFC 5322 message. Never panics: header values are made safe first, and a
/// panic inside the mail library (it formats headers with `expect`) becomes an error.
pub fn format_message(
    from: &Mailbox,
    to: &Mailbox,
    message_id: &str,
    body: &Rendered,
    invitation: Option<&Invitation>,
    agenda: Option<&str>,
    unsubscribe: Option<&str>,
) -> anyhow::Result<String> {
    let (from, to) = (safe_mailbox(from), safe_mailbox(to));
    let subject = header_safe(&body.subject);
    // An address the site made, but a header is no place to trust that: anything but a plain
    // https or http URL is left out.
    let unsubscribe = unsubscribe.filter(|u| {
        (u.starts_with("https://") || u.starts_with("http://")) && u.chars().all(|c| c.is_ascii_graphic() && c != '>')
    });
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        build(&from, &to, &subject, message_id, body, (invitation, agenda), unsubscribe)
    }))
    .unwrap_or_else(|_| Err(anyhow::anyhow!("the mail library could not format this message")))
}

fn build(
    from: &Mailbox,
    to: &Mailbox,
    subject: &str,
    message_id: &str,
    body: &Rendered,
    (invitation, agenda): (Option<&Invitation>, Option<&str>),
    unsubscribe: Option<&str>,
) -> anyhow::Result<String> {
    let mut alternative = MultiPart::alternative()
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(body.text.clone()))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(body.html.clone()));
    let builder = Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(subject)
        .message_id(Some(message_id.to_string()))
        .date_now();
    // RFC 8058 one-click unsubscribe: a POST of `List-Unsubscribe=One-Click` to the address.
    let builder = match unsubscribe {
        Some(url) => builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            )),
        None => builder,
    };
    let agenda = match agenda {
        Some(ics) => Some(Attachment::new("agenda.ics".to_string()).body(
            ics.to_string(),
            ContentType::parse("text/calendar; method=PUBLISH; charset=UTF-8").context("agenda content type")?,
        )),
        None => None,
    };
    let message = match (invitation, agenda) {
        (None, None) => builder.multipart(alternative),
        (None, Some(agenda)) => builder.multipart(MultiPart::mixed().multipart(alternative).singlepart(agenda)),
        (Some(inv), agenda) => {
            let ics = inv.render();
            let calendar = ContentType::parse(&format!("text/calendar; method={}; charset=UTF-8", inv.method.as_str()))
                .context("calendar content type")?;
            alternative = alternative.singlepart(SinglePart::builder().header(calendar).body(ics.clone()));
            let attachment = Attachment::new("invite.ics".to_string())
                .body(ics, ContentType::parse("application/ics").context("ics content type")?);
            let mut mixed = MultiPart::mixed().multipart(alternative).singlepart(attachment);
            if let Some(agenda) = agenda {
                mixed = mixed.singlepart(agenda);
            }
            builder.multipart(mixed)
        }
    }
    .context("building the email")?;
    String::from_utf8(message.formatted()).context("the formatted email is not UTF-8")
}
