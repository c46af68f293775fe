//! The keywords of a listing: at most ten (more than five is already a quality warning).

use super::ParseError;

/// At most [`Keywords::MAX`] distinct, trimmed keywords of at most 60 characters each.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Keywords(Vec<String>);

impl Keywords {
    /// The most keywords a listing may carry.
    pub const MAX: usize = 10;

    /// Parses a list, dropping blanks and case-insensitive repeats.
    pub fn new<S: AsRef<str>>(items: &[S]) -> Result<Self, ParseError> {
        let mut out: Vec<String> = Vec::new();
        for item in items {
            let k = ketnoi_text::clean(item.as_ref(), ketnoi_text::Lines::Single)
                .map_err(|_| ParseError::new("keyword", item.as_ref(), "no control characters"))?;
            let k = k.trim();
            if k.is_empty() {
                continue;
            }
            if k.chars().count() > 60 {
                return Err(ParseError::new("keyword", k, "at most 60 characters"));
            }
            if !out.iter().any(|o| o.to_lowercase() == k.to_lowercase()) {
                out.push(k.to_string());
            }
        }
        if out.len() > Self::MAX {
            return Err(ParseError::new("keywords", &out.join(", "), format!("at most {} keywords", Self::MAX)));
        }
        Ok(Self(out))
    }

    /// Parses a comma-separated field as typed in a form.
    pub fn parse_csv(s: &str) -> Result<Self, ParseError> {
        Self::new(&s.split([',', ';']).collect::<Vec<_>>())
    }

    /// The keywords.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_ten_distinct() {
        let k = Keywords::parse_csv("tôm, Tôm , , nuôi trồng").unwrap();
        assert_eq!(k.as_slice(), ["tôm", "nuôi trồng"]);
        assert!(Keywords::parse_csv("a,b,c,d,e,f,g,h,i,j,k").is_err());
        assert!(Keywords::parse_csv("a,b,c,d,e,f,g,h,i,j").is_ok());
    }
}
