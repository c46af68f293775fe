//! The two languages of the exchange: Vietnamese first, English second.

use super::ParseError;

/// A reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Vietnamese, the default of every page and email.
    #[default]
    Vi,
    /// English.
    En,
}

impl Locale {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
        }
    }
}

impl std::str::FromStr for Locale {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vi-vn" => Ok(Locale::Vi),
            "en" | "en-us" | "en-gb" => Ok(Locale::En),
            _ => Err(ParseError::new("locale", s, "vi or en")),
        }
    }
}
