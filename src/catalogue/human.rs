//! Money, dates and times as people read them, in one place for pages, emails and human-readable
//! reports: `1.234.567 ₫` and `25/11/2026` for Vietnamese readers, `VND 1,234,567` and
//! `25 Nov 2026` for English ones, always in Vietnam's time (UTC+7). The API and data exports
//! keep raw numbers and RFC 3339 times.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{Locale, Money, MoneyRange, TIME_ZONE};

/// Thousands grouped with `sep`.
fn grouped(n: i64, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A count with its thousands grouped the reader's way ("12.345" or "12,345").
pub fn number(locale: Locale, n: i64) -> String {
    grouped(n, if locale == Locale::Vi { '.' } else { ',' })
}

/// An amount in đồng: "1.234.567 ₫", or "VND 1,234,567" for English readers.
pub fn money(locale: Locale, m: Money) -> String {
    match locale {
        Locale::Vi => format!("{} ₫", number(locale, m.dong())),
        Locale::En => format!("VND {}", number(locale, m.dong())),
    }
}

/// A price or budget range, or the catalogue's "negotiable".
pub fn money_range(locale: Locale, r: MoneyRange) -> String {
    use super::text_with;
    let m = |x| money(locale, x);
    match (r.min(), r.max()) {
        (None, None) => super::text(locale, "money-negotiable"),
        (Some(a), Some(b)) if a == b => m(a),
        (Some(a), Some(b)) => text_with(locale, "money-between", &[("low", m(a).into()), ("high", m(b).into())]),
        (Some(a), None) => text_with(locale, "money-from", &[("amount", m(a).into())]),
        (None, Some(b)) => text_with(locale, "money-up-to", &[("amount", m(b).into())]),
    }
}

/// A calendar date: "01/03/2027", or "1 Mar 2027" for English readers.
pub fn date(locale: Locale, d: NaiveDate) -> String {
    match locale {
        Locale::Vi => d.format("%d/%m/%Y").to_string(),
        Locale::En => d.format("%-d %b %Y").to_string(),
    }
}

/// A UTC instant as a local date and time: "25/11/2026 14:30", or "25 Nov 2026, 14:30".
pub fn date_time(locale: Locale, utc: NaiveDateTime) -> String {
    let local = utc.and_utc().with_timezone(&TIME_ZONE);
    match locale {
        Locale::Vi => local.format("%d/%m/%Y %H:%M").to_string(),
        Locale::En => local.format("%-d %b %Y, %H:%M").to_string(),
    }
}

/// A UTC instant as its local calendar date.
pub fn day(locale: Locale, utc: NaiveDateTime) -> String {
    date(locale, crate::domain::local_date(utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_both_ways() {
        let m = Money::new(1_234_567).unwrap();
        assert_eq!(money(Locale::Vi, m), "1.234.567 ₫");
        assert_eq!(money(Locale::En, m), "VND 1,234,567");
        assert_eq!(money(Locale::Vi, Money::new(100).unwrap()), "100 ₫");
        assert_eq!(money(Locale::Vi, Money::new(35_000_000).unwrap()), "35.000.000 ₫");
        assert_eq!(number(Locale::En, -1_000), "-1,000");
    }

    #[test]
    fn ranges_use_the_catalogue() {
        assert_eq!(money_range(Locale::Vi, MoneyRange::negotiable()), "Thỏa thuận");
        assert_eq!(money_range(Locale::En, MoneyRange::negotiable()), "Negotiable");
        let (a, b) = (Money::new(5_000_000).unwrap(), Money::new(10_000_000).unwrap());
        let both = MoneyRange::new(Some(a), Some(b)).unwrap();
        assert_eq!(money_range(Locale::Vi, both), "5.000.000 ₫ – 10.000.000 ₫");
        let from = MoneyRange::new(Some(a), None).unwrap();
        assert_eq!(money_range(Locale::Vi, from), "từ 5.000.000 ₫");
        assert_eq!(money_range(Locale::En, from), "from VND 5,000,000");
        let to = MoneyRange::new(None, Some(b)).unwrap();
        assert_eq!(money_range(Locale::En, to), "up to VND 10,000,000");
        assert!(!money_range(Locale::Vi, to).contains('\u{2068}'), "no isolation marks");
    }

    #[test]
    fn dates_and_local_times() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(date(Locale::Vi, d), "01/03/2027");
        assert_eq!(date(Locale::En, d), "1 Mar 2027");
        // 17:30 UTC is half past midnight the next day in Huế.
        let t = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(17, 30, 0).unwrap();
        assert_eq!(date_time(Locale::Vi, t), "26/11/2026 00:30");
        assert_eq!(date_time(Locale::En, t), "26 Nov 2026, 00:30");
        assert_eq!(day(Locale::Vi, t), "26/11/2026");
    }
}
