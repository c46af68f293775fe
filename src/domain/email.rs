//! Email addresses, normalised so that uniqueness is case-insensitive.

use super::ParseError;

/// A syntactically plausible address, trimmed and lowercased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses and normalises an address.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::new("email", s, "an address like ten@vi-du.vn");
        let t = ketnoi_text::clean(s, ketnoi_text::Lines::Single).map_err(|_| bad())?.trim().to_lowercase();
        let (local, domain) = t.rsplit_once('@').ok_or_else(bad)?;
        let ok = !local.is_empty()
            && t.chars().count() <= 254
            && local.chars().count() <= 64
            && !t.chars().any(|c| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c))
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..");
        if ok { Ok(Self(t)) } else { Err(bad()) }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_space() {
        assert_eq!(Email::parse("  Lan.Nguyen@HUSC.edu.VN ").unwrap().as_str(), "lan.nguyen@husc.edu.vn");
    }

    #[test]
    fn refuses_malformed() {
        for bad in ["", "a", "a@b", "@b.vn", "a b@c.vn", "a@.vn", "a@b..vn", "a@b.vn.", "<a@b.vn>"] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
