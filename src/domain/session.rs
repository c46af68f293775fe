//! The programme of a matchmaking session and the rule of a series, as plain values: a half-day
//! block is a span of local time ("08:00-11:30"), cut into slots of the session's length around
//! its breaks; a series repeats by an RFC 5545 RRULE in Asia/Ho_Chi_Minh.

use chrono::{NaiveDate, NaiveTime, TimeDelta, TimeZone};

use super::Block;

/// A span of local time within one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Span {
    /// Parses `HH:MM-HH:MM` (also with an en dash or spaces); the end must follow the start.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().replace(['–', '—'], "-");
        let (a, b) = t.split_once('-')?;
        let start = NaiveTime::parse_from_str(a.trim(), "%H:%M").ok()?;
        let end = NaiveTime::parse_from_str(b.trim(), "%H:%M").ok()?;
        (end > start).then_some(Self { start, end })
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start.format("%H:%M"), self.end.format("%H:%M"))
    }
}

/// Parses breaks written `10:00-10:15, 15:00-15:15` (commas, semicolons or line breaks);
/// `None` when one of them does not parse.
pub fn parse_spans(text: &str) -> Option<Vec<Span>> {
    text.split([',', ';', '\n', '|']).map(str::trim).filter(|s| !s.is_empty()).map(Span::parse).collect()
}

/// Writes spans back in the stored form (`|`-separated).
pub fn join_spans(spans: &[Span]) -> String {
    spans.iter().map(Span::to_string).collect::<Vec<_>>().join("|")
}

/// One meeting slot of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub block: Block,
    pub span: Span,
}

/// When a session's meetings can take place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub morning: Option<Span>,
    pub afternoon: Option<Span>,
    pub slot_minutes: i64,
    pub breaks: Vec<Span>,
}

impl Programme {
    /// The blocks the session has.
    pub fn blocks(&self) -> Vec<(Block, Span)> {
        [(Block::Morning, self.morning), (Block::Afternoon, self.afternoon)]
            .into_iter()
            .filter_map(|(b, s)| s.map(|s| (b, s)))
            .collect()
    }

    /// The meeting slots, in order: each block cut into slots of `slot_minutes`, a slot that
    /// would overlap a break starting after it.
    pub fn slots(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        if self.slot_minutes <= 0 {
            return out;
        }
        let len = TimeDelta::minutes(self.slot_minutes);
        for (block, span) in self.blocks() {
            let mut t = span.start;
            while t + len <= span.end && out.len() < crate::domain::session::MAX_SLOTS {
                let s = Span { start: t, end: t + len };
                match self.breaks.iter().find(|b| b.overlaps(&s)) {
                    Some(b) => t = b.end.max(t + TimeDelta::minutes(1)),
                    None => {
                        out.push(Slot { block, span: s });
                        t += len;
                    }
                }
            }
        }
        out
    }

    /// The indices of slots followed by a break or the end of their block (the scheduler counts
    /// no idle time across them).
    pub fn pauses_after(&self) -> Vec<usize> {
        let slots = self.slots();
        (0..slots.len())
            .filter(|&i| match slots.get(i + 1) {
                None => false,
                Some(next) => next.block != slots[i].block || next.span.start > slots[i].span.end,
            })
            .collect()
    }
}

/// The most slots a session may have (the scheduler's limit).
pub const MAX_SLOTS: usize = 64;

/// Why a series rule was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// Not an RRULE the calendar library accepts.
    Invalid,
    /// Repeats more often than weekly.
    TooFrequent,
}

/// The default rule: every two months, on the second Tuesday.
pub const DEFAULT_RULE: &str = "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU";

fn rule_set(rule: &str, first: NaiveDate) -> Result<rrule::RRuleSet, RuleError> {
    let rule = rule.trim().trim_start_matches("RRULE:");
    if rule.is_empty() || rule.len() > 300 || rule.contains(['\n', '\r']) {
        return Err(RuleError::Invalid);
    }
    let parsed: rrule::RRule<rrule::Unvalidated> = rule.parse().map_err(|_| RuleError::Invalid)?;
    if !matches!(parsed.get_freq(), rrule::Frequency::Weekly | rrule::Frequency::Monthly | rrule::Frequency::Yearly) {
        return Err(RuleError::TooFrequent);
    }
    let tz = rrule::Tz::Tz(super::TIME_ZONE);
    let start = first.and_hms_opt(8, 0, 0).ok_or(RuleError::Invalid)?;
    let dt_start = tz.from_local_datetime(&start).single().ok_or(RuleError::Invalid)?;
    let validated = parsed.validate(dt_start).map_err(|_| RuleError::Invalid)?;
    Ok(rrule::RRuleSet::new(dt_start).rrule(validated))
}

/// Checks a rule against its first date.
pub fn check_rule(rule: &str, first: NaiveDate) -> Result<(), RuleError> {
    rule_set(rule, first).map(|_| ())
}

/// The first `n` dates of the series on or after `from` (local dates).
pub fn occurrences(rule: &str, first: NaiveDate, from: NaiveDate, n: u16) -> Result<Vec<NaiveDate>, RuleError> {
    let set = rule_set(rule, first)?;
    let tz = rrule::Tz::Tz(super::TIME_ZONE);
    let from = from.and_hms_opt(0, 0, 0).ok_or(RuleError::Invalid)?;
    let after = tz.from_local_datetime(&from).single().ok_or(RuleError::Invalid)?;
    // `after` is exclusive: a second before the day's midnight includes that day.
    let result = set.after(after - TimeDelta::seconds(1)).all(n);
    Ok(result.dates.iter().map(|d| d.date_naive()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_default_rule_gives_the_second_tuesday_of_every_other_month() {
        let got = occurrences(DEFAULT_RULE, d(2027, 1, 12), d(2027, 1, 1), 4).unwrap();
        assert_eq!(got, vec![d(2027, 1, 12), d(2027, 3, 9), d(2027, 5, 11), d(2027, 7, 13)]);
        // From a later day, the next ones only; the day itself counts.
        assert_eq!(occurrences(DEFAULT_RULE, d(2027, 1, 12), d(2027, 3, 9), 1).unwrap(), vec![d(2027, 3, 9)]);
    }

    #[test]
    fn month_ends_follow_the_calendar() {
        // The 31st exists in some months only (RFC 5545 skips the others)…
        let got = occurrences("FREQ=MONTHLY;BYMONTHDAY=31", d(2027, 1, 31), d(2027, 1, 1), 3).unwrap();
        assert_eq!(got, vec![d(2027, 1, 31), d(2027, 3, 31), d(2027, 5, 31)]);
        // …the last day of each month is -1, February of a leap year included.
        let got = occurrences("FREQ=MONTHLY;BYMONTHDAY=-1", d(2028, 1, 31), d(2028, 1, 1), 3).unwrap();
        assert_eq!(got, vec![d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31)]);
        // The last Friday of every other month.
        let got = occurrences("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR", d(2027, 1, 29), d(2027, 2, 1), 2).unwrap();
        assert_eq!(got, vec![d(2027, 3, 26), d(2027, 5, 28)]);
    }

    #[test]
    fn dates_are_local_to_vietnam() {
        // 08:00 in Hanoi is 01:00 UTC the same day: the date never slips to the day before.
        let got = occurrences("FREQ=WEEKLY;BYDAY=MO", d(2027, 1, 4), d(2027, 1, 1), 2).unwrap();
        assert_eq!(got, vec![d(2027, 1, 4), d(2027, 1, 11)]);
    }

    #[test]
    fn bad_and_too_frequent_rules_are_refused() {
        for bad in ["", "FREQ=SOMETIMES", "FREQ=MONTHLY;BYDAY=9XX", "FREQ=MONTHLY\nRRULE:FREQ=DAILY", "DTSTART:2027"] {
            assert_eq!(check_rule(bad, d(2027, 1, 12)), Err(RuleError::Invalid), "{bad:?}");
        }
        assert_eq!(check_rule("FREQ=DAILY", d(2027, 1, 12)), Err(RuleError::TooFrequent));
        assert_eq!(check_rule("FREQ=HOURLY", d(2027, 1, 12)), Err(RuleError::TooFrequent));
        assert!(check_rule("RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU", d(2027, 1, 12)).is_ok());
    }

    #[test]
    fn slots_are_cut_around_breaks_and_blocks() {
        let p = Programme {
            morning: Span::parse("08:00-11:00"),
            afternoon: Span::parse("13:30 – 15:30"),
            slot_minutes: 30,
            breaks: parse_spans("09:30-09:45").unwrap(),
        };
        let starts: Vec<String> = p.slots().iter().map(|s| s.span.start.format("%H:%M").to_string()).collect();
        assert_eq!(starts, ["08:00", "08:30", "09:00", "09:45", "10:15", "13:30", "14:00", "14:30", "15:00"]);
        // After 09:00 (the break), after 10:15 (end of the morning); not after the last slot.
        assert_eq!(p.pauses_after(), vec![2, 4]);
        assert_eq!(Span::parse("11:00-10:00"), None);
        assert_eq!(Span::parse("25:00-26:00"), None);
        assert_eq!(parse_spans("10:00-10:15, x"), None);
    }
}
