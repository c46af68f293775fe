//! Money in whole Vietnamese đồng, and the price or budget ranges of listings.

use super::ParseError;

/// A non-negative amount of whole đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Money(i64);

impl Money {
    /// Refuses negative amounts.
    pub fn new(dong: i64) -> Result<Self, ParseError> {
        if dong < 0 {
            Err(ParseError::new("amount", &dong.to_string(), "a whole number of đồng, 0 or more"))
        } else {
            Ok(Self(dong))
        }
    }

    /// Parses amounts as people type them: "1.500.000", "1 500 000 đ", "2,5 tỷ", "300 triệu".
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::new("amount", s, "a whole number of đồng, e.g. 150.000.000 or 1,5 tỷ");
        let folded = ketnoi_text::fold(s);
        let mut t = folded.trim().trim_end_matches("vnd").trim_end_matches("dong").trim_end_matches('d').trim();
        let mut scale = 1i64;
        for (suffix, factor) in [("ty", 1_000_000_000), ("trieu", 1_000_000), ("nghin", 1_000), ("ngan", 1_000)] {
            if let Some(rest) = t.strip_suffix(suffix) {
                t = rest.trim();
                scale = factor;
                break;
            }
        }
        if t.is_empty() {
            return Err(bad());
        }
        let value = if scale == 1 {
            let digits: String = t.chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '_')).collect();
            digits.parse::<i64>().map_err(|_| bad())?
        } else {
            // "2,5 tỷ": the comma is the Vietnamese decimal separator here.
            let number: f64 = t.replace(',', ".").parse().map_err(|_| bad())?;
            let v = number * scale as f64;
            if !v.is_finite() || v < 0.0 || v > i64::MAX as f64 {
                return Err(bad());
            }
            v.round() as i64
        };
        Self::new(value)
    }

    /// The amount in đồng.
    pub fn dong(self) -> i64 {
        self.0
    }
}

impl TryFrom<i64> for Money {
    type Error = ParseError;
    fn try_from(v: i64) -> Result<Self, ParseError> {
        Self::new(v)
    }
}

impl From<Money> for i64 {
    fn from(m: Money) -> i64 {
        m.0
    }
}

/// A price or budget: a range, an open-ended bound, or "negotiable" (both bounds absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MoneyRange {
    min: Option<Money>,
    max: Option<Money>,
}

impl MoneyRange {
    /// Refuses a range whose lower bound exceeds its upper bound.
    pub fn new(min: Option<Money>, max: Option<Money>) -> Result<Self, ParseError> {
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            return Err(ParseError::new(
                "amount range",
                &format!("{}–{}", a.0, b.0),
                "a lower bound not above the upper bound",
            ));
        }
        Ok(Self { min, max })
    }

    /// Builds from stored columns, which were validated when written.
    pub fn from_columns(min: Option<i64>, max: Option<i64>) -> Result<Self, ParseError> {
        Self::new(min.map(Money::new).transpose()?, max.map(Money::new).transpose()?)
    }

    /// "Negotiable" (thỏa thuận).
    pub fn negotiable() -> Self {
        Self::default()
    }

    /// The lower bound.
    pub fn min(self) -> Option<Money> {
        self.min
    }

    /// The upper bound.
    pub fn max(self) -> Option<Money> {
        self.max
    }

    /// True when neither bound is given.
    pub fn is_negotiable(self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse("1.500.000").unwrap().dong(), 1_500_000);
        assert_eq!(Money::parse("1 500 000 đ").unwrap().dong(), 1_500_000);
        assert_eq!(Money::parse("2,5 tỷ").unwrap().dong(), 2_500_000_000);
        assert_eq!(Money::parse("300 triệu VNĐ").unwrap().dong(), 300_000_000);
        assert!(Money::parse("-5").is_err());
        assert!(Money::parse("nhiều").is_err());
        assert!(Money::parse("").is_err());
    }

    #[test]
    fn range_order() {
        let a = Money::new(5).unwrap();
        let b = Money::new(10).unwrap();
        assert!(MoneyRange::new(Some(b), Some(a)).is_err());
        assert!(MoneyRange::new(Some(a), Some(b)).is_ok());
        assert!(MoneyRange::from_columns(Some(-1), None).is_err());
    }
}
