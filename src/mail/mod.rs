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

/// The operator's test email (`ketnoi outbox test`): a sample one-to-one meeting invitation at
/// the next full hour a week from now, so a relay and calendar clients can be checked end to end.
pub fn test_email(settings: &Settings, to: &Email, locale: Locale) -> anyhow::Result<outbox::Outgoing> {
    let now = crate::db::now();
    let week = now + TimeDelta::days(7);
    let start = week.with_minute(0).and_then(|t| t.with_second(0)).and_then(|t| t.with_nanosecond(0)).unwrap_or(week);
    let end = start + TimeDelta::minutes(20);
    let id = uuid::Uuid::now_v7().simple().to_string();
    let domain = settings.mail_from.email.domain().to_string();
    let en = locale == Locale::En;
    let data = templates::TestEmail {
        name: to.as_str().split('@').next().unwrap_or_default().to_string(),
        meeting_title: if en {
            "Sample meeting: need holder × offer holder"
        } else {
            "Buổi gặp mẫu: bên cầu × bên cung"
        }
        .into(),
        when: crate::domain::format_local(start),
        location: if en {
            "Table 1, matchmaking hall of the Centre"
        } else {
            "Bàn 1, hội trường kết nối của Trung tâm"
        }
        .into(),
    };
    let body = data.render(&templates::MailCtx::new(locale, &settings.base_url, false))?;
    let invitation = ical::Invitation {
        method: ical::Method::Request,
        uid: format!("test-{id}@{domain}"),
        sequence: 0,
        stamp: now,
        start,
        end,
        summary: data.meeting_title.clone(),
        location: data.location.clone(),
        description: body.text.clone(),
        url: Some(settings.base_url.to_string()),
        organizer: ical::Person {
            name: settings.mail_from.name.clone().unwrap_or_default(),
            email: settings.mail_from.email.to_string(),
        },
        attendees: vec![ical::Attendee {
            person: ical::Person { name: data.name.clone(), email: to.as_str().to_string() },
            required: true,
            partstat: "NEEDS-ACTION",
        }],
    };
    Ok(outbox::Outgoing {
        dedupe_key: format!("test:{id}"),
        to: to.clone(),
        to_name: data.name.clone(),
        locale,
        template: "test",
        body,
        invitation: Some(invitation),
        entity: None,
    })
}
