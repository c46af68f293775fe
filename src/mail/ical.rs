//! iCalendar (RFC 5545) meeting invitations: `METHOD:REQUEST` to invite or update, `METHOD:CANCEL`
//! to cancel, with a `VTIMEZONE` for Asia/Ho_Chi_Minh, a stable UID and a SEQUENCE that grows
//! with every change — what Gmail, Outlook and Thunderbird need to show a real invitation and to
//! update it in place instead of adding a second event. `METHOD:PUBLISH` carries several events
//! at once (a participant's agenda of a matchmaking session), cancelled ones marked so.

use chrono::NaiveDateTime;

/// Invite (or update) versus cancel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
    Publish,
}

impl Method {
    /// The `METHOD` value, also used in the MIME `method=` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

/// A person on the invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// An attendee and its part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub person: Person,
    /// `REQ-PARTICIPANT` when true, `OPT-PARTICIPANT` otherwise.
    pub required: bool,
    /// `NEEDS-ACTION`, `ACCEPTED`, `DECLINED` or `TENTATIVE`.
    pub partstat: &'static str,
    /// Whether the organiser asks for a reply (`RSVP=TRUE`); false where replies go unread.
    pub rsvp: bool,
}

/// One meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub method: Method,
    /// Stable across updates, e.g. `meeting-<id>@<host>`.
    pub uid: String,
    /// 0 for the first invitation; bumped on every change (and on cancellation).
    pub sequence: u32,
    /// When this version was created (UTC).
    pub stamp: NaiveDateTime,
    /// Start and end in UTC; written in local time with `TZID=Asia/Ho_Chi_Minh`.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub url: Option<String>,
    pub organizer: Person,
    pub attendees: Vec<Attendee>,
    /// `STATUS:CANCELLED` although the calendar is not a cancellation (an agenda's cancelled
    /// meeting).
    pub cancelled: bool,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Quotes a parameter value (display names may contain commas or colons).
fn param(v: &str) -> String {
    let v: String = v
        .chars()
        .map(|c| {
            if c == '"' {
                '\''
            } else if c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("\"{v}\"")
}

/// Appends a content line folded at 75 octets without splitting a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn local(t: NaiveDateTime) -> String {
    t.and_utc().with_timezone(&crate::domain::TIME_ZONE).format("%Y%m%dT%H%M%S").to_string()
}

fn utc(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

impl Invitation {
    /// The `VCALENDAR` text of this one event, CRLF line endings.
    pub fn render(&self) -> String {
        calendar(self.method, std::slice::from_ref(self))
    }
}

/// A `VCALENDAR` with `method` and the given events (each keeps its UID and SEQUENCE).
pub fn calendar(method: Method, events: &[Invitation]) -> String {
    let mut o = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ketnoi//San giao dich cong nghe//VI",
        "CALSCALE:GREGORIAN",
        &format!("METHOD:{}", method.as_str()),
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Ho_Chi_Minh",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0700",
        "TZOFFSETTO:+0700",
        "TZNAME:+07",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        line(&mut o, l);
    }
    for e in events {
        e.event(&mut o, method);
    }
    line(&mut o, "END:VCALENDAR");
    o
}

impl Invitation {
    fn event(&self, o: &mut String, method: Method) {
        line(o, "BEGIN:VEVENT");
        line(o, &format!("UID:{}", text(&self.uid)));
        line(o, &format!("SEQUENCE:{}", self.sequence));
        line(o, &format!("DTSTAMP:{}", utc(self.stamp)));
        line(o, &format!("DTSTART;TZID=Asia/Ho_Chi_Minh:{}", local(self.start)));
        line(o, &format!("DTEND;TZID=Asia/Ho_Chi_Minh:{}", local(self.end)));
        line(o, &format!("SUMMARY:{}", text(&self.summary)));
        line(o, &format!("LOCATION:{}", text(&self.location)));
        line(o, &format!("DESCRIPTION:{}", text(&self.description)));
        if let Some(url) = &self.url {
            line(o, &format!("URL:{url}"));
        }
        line(o, &format!("ORGANIZER;CN={}:mailto:{}", param(&self.organizer.name), self.organizer.email));
        for a in &self.attendees {
            line(
                o,
                &format!(
                    "ATTENDEE;CN={};ROLE={};PARTSTAT={};RSVP={}:mailto:{}",
                    param(&a.person.name),
                    if a.required { "REQ-PARTICIPANT" } else { "OPT-PARTICIPANT" },
                    a.partstat,
                    if a.rsvp { "TRUE" } else { "FALSE" },
                    a.person.email
                ),
            );
        }
        let cancelled = method == Method::Cancel || self.cancelled;
        line(o, &format!("STATUS:{}", if cancelled { "CANCELLED" } else { "CONFIRMED" }));
        line(o, "TRANSP:OPAQUE");
        line(o, "END:VEVENT");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let mut o = String::new();
        line(&mut o, &format!("SUMMARY:{}", "Phiên kết nối cung – cầu công nghệ ".repeat(5)));
        for l in o.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = o.replace("\r\n ", "");
        assert!(unfolded.contains(&"Phiên kết nối cung – cầu công nghệ ".repeat(5)));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn cancel_keeps_the_uid_and_bumps_the_sequence() {
        let t = chrono::NaiveDate::from_ymd_opt(2027, 3, 9).unwrap().and_hms_opt(2, 0, 0).unwrap();
        let person = |n: &str| Person { name: n.into(), email: format!("{}@example.vn", n.to_lowercase()) };
        let mut inv = Invitation {
            method: Method::Request,
            uid: "meeting-42@ketnoi.example.vn".into(),
            sequence: 0,
            stamp: t,
            start: t,
            end: t + chrono::TimeDelta::minutes(20),
            summary: "Gặp gỡ".into(),
            location: "Bàn 4".into(),
            description: "Dòng 1\nDòng 2; ghi chú, thêm".into(),
            url: None,
            organizer: person("Staff"),
            attendees: vec![Attendee {
                person: person("An, Nguyen"),
                required: true,
                partstat: "NEEDS-ACTION",
                rsvp: true,
            }],
            cancelled: false,
        };
        let request = inv.render();
        assert!(request.contains("METHOD:REQUEST\r\n") && request.contains("STATUS:CONFIRMED\r\n"));
        assert!(request.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20270309T090000\r\n"));
        let unfolded = request.replace("\r\n ", "");
        assert!(
            unfolded
                .contains("ATTENDEE;CN=\"An, Nguyen\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:")
        );
        assert!(unfolded.contains("DESCRIPTION:Dòng 1\\nDòng 2\\; ghi chú\\, thêm\r\n"), "{unfolded}");
        inv.method = Method::Cancel;
        inv.sequence += 1;
        let cancel = inv.render();
        assert!(cancel.contains("METHOD:CANCEL\r\n") && cancel.contains("STATUS:CANCELLED\r\n"));
        assert!(cancel.contains("SEQUENCE:1\r\n") && cancel.contains("UID:meeting-42@ketnoi.example.vn\r\n"));
        assert!(request.lines().all(|l| l.len() <= 76));
    }

    #[test]
    fn local_times_are_utc_plus_seven() {
        let t = chrono::NaiveDate::from_ymd_opt(2027, 1, 12).unwrap().and_hms_opt(1, 30, 0).unwrap();
        assert_eq!(local(t), "20270112T083000");
        assert_eq!(utc(t), "20270112T013000Z");
    }
}
