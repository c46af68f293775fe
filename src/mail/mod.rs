//! Email: templates, iCalendar invitations, the durable outbox and its delivery worker, and the
//! transports (pooled SMTP, or `.eml` files when no relay is configured).

pub mod compose;
pub mod ical;
pub mod outbox;
pub mod templates;
pub mod transport;

use chrono::{TimeDelta, Timelike};

use crate::config::Settings;
use crate::domain::{Email, Locale};
use templates::Letter;

/// The operator's test email (`ketnoi outbox test`): a sample one-to-one meeting invitation at
/// the next full hour a week from now, so a relay and calendar clients can be checked end to end.
pub fn test_email(settings: &Settings, to: &Email, locale: Locale) -> anyhow::Result<outbox::Outgoing> {
    let now = crate::db::now();
    let week = now + TimeDelta::days(7);
    let start = week.with_minute(0).and_then(|t| t.with_second(0)).and_then(|t| t.with_nanosecond(0)).unwrap_or(week);
    let end = start + TimeDelta::minutes(20);
    let id = uuid::Uuid::now_v7().simple().to_string();
    let domain = settings.mail_from.email.domain().to_string();
    let name = to.as_str().split('@').next().unwrap_or_default().to_string();
    let letter = templates::TestEmail { start };
    let body = letter.render(&templates::MailCtx::new(locale, &name, &settings.base_url, false))?;
    let invitation = ical::Invitation {
        method: ical::Method::Request,
        uid: format!("test-{id}@{domain}"),
        sequence: 0,
        stamp: now,
        start,
        end,
        summary: crate::catalogue::text(locale, "email-test-meeting-title"),
        location: crate::catalogue::text(locale, "email-test-location"),
        description: body.text.clone(),
        url: Some(settings.base_url.to_string()),
        organizer: ical::Person {
            name: settings.mail_from.name.clone().unwrap_or_default(),
            email: settings.mail_from.email.to_string(),
        },
        attendees: vec![ical::Attendee {
            person: ical::Person { name: name.clone(), email: to.as_str().to_string() },
            required: true,
            partstat: "NEEDS-ACTION",
            rsvp: true,
        }],
        cancelled: false,
    };
    Ok(outbox::Outgoing {
        dedupe_key: format!("test:{id}"),
        to: to.clone(),
        to_name: name.clone(),
        locale,
        template: <templates::TestEmail as templates::Letter>::KIND,
        body,
        invitation: Some(invitation),
        agenda: None,
        entity: None,
        unsubscribe: None,
    })
}
