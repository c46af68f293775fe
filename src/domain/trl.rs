//! Technology readiness level (mức độ sẵn sàng công nghệ), 1 to 9.

use super::ParseError;

/// A TRL between 1 (basic principles observed) and 9 (proven in operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Trl(u8);

impl Trl {
    /// Parses a level; anything outside 1..=9 is refused.
    pub fn new(level: i64) -> Result<Self, ParseError> {
        match u8::try_from(level) {
            Ok(l @ 1..=9) => Ok(Self(l)),
            _ => Err(ParseError::new("TRL", &level.to_string(), "a whole number from 1 to 9")),
        }
    }

    /// The level as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl std::str::FromStr for Trl {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let t = s.trim().trim_start_matches(['T', 't', 'R', 'r', 'L', 'l', ' ']);
        t.parse::<i64>().map_err(|_| ParseError::new("TRL", s, "a whole number from 1 to 9")).and_then(Self::new)
    }
}

impl<'de> serde::Deserialize<'de> for Trl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        Self::new(n).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_nine() {
        assert_eq!(Trl::new(1).unwrap().get(), 1);
        assert_eq!("TRL 7".parse::<Trl>().unwrap().get(), 7);
        assert!(Trl::new(0).is_err());
        assert!(Trl::new(10).is_err());
        assert!(Trl::new(-3).is_err());
        assert!("bảy".parse::<Trl>().is_err());
        assert!(serde_json::from_str::<Trl>("12").is_err());
    }
}
