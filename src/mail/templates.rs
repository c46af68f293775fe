//! Email templates: one folder per kind, `templates/email/<kind>/{subject.txt, body.txt,
//! body.html}`, inside a shared layout with the greeting, the centre's name and address and, on
//! every non-transactional email, a preferences link. Every word comes from the catalogue in the
//! recipient's language; the data of each kind are facts (names, links, times), never sentences.

use askama::Template;
use chrono::NaiveDateTime;

use crate::catalogue::{self, Value, human};
use crate::domain::Locale;

/// What every email template sees besides its own data.
#[derive(Debug, Clone)]
pub struct MailCtx {
    pub locale: Locale,
    /// The recipient's name, for the greeting.
    pub name: String,
    /// The site's public address, for links.
    pub base_url: String,
    /// Set on non-transactional mail (invitations, reminders, digests), absent on account mail.
    pub preferences_url: Option<String>,
}

impl MailCtx {
    /// The context for a recipient.
    pub fn new(locale: Locale, name: &str, base_url: &url::Url, transactional: bool) -> Self {
        let base = base_url.as_str().trim_end_matches('/').to_string();
        Self {
            locale,
            name: name.to_string(),
            preferences_url: (!transactional).then(|| format!("{base}/account/notifications")),
            base_url: base,
        }
    }

    /// A message of the catalogue in the recipient's language.
    pub fn t(&self, key: &str) -> String {
        catalogue::text(self.locale, key)
    }

    /// A message with one variable.
    pub fn t1<'a>(&self, key: &str, name: &str, value: impl Into<Value<'a>>) -> String {
        catalogue::text_with(self.locale, key, &[(name, value.into())])
    }

    /// A message with two variables.
    pub fn t2<'a, 'b>(
        &self,
        key: &str,
        n1: &str,
        v1: impl Into<Value<'a>>,
        n2: &str,
        v2: impl Into<Value<'b>>,
    ) -> String {
        catalogue::text_with(self.locale, key, &[(n1, v1.into()), (n2, v2.into())])
    }

    /// A message with three variables.
    #[allow(clippy::too_many_arguments)]
    pub fn t3<'a, 'b, 'c>(
        &self,
        key: &str,
        n1: &str,
        v1: impl Into<Value<'a>>,
        n2: &str,
        v2: impl Into<Value<'b>>,
        n3: &str,
        v3: impl Into<Value<'c>>,
    ) -> String {
        catalogue::text_with(self.locale, key, &[(n1, v1.into()), (n2, v2.into()), (n3, v3.into())])
    }

    /// A local date and time as the recipient writes it.
    pub fn when(&self, utc: &NaiveDateTime) -> String {
        human::date_time(self.locale, *utc)
    }

    /// The local date of an instant as the recipient writes it.
    pub fn date_of(&self, utc: &NaiveDateTime) -> String {
        human::day(self.locale, *utc)
    }

    /// A calendar date as the recipient writes it.
    pub fn day(&self, d: &chrono::NaiveDate) -> String {
        human::date(self.locale, *d)
    }
}

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One kind of email: its name (the template folder, and the outbox's `template` column) and
/// whether it is transactional (account mail, sent whatever the preferences).
pub trait Letter {
    const KIND: &'static str;
    const TRANSACTIONAL: bool;
    /// Renders subject, plain text and HTML in the context's language.
    fn render(&self, m: &MailCtx) -> anyhow::Result<Rendered>;
}

/// Declares one kind of email: its data, its three templates and its [`Letter`] impl.
macro_rules! email {
    ($(#[$meta:meta])* $data:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty),* $(,)? },
     $kind:literal, transactional = $tr:literal,
     $subject:ident = $sp:literal, $text:ident = $tp:literal, $html:ident = $hp:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $data { $($(#[$fmeta])* pub $field: $ty),* }

        #[derive(Template)]
        #[template(path = $sp, escape = "none")]
        struct $subject<'a> {
            m: &'a MailCtx,
            #[allow(dead_code)] // not every subject line uses the email's data
            d: &'a $data,
        }

        #[derive(Template)]
        #[template(path = $tp, escape = "none")]
        struct $text<'a> {
            m: &'a MailCtx,
            #[allow(dead_code)]
            d: &'a $data,
        }

        #[derive(Template)]
        #[template(path = $hp)]
        struct $html<'a> {
            m: &'a MailCtx,
            #[allow(dead_code)]
            d: &'a $data,
        }

        impl Letter for $data {
            const KIND: &'static str = $kind;
            const TRANSACTIONAL: bool = $tr;
            fn render(&self, m: &MailCtx) -> anyhow::Result<Rendered> {
                let subject = $subject { m, d: self }.render()?;
                Ok(Rendered {
                    // A subject is one line whatever the template's layout.
                    subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
                    text: $text { m, d: self }.render()?.trim().to_string() + "\n",
                    html: $html { m, d: self }.render()?,
                })
            }
        }
    };
}

email!(
    /// The operator's test email (`ketnoi outbox test`): a sample meeting invitation.
    TestEmail { start: NaiveDateTime },
    "test", transactional = false,
    TestSubject = "email/test/subject.txt", TestText = "email/test/body.txt", TestHtml = "email/test/body.html"
);

email!(
    /// Confirms the address of a new account.
    VerifyEmail { url: String },
    "verify-email", transactional = true,
    VerifySubject = "email/verify-email/subject.txt",
    VerifyText = "email/verify-email/body.txt",
    VerifyHtml = "email/verify-email/body.html"
);

email!(
    /// Tells the owner of an address that someone registered with it again.
    AccountExists { url: String },
    "account-exists", transactional = true,
    ExistsSubject = "email/account-exists/subject.txt",
    ExistsText = "email/account-exists/body.txt",
    ExistsHtml = "email/account-exists/body.html"
);

email!(
    /// A link to choose a new password.
    ResetPassword { url: String },
    "reset-password", transactional = true,
    ResetSubject = "email/reset-password/subject.txt",
    ResetText = "email/reset-password/body.txt",
    ResetHtml = "email/reset-password/body.html"
);

email!(
    /// Confirms a new address for an account (sent to the new address).
    ChangeEmail { url: String },
    "change-email", transactional = true,
    ChangeSubject = "email/change-email/subject.txt",
    ChangeText = "email/change-email/body.txt",
    ChangeHtml = "email/change-email/body.html"
);

email!(
    /// Tells the old address that the account's address changed.
    EmailChanged { email: String },
    "email-changed", transactional = true,
    ChangedSubject = "email/email-changed/subject.txt",
    ChangedText = "email/email-changed/body.txt",
    ChangedHtml = "email/email-changed/body.html"
);

email!(
    /// Invites a colleague to act for an organisation.
    Invitation { inviter: String, inviter_email: String, organisation: String, url: String },
    "invite", transactional = true,
    InviteSubject = "email/invite/subject.txt",
    InviteText = "email/invite/body.txt",
    InviteHtml = "email/invite/body.html"
);

email!(
    /// Reminds an organisation's members that a listing expires, with a one-click renewal.
    ListingExpiring { title: String, expires: NaiveDateTime, url: String },
    "listing-expiring", transactional = true,
    ExpiringSubject = "email/listing-expiring/subject.txt",
    ExpiringText = "email/listing-expiring/body.txt",
    ExpiringHtml = "email/listing-expiring/body.html"
);

email!(
    /// Tells an organisation's members that the centre returned or rejected a listing.
    ListingReturned { title: String, rejected: bool, reason: String, url: String },
    "listing-returned", transactional = true,
    ReturnedSubject = "email/listing-returned/subject.txt",
    ReturnedText = "email/listing-returned/body.txt",
    ReturnedHtml = "email/listing-returned/body.html"
);

email!(
    /// Tells an organisation's members that another organisation is interested in one of its
    /// listings, with its message, the matched words if it came from a suggestion, and a link to
    /// answer.
    InterestReceived { listing: String, from: String, message: String, reasons: Vec<String>, url: String, page: String },
    "interest-received", transactional = true,
    ReceivedSubject = "email/interest-received/subject.txt",
    ReceivedText = "email/interest-received/body.txt",
    ReceivedHtml = "email/interest-received/body.html"
);

email!(
    /// Tells the interested organisation's members the owner's answer.
    InterestAnswered { listing: String, by: String, accepted: bool, message: String, url: String },
    "interest-answered", transactional = true,
    AnsweredSubject = "email/interest-answered/subject.txt",
    AnsweredText = "email/interest-answered/body.txt",
    AnsweredHtml = "email/interest-answered/body.html"
);

impl InterestAnswered {
    /// The selector of the catalogue's messages: `accepted` or `declined`.
    pub fn outcome(&self) -> &'static str {
        if self.accepted { "accepted" } else { "declined" }
    }
}

email!(
    /// Tells a participant's representatives what happened to its registration for a
    /// matchmaking session: `what` is `approved`, `pending`, `waitlisted`, `moved_up`,
    /// `rejected`, `withdrawn` or `cancelled` (the session itself).
    SessionNotice { session: String, date: chrono::NaiveDate, deadline: NaiveDateTime, what: String, url: String },
    "session-notice", transactional = true,
    SessionNoticeSubject = "email/session-notice/subject.txt",
    SessionNoticeText = "email/session-notice/body.txt",
    SessionNoticeHtml = "email/session-notice/body.html"
);

email!(
    /// Tells a participant's representatives about a meeting request: `what` is `received` (from
    /// `from`), `accepted` or `declined` (by `from`).
    MeetingRequestNotice { session: String, date: chrono::NaiveDate, from: String, reason: String, what: String, url: String },
    "meeting-request", transactional = true,
    MeetingRequestSubject = "email/meeting-request/subject.txt",
    MeetingRequestText = "email/meeting-request/body.txt",
    MeetingRequestHtml = "email/meeting-request/body.html"
);

/// One meeting of an agenda as an email lists it (facts, formatted for the recipient).
#[derive(Debug, Clone)]
pub struct AgendaLine {
    pub time: String,
    pub table: String,
    pub other: String,
    pub listings: String,
    /// The other side's contact, where its consent allows; empty otherwise.
    pub contact: String,
    pub cancelled: bool,
    /// Changed since the agenda was last sent.
    pub changed: bool,
}

email!(
    /// A participant's agenda of a matchmaking session: `what` is `published`, `updated`,
    /// `reminder` or `cancelled` (the session); its calendars travel as attachments.
    SessionAgenda {
        session: String,
        date: chrono::NaiveDate,
        venue: String,
        online_url: String,
        what: String,
        lines: Vec<AgendaLine>,
        url: String,
    },
    "session-agenda", transactional = true,
    SessionAgendaSubject = "email/session-agenda/subject.txt",
    SessionAgendaText = "email/session-agenda/body.txt",
    SessionAgendaHtml = "email/session-agenda/body.html"
);

email!(
    /// Tells the centre's staff that a participant declined a meeting (its slot is free for a
    /// new run).
    SessionAlert { session: String, organisation: String, other: String, time: String, url: String },
    "session-alert", transactional = true,
    SessionAlertSubject = "email/session-alert/subject.txt",
    SessionAlertText = "email/session-alert/body.txt",
    SessionAlertHtml = "email/session-alert/body.html"
);

email!(
    /// Asks a participant's representatives what its meetings led to: `what` is `feedback` (the
    /// evening of the day, with ratings) or the follow-up's day (`30`, `90`, `180`).
    SessionFeedback { session: String, date: chrono::NaiveDate, what: String, others: Vec<String>, url: String },
    "session-feedback", transactional = true,
    SessionFeedbackSubject = "email/session-feedback/subject.txt",
    SessionFeedbackText = "email/session-feedback/body.txt",
    SessionFeedbackHtml = "email/session-feedback/body.html"
);

email!(
    /// Reminds the owner's members of an expression unanswered for a week.
    InterestReminder { listing: String, from: String, since: NaiveDateTime, url: String },
    "interest-reminder", transactional = true,
    ReminderSubject = "email/interest-reminder/subject.txt",
    ReminderText = "email/interest-reminder/body.txt",
    ReminderHtml = "email/interest-reminder/body.html"
);

email!(
    /// Tells the interested organisation's members that the owner never answered.
    InterestExpired { listing: String, to: String, url: String },
    "interest-expired", transactional = true,
    ExpiredSubject = "email/interest-expired/subject.txt",
    ExpiredText = "email/interest-expired/body.txt",
    ExpiredHtml = "email/interest-expired/body.html"
);

email!(
    /// Tells an organisation's members that the other side wrote in their thread.
    InterestMessage { listing: String, from: String, body: String, url: String },
    "interest-message", transactional = true,
    MessageSubject = "email/interest-message/subject.txt",
    MessageText = "email/interest-message/body.txt",
    MessageHtml = "email/interest-message/body.html"
);

/// One new listing of a weekly digest.
#[derive(Debug, Clone)]
pub struct DigestItem {
    pub title: String,
    pub url: String,
    pub organisation: String,
    /// The reader's organisation's listing it matches.
    pub matches: String,
}

email!(
    /// The weekly digest: new listings of the last week that match the reader's organisation's
    /// own (opt-in; one-click unsubscribe).
    WeeklyDigest { items: Vec<DigestItem>, unsubscribe: String },
    "weekly-digest", transactional = false,
    DigestSubject = "email/weekly-digest/subject.txt",
    DigestText = "email/weekly-digest/body.txt",
    DigestHtml = "email/weekly-digest/body.html"
);

impl ListingReturned {
    /// The selector of the catalogue's messages: `rejected` or `returned`.
    pub fn outcome(&self) -> &'static str {
        if self.rejected { "rejected" } else { "returned" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> url::Url {
        url::Url::parse("https://ketnoi.example.vn/").unwrap()
    }

    fn start() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2027, 1, 12).unwrap().and_hms_opt(1, 30, 0).unwrap()
    }

    #[test]
    fn both_languages_with_layout_and_escaping() {
        let name = "Nguyễn <Văn> An";
        let vi = TestEmail { start: start() }.render(&MailCtx::new(Locale::Vi, name, &base(), false)).unwrap();
        assert_eq!(vi.subject, "Thư thử nghiệm của Sàn giao dịch công nghệ — thư mời gặp");
        assert!(vi.text.contains("Xin chào Nguyễn <Văn> An,"), "plain text is not escaped: {}", vi.text);
        assert!(
            vi.html.contains("Nguyễn &#60;Văn&#62; An") || vi.html.contains("Nguyễn &lt;Văn&gt; An"),
            "HTML is escaped"
        );
        assert!(vi.text.contains("12/01/2027 08:30 (giờ Việt Nam)"), "local time: {}", vi.text);
        assert!(vi.text.contains("Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ"));
        assert!(vi.html.contains("https://ketnoi.example.vn/account/notifications"));
        let en = TestEmail { start: start() }.render(&MailCtx::new(Locale::En, name, &base(), true)).unwrap();
        assert!(en.subject.starts_with("Test message"));
        assert!(en.text.contains("Hello Nguyễn <Văn> An,"));
        assert!(en.text.contains("12 Jan 2027, 08:30 (Viet Nam time)"), "{}", en.text);
        assert!(!en.html.contains("notifications"), "no preferences link on transactional mail");
    }

    /// Every kind renders in both languages from the catalogue: no key shows through, no
    /// isolation mark leaks, the subject is one line, and the link is in both parts.
    #[test]
    fn every_kind_in_both_languages() {
        let url = "https://ketnoi.example.vn/x?token=abc".to_string();
        let t = start();
        type Render = Box<dyn Fn(&MailCtx) -> anyhow::Result<Rendered>>;
        let mut all: Vec<(&str, Render)> = Vec::new();
        let u = url.clone();
        all.push(("verify-email", Box::new(move |m| VerifyEmail { url: u.clone() }.render(m))));
        let u = url.clone();
        all.push(("account-exists", Box::new(move |m| AccountExists { url: u.clone() }.render(m))));
        let u = url.clone();
        all.push(("reset-password", Box::new(move |m| ResetPassword { url: u.clone() }.render(m))));
        let u = url.clone();
        all.push(("change-email", Box::new(move |m| ChangeEmail { url: u.clone() }.render(m))));
        all.push(("email-changed", Box::new(|m| EmailChanged { email: "moi@vien.example".into() }.render(m))));
        let u = url.clone();
        all.push((
            "invite",
            Box::new(move |m| {
                Invitation {
                    inviter: "Lê Thị Hoa".into(),
                    inviter_email: "hoa@vien.example".into(),
                    organisation: "Viện Công nghệ Sinh học".into(),
                    url: u.clone(),
                }
                .render(m)
            }),
        ));
        let u = url.clone();
        all.push((
            "listing-expiring",
            Box::new(move |m| ListingExpiring { title: "Máy sấy".into(), expires: t, url: u.clone() }.render(m)),
        ));
        for rejected in [false, true] {
            let u = url.clone();
            all.push((
                "listing-returned",
                Box::new(move |m| {
                    ListingReturned {
                        title: "Máy sấy".into(), rejected, reason: "Thiếu ảnh".into(), url: u.clone()
                    }
                    .render(m)
                }),
            ));
        }
        let u = url.clone();
        all.push((
            "interest-received",
            Box::new(move |m| {
                InterestReceived {
                    listing: "Máy sấy".into(),
                    from: "Công ty Thủy sản".into(),
                    message: "Chúng tôi cần máy sấy.".into(),
                    reasons: vec!["máy sấy".into()],
                    url: u.clone(),
                    page: "https://ketnoi.example.vn/my/interests".into(),
                }
                .render(m)
            }),
        ));
        for accepted in [false, true] {
            let u = url.clone();
            all.push((
                "interest-answered",
                Box::new(move |m| {
                    InterestAnswered {
                        listing: "Máy sấy".into(),
                        by: "Viện Cơ điện".into(),
                        accepted,
                        message: "Hẹn gặp".into(),
                        url: u.clone(),
                    }
                    .render(m)
                }),
            ));
        }
        let u = url.clone();
        all.push((
            "interest-reminder",
            Box::new(move |m| {
                InterestReminder {
                    listing: "Máy sấy".into(),
                    from: "Công ty Thủy sản".into(),
                    since: t,
                    url: u.clone(),
                }
                .render(m)
            }),
        ));
        let u = url.clone();
        all.push((
            "interest-expired",
            Box::new(move |m| {
                InterestExpired { listing: "Máy sấy".into(), to: "Viện Cơ điện".into(), url: u.clone() }.render(m)
            }),
        ));
        let u = url.clone();
        all.push((
            "interest-message",
            Box::new(move |m| {
                InterestMessage {
                    listing: "Máy sấy".into(),
                    from: "Viện Cơ điện".into(),
                    body: "Thứ Năm gặp nhé.".into(),
                    url: u.clone(),
                }
                .render(m)
            }),
        ));
        let u = url.clone();
        all.push((
            "weekly-digest",
            Box::new(move |m| {
                WeeklyDigest {
                    items: vec![DigestItem {
                        title: "Máy sấy".into(),
                        url: "https://ketnoi.example.vn/offers/1".into(),
                        organisation: "Viện Cơ điện".into(),
                        matches: "Cần máy sấy tôm".into(),
                    }],
                    unsubscribe: u.clone(),
                }
                .render(m)
            }),
        ));
        for what in ["approved", "pending", "waitlisted", "moved_up", "rejected", "withdrawn", "cancelled"] {
            let u = url.clone();
            all.push((
                "session-notice",
                Box::new(move |m| {
                    SessionNotice {
                        session: "Phiên kết nối tháng 3".into(),
                        date: t.date(),
                        deadline: t,
                        what: what.into(),
                        url: u.clone(),
                    }
                    .render(m)
                }),
            ));
        }
        for what in ["received", "accepted", "declined"] {
            let u = url.clone();
            all.push((
                "meeting-request",
                Box::new(move |m| {
                    MeetingRequestNotice {
                        session: "Phiên kết nối tháng 3".into(),
                        date: t.date(),
                        from: "Viện Cơ điện".into(),
                        reason: "Chúng tôi cần máy sấy.".into(),
                        what: what.into(),
                        url: u.clone(),
                    }
                    .render(m)
                }),
            ));
        }
        for what in ["published", "updated", "reminder", "cancelled"] {
            let u = url.clone();
            all.push((
                "session-agenda",
                Box::new(move |m| {
                    SessionAgenda {
                        session: "Phiên kết nối tháng 3".into(),
                        date: t.date(),
                        venue: "07 Hà Nội, Huế".into(),
                        online_url: String::new(),
                        what: what.into(),
                        lines: vec![AgendaLine {
                            time: "08:00-08:30".into(),
                            table: "Bàn 1".into(),
                            other: "Viện Cơ điện".into(),
                            listings: "Máy sấy".into(),
                            contact: "an@vien.example".into(),
                            cancelled: what == "updated",
                            changed: what == "updated",
                        }],
                        url: u.clone(),
                    }
                    .render(m)
                }),
            ));
        }
        let u = url.clone();
        all.push((
            "session-alert",
            Box::new(move |m| {
                SessionAlert {
                    session: "Phiên kết nối tháng 3".into(),
                    organisation: "Viện Cơ điện".into(),
                    other: "Công ty Cố Đô".into(),
                    time: "08:00-08:30".into(),
                    url: u.clone(),
                }
                .render(m)
            }),
        ));
        for what in ["feedback", "30", "90", "180"] {
            let u = url.clone();
            all.push((
                "session-feedback",
                Box::new(move |m| {
                    SessionFeedback {
                        session: "Phiên kết nối tháng 3".into(),
                        date: t.date(),
                        what: what.into(),
                        others: vec!["Viện Cơ điện".into()],
                        url: u.clone(),
                    }
                    .render(m)
                }),
            ));
        }
        for (kind, render) in &all {
            let mut subjects = Vec::new();
            for locale in [Locale::Vi, Locale::En] {
                let r = render(&MailCtx::new(locale, "An", &base(), true)).unwrap();
                for part in [&r.subject, &r.text, &r.html] {
                    assert!(!part.contains("email-"), "{kind}: a key shows through: {part}");
                    assert!(!part.contains(['\u{2068}', '\u{2069}']), "{kind}: isolation marks");
                }
                assert!(!r.subject.contains('\n') && !r.subject.is_empty(), "{kind}");
                if *kind != "email-changed" {
                    assert!(r.text.contains(&url) && r.html.contains("token=abc"), "{kind}: link");
                }
                subjects.push(r.subject);
            }
            assert_ne!(subjects[0], subjects[1], "{kind}: the subject is translated");
        }
        let m = MailCtx::new(Locale::Vi, "An", &base(), true);
        let r = ListingExpiring { title: "Máy sấy".into(), expires: t, url }.render(&m).unwrap();
        assert!(r.subject.contains("12/01/2027"), "{}", r.subject);
        let en = Invitation {
            inviter: "Lê Thị Hoa".into(),
            inviter_email: "hoa@vien.example".into(),
            organisation: "Viện A".into(),
            url: "https://x.example/".into(),
        };
        let r = en.render(&MailCtx::new(Locale::En, "An", &base(), true)).unwrap();
        assert_eq!(r.subject, "Lê Thị Hoa invites you to join Viện A on the Technology Exchange");
    }
}
