//! The quality check at submission: warnings with a score, so an owner can improve a listing
//! before the centre reviews it and staff can see at a glance how much work a listing needs.
//! Warnings never block submission.

use super::{Need, Offer};

/// One finding: an interface-text key (`quality-*`) and the points it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub key: &'static str,
    pub cost: u8,
}

/// The findings and a score from 0 to 100 (100: nothing to improve).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub score: u8,
    pub warnings: Vec<Warning>,
}

/// A summary shorter than this says too little to match on.
pub const SUMMARY_MIN: usize = 80;
/// …and one longer than this is a description in the wrong field.
pub const SUMMARY_MAX: usize = 400;
/// A description shorter than this cannot be acted on.
pub const DESCRIPTION_MIN: usize = 300;
/// More keywords than this dilute matching.
pub const KEYWORDS_MAX: usize = 5;

fn chars(s: &str) -> usize {
    s.trim().chars().count()
}

/// Vague: too short to act on, or long but without a single figure (a yield, a capacity, a cost,
/// a size) that a partner could plan with.
fn vague(text: &str) -> bool {
    let n = chars(text);
    n < DESCRIPTION_MIN || (n < 3 * DESCRIPTION_MIN && !text.chars().any(|c| c.is_ascii_digit()))
}

fn report(found: Vec<(bool, &'static str, u8)>) -> Report {
    let warnings: Vec<Warning> =
        found.into_iter().filter(|(hit, _, _)| *hit).map(|(_, key, cost)| Warning { key, cost }).collect();
    let lost: u32 = warnings.iter().map(|w| u32::from(w.cost)).sum();
    Report { score: u8::try_from(100u32.saturating_sub(lost)).unwrap_or(0), warnings }
}

/// Checks an offer.
pub fn offer(o: &Offer) -> Report {
    report(vec![
        (chars(&o.summary) < SUMMARY_MIN, "quality-summary-short", 15),
        (chars(&o.summary) > SUMMARY_MAX, "quality-summary-long", 5),
        (chars(&o.advantages) < 30, "quality-no-advantages", 15),
        (o.trl.is_none(), "quality-no-trl", 10),
        (o.keywords.as_slice().len() > KEYWORDS_MAX, "quality-many-keywords", 5),
        (o.keywords.as_slice().is_empty(), "quality-no-keywords", 5),
        (chars(&o.applications) == 0, "quality-no-applications", 10),
        (vague(&o.description), "quality-vague", 20),
        (o.price.is_negotiable() && o.transfer_modes.is_empty(), "quality-no-terms", 15),
    ])
}

/// Checks a need (its problem statement plays the summary's and description's part).
pub fn need(n: &Need) -> Report {
    report(vec![
        (chars(&n.problem) < SUMMARY_MIN, "quality-problem-short", 15),
        (n.min_trl.is_none(), "quality-no-trl", 10),
        (n.keywords.as_slice().len() > KEYWORDS_MAX, "quality-many-keywords", 5),
        (n.keywords.as_slice().is_empty(), "quality-no-keywords", 5),
        (chars(&n.desired_outcome) == 0, "quality-no-outcome", 10),
        (vague(&format!("{} {} {}", n.problem, n.tried, n.desired_outcome)), "quality-vague", 20),
        (n.budget.is_negotiable() && n.deadline.is_none(), "quality-no-budget-deadline", 15),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Keywords, MoneyRange, Trl};

    #[test]
    fn an_empty_offer_scores_low_and_a_complete_one_full() {
        let mut o = crate::domain::records::tests::sample_offer();
        o.summary = "Ngắn".into();
        o.advantages = String::new();
        o.trl = None;
        o.applications = String::new();
        o.description = "Mơ hồ".into();
        o.price = MoneyRange::negotiable();
        o.transfer_modes.clear();
        o.keywords = Keywords::new(&["a", "b", "c", "d", "e", "f"]).unwrap();
        let r = offer(&o);
        let keys: Vec<_> = r.warnings.iter().map(|w| w.key).collect();
        assert_eq!(
            keys,
            [
                "quality-summary-short",
                "quality-no-advantages",
                "quality-no-trl",
                "quality-many-keywords",
                "quality-no-applications",
                "quality-vague",
                "quality-no-terms"
            ]
        );
        assert_eq!(r.score, 100 - 15 - 15 - 10 - 5 - 10 - 20 - 15);
        let full = crate::domain::records::tests::sample_offer();
        assert_eq!(offer(&full), Report { score: 100, warnings: vec![] }, "the sample is complete");
        let mut long = full.clone();
        long.trl = Some(Trl::new(7).unwrap());
        long.summary = "x".repeat(450);
        assert_eq!(offer(&long).warnings[0].key, "quality-summary-long");
    }
}
