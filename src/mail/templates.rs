//! Email templates: `templates/email/<name>/{subject.txt, body.txt, body.html}`, each in
//! Vietnamese and English chosen by the recipient's locale, inside a shared layout with the
//! centre's name and address and, on every non-transactional email, a preferences link.

use askama::Template;

use crate::domain::Locale;

/// What every email template sees besides its own data.
#[derive(Debug, Clone)]
pub struct MailCtx {
    pub en: bool,
    /// The site's public address, for links.
    pub base_url: String,
    /// Set on non-transactional mail (invitations, reminders, digests), absent on account mail.
    pub preferences_url: Option<String>,
}

impl MailCtx {
    /// The context for a recipient.
    pub fn new(locale: Locale, base_url: &url::Url, transactional: bool) -> Self {
        let base = base_url.as_str().trim_end_matches('/').to_string();
        Self {
            en: locale == Locale::En,
            preferences_url: (!transactional).then(|| format!("{base}/account/notifications")),
            base_url: base,
        }
    }
}

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Data of the operator's test email (`ketnoi outbox test`).
#[derive(Debug, Clone)]
pub struct TestEmail {
    pub name: String,
    pub meeting_title: String,
    /// Local time as shown to the reader.
    pub when: String,
    pub location: String,
}

/// Data of every account email (verification, password reset, email change, invitation): the
/// paragraphs are already in the recipient's language; one optional button.
#[derive(Debug, Clone)]
pub struct AccountEmail {
    pub name: String,
    pub subject: String,
    pub before: Vec<String>,
    /// Button label and link.
    pub action: Option<(String, String)>,
    pub after: Vec<String>,
}

/// Declares the three templates of one email and its `render` function.
macro_rules! email {
    ($data:ty, $subject:ident = $sp:literal, $text:ident = $tp:literal, $html:ident = $hp:literal) => {
        #[derive(Template)]
        #[template(path = $sp, escape = "none")]
        struct $subject<'a> {
            #[allow(dead_code)] // a subject line may be the same in both languages
            m: &'a MailCtx,
            #[allow(dead_code)] // not every subject line uses the email's data
            d: &'a $data,
        }

        #[derive(Template)]
        #[template(path = $tp, escape = "none")]
        struct $text<'a> {
            m: &'a MailCtx,
            d: &'a $data,
        }

        #[derive(Template)]
        #[template(path = $hp)]
        struct $html<'a> {
            m: &'a MailCtx,
            d: &'a $data,
        }

        impl $data {
            /// Renders subject, plain text and HTML for the context's language.
            pub fn render(&self, m: &MailCtx) -> anyhow::Result<Rendered> {
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
    TestEmail,
    TestSubject = "email/test/subject.txt",
    TestText = "email/test/body.txt",
    TestHtml = "email/test/body.html"
);

email!(
    AccountEmail,
    AccountSubject = "email/account/subject.txt",
    AccountText = "email/account/body.txt",
    AccountHtml = "email/account/body.html"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TestEmail {
        TestEmail {
            name: "Nguyễn <Văn> An".into(),
            meeting_title: "Gặp gỡ: Công ty A & Viện B".into(),
            when: "12/01/2027 08:30".into(),
            location: "Bàn 3, Trung tâm".into(),
        }
    }

    #[test]
    fn both_languages_with_layout_and_escaping() {
        let base = url::Url::parse("https://ketnoi.example.vn/").unwrap();
        let vi = sample().render(&MailCtx::new(Locale::Vi, &base, false)).unwrap();
        assert_eq!(vi.subject, "Thư thử nghiệm của Sàn giao dịch công nghệ — thư mời gặp");
        assert!(vi.text.contains("Xin chào Nguyễn <Văn> An"), "plain text is not escaped");
        assert!(
            vi.html.contains("Nguyễn &#60;Văn&#62; An") || vi.html.contains("Nguyễn &lt;Văn&gt; An"),
            "HTML is escaped"
        );
        assert!(vi.text.contains("Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ"));
        assert!(vi.html.contains("https://ketnoi.example.vn/account/notifications"));
        let en = sample().render(&MailCtx::new(Locale::En, &base, true)).unwrap();
        assert!(en.subject.starts_with("Test message"));
        assert!(en.text.contains("Hello"));
        assert!(!en.html.contains("notifications"), "no preferences link on transactional mail");
    }
}
