//! Form and API input to values, with one message per offending field. Lengths are counted in
//! characters (a Vietnamese letter with two diacritics is one character, several bytes); text is
//! NFC-normalised and trimmed but otherwise kept exactly as typed.

use crate::domain::Email;
use ketnoi_text::{Lines, clean, clean_lossy};

/// A problem with one field: the field's name and an interface-text key (`err.*`), with a number
/// for the keys that need one (a length).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
    pub n: Option<usize>,
}

impl FieldError {
    /// The message in `locale`, with its number when it names one.
    pub fn message(&self, locale: crate::domain::Locale) -> String {
        match self.n {
            Some(n) => crate::catalogue::text_with(locale, self.key, &[("n", n.into())]),
            None => crate::catalogue::text(locale, self.key),
        }
    }
}

/// Collects field errors while a form is parsed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Check {
    pub errors: Vec<FieldError>,
}

impl Check {
    /// Records an error.
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.errors.push(FieldError { field, key, n: None });
    }

    /// Records an error that names a number (a length, a count).
    pub fn add_n(&mut self, field: &'static str, key: &'static str, n: usize) {
        self.errors.push(FieldError { field, key, n: Some(n) });
    }

    /// `Ok(value)` when no error was recorded.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() { Ok(value) } else { Err(self.errors) }
    }

    /// Trimmed single-line text of `min..=max` characters, through the one text rule
    /// ([`crate::domain::text`]).
    pub fn text(&mut self, field: &'static str, value: &str, min: usize, max: usize) -> String {
        self.checked(field, value, Lines::Single, min, max)
    }

    /// As [`Check::text`], for a multi-line field (tab and line breaks allowed).
    pub fn multiline(&mut self, field: &'static str, value: &str, min: usize, max: usize) -> String {
        self.checked(field, value, Lines::Multi, min, max)
    }

    fn checked(&mut self, field: &'static str, value: &str, lines: Lines, min: usize, max: usize) -> String {
        let t = match clean(value, lines) {
            Ok(t) => t.trim().to_string(),
            Err(_) => {
                self.add(field, "err-control");
                // What was typed, readable, so the form can show it again.
                return clean_lossy(value).trim().to_string();
            }
        };
        let n = t.chars().count();
        if n == 0 && min > 0 {
            self.add(field, "err-required");
        } else if n < min {
            self.add_n(field, "err-too-short", min);
        } else if n > max {
            self.add_n(field, "err-too-long", max);
        }
        t
    }

    /// Optional text: empty becomes `None`.
    pub fn optional(&mut self, field: &'static str, value: &str, max: usize) -> Option<String> {
        Some(self.text(field, value, 0, max)).filter(|t| !t.is_empty())
    }

    /// An email address, normalised.
    pub fn email(&mut self, field: &'static str, value: &str) -> Option<Email> {
        if value.trim().is_empty() {
            self.add(field, "err-required");
            return None;
        }
        Email::parse(value).map_err(|_| self.add(field, "err-email")).ok()
    }

    /// A new password that follows the rules.
    pub fn new_password(&mut self, field: &'static str, value: &str) {
        match crate::domain::password::check_new(value) {
            Ok(()) => {}
            Err(crate::domain::password::Weak::TooShort(n)) => self.add_n(field, "err-password-short", n),
            Err(crate::domain::password::Weak::TooLong(n)) => self.add_n(field, "err-too-long", n),
            Err(crate::domain::password::Weak::Common) => self.add(field, "err-password-common"),
        }
    }

    /// A value of a closed vocabulary (or a province) from its code.
    pub fn choice<T: std::str::FromStr>(&mut self, field: &'static str, value: &str) -> Option<T> {
        if value.trim().is_empty() {
            self.add(field, "err-required");
            return None;
        }
        value.trim().parse().map_err(|_| self.add(field, "err-choice")).ok()
    }

    /// An optional web address (http or https).
    pub fn website(&mut self, field: &'static str, value: &str) -> Option<String> {
        let t = self.optional(field, value, 300)?;
        let with_scheme = if t.contains("://") { t } else { format!("https://{t}") };
        match url::Url::parse(&with_scheme) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| h.contains('.')) => {
                Some(u.to_string())
            }
            _ => {
                self.add(field, "err-website");
                None
            }
        }
    }

    /// An optional phone number: digits with spaces, dots, dashes, brackets and a leading +.
    pub fn phone(&mut self, field: &'static str, value: &str) -> String {
        let t = self.text(field, value, 0, 30);
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let ok = t.chars().all(|c| c.is_ascii_digit() || " .-()+".contains(c)) && (8..=15).contains(&digits);
        if !t.is_empty() && !ok {
            self.add(field, "err-phone");
        }
        t
    }

    /// An optional tax code (mã số thuế): 10 digits, or 10 digits, a dash and 3 for a branch.
    pub fn tax_code(&mut self, field: &'static str, value: &str) -> Option<String> {
        let t: String = value.split_whitespace().collect();
        if t.is_empty() {
            return None;
        }
        let (main, branch) = t.split_once('-').unwrap_or((&t, ""));
        let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
        if digits(main, 10) && (branch.is_empty() || digits(branch, 3)) {
            Some(t)
        } else {
            self.add(field, "err-tax-code");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_characters_and_text_is_kept() {
        let mut c = Check::default();
        // 6 characters, 9 bytes in NFC: within a 6-character limit.
        let t = c.text("name", "  Nguyễn  ", 6, 6);
        assert_eq!(t, "Nguyễn");
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        let mut c = Check::default();
        c.text("name", &"ệ".repeat(301), 1, 300);
        assert_eq!(c.errors, vec![FieldError { field: "name", key: "err-too-long", n: Some(300) }]);
        // Decomposed input is composed.
        let mut c = Check::default();
        assert_eq!(c.text("x", "Vie\u{0323}\u{0302}t", 0, 10), "Việt");
    }

    #[test]
    fn tax_codes_phones_websites() {
        let mut c = Check::default();
        assert_eq!(c.tax_code("t", "3300101234"), Some("3300101234".into()));
        assert_eq!(c.tax_code("t", "3300101234-001"), Some("3300101234-001".into()));
        assert_eq!(c.tax_code("t", ""), None);
        assert!(c.errors.is_empty());
        assert_eq!(c.tax_code("t", "12345"), None);
        assert_eq!(c.errors.len(), 1);
        let mut c = Check::default();
        assert_eq!(c.phone("p", "0234 3822 111"), "0234 3822 111");
        assert_eq!(c.phone("p", "+84 (234) 382-2111"), "+84 (234) 382-2111");
        assert!(c.errors.is_empty());
        c.phone("p", "call me");
        assert_eq!(c.errors.len(), 1);
        let mut c = Check::default();
        assert_eq!(c.website("w", "vien.example"), Some("https://vien.example/".into()));
        assert_eq!(c.website("w", "javascript:alert(1)"), None);
        assert_eq!(c.errors.len(), 1);
    }
}
