//! What the text of a need and an offer does not say: whether the offer's sector, maturity,
//! price, transfer modes and province suit the need. Each rule gives a factor on the text
//! relevance and a line of the "how you match" checklist; the factors are modest (the text
//! decides) until members' feedback on suggestions can tune them.
//!
//! | rule | fits | factor | does not fit | factor |
//! |---|---|---|---|---|
//! | sector | same | 1.10 | related ([`related`]) | 1.04 |
//! | maturity | offer's TRL ≥ need's minimum | 1.05 | below it | 0.85 |
//! | money | price range meets the budget range | 1.03 | lowest price above the budget | 0.90 |
//! | transfer | a mode in common | 1.03 | modes on both sides, none in common | 0.97 |
//! | province | the same | 1.03 | — | 1.00 |
//!
//! A rule with a side unknown (no TRL, a negotiable price, no modes) gives no factor and no line.

use crate::domain::{Locale, MoneyRange, Province, Sector, TransferMode};

/// What the rules read of a listing: an offer's TRL and price, or a need's minimum TRL and
/// budget.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub sector: Sector,
    pub trl: Option<u8>,
    pub money: MoneyRange,
    pub modes: Vec<TransferMode>,
    pub province: Province,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The same sector.
    SameSector { sector: Sector },
    /// Sectors next to each other (documented in [`related`]).
    RelatedSector { offer: Sector, need: Sector },
    /// The offer is mature enough.
    TrlMet { offer: u8, required: u8 },
    /// The offer is too early.
    TrlTooEarly { offer: u8, required: u8 },
    /// The price meets the budget.
    WithinBudget,
    /// Even the lowest price is above the budget.
    AboveBudget,
    /// Transfer modes both sides accept.
    SharedModes { modes: Vec<TransferMode> },
    /// Both sides name modes, none in common.
    NoSharedMode,
    /// Both in the same province.
    SameProvince { province: Province },
}

impl Check {
    /// True when the line is a fit (✓), false when it is a gap.
    pub fn fits(&self) -> bool {
        !matches!(self, Self::TrlTooEarly { .. } | Self::AboveBudget | Self::NoSharedMode)
    }

    /// The line as a reader of `locale` reads it.
    pub fn text(&self, locale: Locale) -> String {
        use crate::catalogue::text_with as t;
        let modes = |m: &[TransferMode]| m.iter().map(|x| x.label(locale)).collect::<Vec<_>>().join(", ");
        match self {
            Self::SameSector { sector } => t(locale, "reason-same-sector", &[("sector", sector.label(locale).into())]),
            Self::RelatedSector { offer, need } => t(
                locale,
                "reason-related-sector",
                &[("offer", offer.label(locale).into()), ("need", need.label(locale).into())],
            ),
            Self::TrlMet { offer, required } => {
                t(locale, "reason-trl-met", &[("offer", (*offer).into()), ("required", (*required).into())])
            }
            Self::TrlTooEarly { offer, required } => {
                t(locale, "reason-trl-too-early", &[("offer", (*offer).into()), ("required", (*required).into())])
            }
            Self::WithinBudget => t(locale, "reason-within-budget", &[]),
            Self::AboveBudget => t(locale, "reason-above-budget", &[]),
            Self::SharedModes { modes: m } => t(locale, "reason-shared-modes", &[("modes", modes(m).into())]),
            Self::NoSharedMode => t(locale, "reason-no-shared-mode", &[]),
            Self::SameProvince { province } => {
                t(locale, "reason-same-province", &[("province", province.label(locale).into())])
            }
        }
    }

    /// The rule's code (the API's `rule`).
    pub fn rule(&self) -> &'static str {
        match self {
            Self::SameSector { .. } => "same_sector",
            Self::RelatedSector { .. } => "related_sector",
            Self::TrlMet { .. } => "trl_met",
            Self::TrlTooEarly { .. } => "trl_too_early",
            Self::WithinBudget => "within_budget",
            Self::AboveBudget => "above_budget",
            Self::SharedModes { .. } => "shared_modes",
            Self::NoSharedMode => "no_shared_mode",
            Self::SameProvince { .. } => "same_province",
        }
    }

    /// The factor this line puts on the relevance.
    pub fn factor(&self) -> f32 {
        match self {
            Self::SameSector { .. } => 1.10,
            Self::RelatedSector { .. } => 1.04,
            Self::TrlMet { .. } => 1.05,
            Self::TrlTooEarly { .. } => 0.85,
            Self::WithinBudget => 1.03,
            Self::AboveBudget => 0.90,
            Self::SharedModes { .. } => 1.03,
            Self::NoSharedMode => 0.97,
            Self::SameProvince { .. } => 1.03,
        }
    }
}

/// Sectors whose technologies often serve each other's needs (symmetric): farming and fish
/// farming feed food processing and use biotechnology and animal health (diagnostics, vaccines);
/// energy, machines and electronics build on each other; materials serve construction, machines
/// and crafts; crafts live from tourism.
const RELATED: &[(Sector, Sector)] = {
    use Sector::*;
    &[
        (Agriculture, FoodProcessing),
        (Agriculture, Biotechnology),
        (Agriculture, Environment),
        (Agriculture, Mechanics),
        (Aquaculture, FoodProcessing),
        (Aquaculture, Biotechnology),
        (Aquaculture, Environment),
        (Aquaculture, Health),
        (Agriculture, Health),
        (FoodProcessing, Biotechnology),
        (FoodProcessing, Mechanics),
        (Biotechnology, Health),
        (Environment, Energy),
        (Environment, Construction),
        (Energy, Electronics),
        (Energy, Mechanics),
        (Materials, Construction),
        (Materials, Mechanics),
        (Materials, Handicrafts),
        (Mechanics, Electronics),
        (Electronics, InformationTechnology),
        (Handicrafts, Tourism),
    ]
};

/// True when two different sectors are related (the table above, either way round).
pub fn related(a: Sector, b: Sector) -> bool {
    RELATED.iter().any(|&(x, y)| (x, y) == (a, b) || (x, y) == (b, a))
}

/// The checklist of an offer against a need.
pub fn checks(offer: &Profile, need: &Profile) -> Vec<Check> {
    let mut out = Vec::new();
    if offer.sector == need.sector && offer.sector != Sector::Other {
        out.push(Check::SameSector { sector: offer.sector });
    } else if related(offer.sector, need.sector) {
        out.push(Check::RelatedSector { offer: offer.sector, need: need.sector });
    }
    if let (Some(o), Some(r)) = (offer.trl, need.trl) {
        out.push(if o >= r {
            Check::TrlMet { offer: o, required: r }
        } else {
            Check::TrlTooEarly { offer: o, required: r }
        });
    }
    if !offer.money.is_negotiable() && !need.money.is_negotiable() {
        // The offer's lowest price against the need's highest budget (an open bound fits).
        let above = match (offer.money.min().or(offer.money.max()), need.money.max()) {
            (Some(price), Some(budget)) => i64::from(price) > i64::from(budget),
            _ => false,
        };
        out.push(if above { Check::AboveBudget } else { Check::WithinBudget });
    }
    if !offer.modes.is_empty() && !need.modes.is_empty() {
        let shared: Vec<TransferMode> = offer.modes.iter().filter(|m| need.modes.contains(m)).copied().collect();
        out.push(if shared.is_empty() { Check::NoSharedMode } else { Check::SharedModes { modes: shared } });
    }
    if offer.province == need.province {
        out.push(Check::SameProvince { province: offer.province });
    }
    out
}

/// The product of the checklist's factors.
pub fn factor(checks: &[Check]) -> f32 {
    checks.iter().map(Check::factor).product()
}

/// `factor(&checks(offer, need))` without building the checklist: the recommender asks it for
/// every pair sharing a word (millions), the checklist is built only for the pairs shown. The
/// same factors multiplied in the same order, so the two agree to the bit.
pub fn factor_of(offer: &Profile, need: &Profile) -> f32 {
    let mut f = 1.0f32;
    if offer.sector == need.sector && offer.sector != Sector::Other {
        f *= 1.10;
    } else if related(offer.sector, need.sector) {
        f *= 1.04;
    }
    if let (Some(o), Some(r)) = (offer.trl, need.trl) {
        f *= if o >= r { 1.05 } else { 0.85 };
    }
    if !offer.money.is_negotiable() && !need.money.is_negotiable() {
        let above = match (offer.money.min().or(offer.money.max()), need.money.max()) {
            (Some(price), Some(budget)) => i64::from(price) > i64::from(budget),
            _ => false,
        };
        f *= if above { 0.90 } else { 1.03 };
    }
    if !offer.modes.is_empty() && !need.modes.is_empty() {
        f *= if offer.modes.iter().any(|m| need.modes.contains(m)) { 1.03 } else { 0.97 };
    }
    if offer.province == need.province {
        f *= 1.03;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    fn money(min: Option<i64>, max: Option<i64>) -> MoneyRange {
        MoneyRange::new(min.map(|m| Money::new(m).unwrap()), max.map(|m| Money::new(m).unwrap())).unwrap()
    }

    fn profile(sector: Sector, trl: Option<u8>, m: MoneyRange, modes: &[TransferMode], p: Province) -> Profile {
        Profile { sector, trl, money: m, modes: modes.to_vec(), province: p }
    }

    #[test]
    fn trl_at_its_boundary() {
        let need = profile(Sector::Aquaculture, Some(5), MoneyRange::negotiable(), &[], Province::Hue);
        let at = profile(Sector::Aquaculture, Some(5), MoneyRange::negotiable(), &[], Province::DaNang);
        let below = profile(Sector::Aquaculture, Some(4), MoneyRange::negotiable(), &[], Province::DaNang);
        assert!(checks(&at, &need).contains(&Check::TrlMet { offer: 5, required: 5 }));
        assert!(checks(&below, &need).contains(&Check::TrlTooEarly { offer: 4, required: 5 }));
        let unknown = profile(Sector::Aquaculture, None, MoneyRange::negotiable(), &[], Province::DaNang);
        assert_eq!(checks(&unknown, &need), vec![Check::SameSector { sector: Sector::Aquaculture }]);
    }

    #[test]
    fn budget_at_its_boundary() {
        let need = profile(Sector::Energy, None, money(Some(100), Some(500)), &[], Province::Hue);
        let offer = |m| profile(Sector::Energy, None, m, &[], Province::DaNang);
        assert!(checks(&offer(money(Some(500), None)), &need).contains(&Check::WithinBudget));
        assert!(checks(&offer(money(Some(501), Some(900))), &need).contains(&Check::AboveBudget));
        assert!(checks(&offer(money(None, Some(50))), &need).contains(&Check::WithinBudget), "cheaper is fine");
        let open = profile(Sector::Energy, None, money(Some(100), None), &[], Province::Hue);
        assert!(checks(&offer(money(Some(10_000), None)), &open).contains(&Check::WithinBudget), "no upper budget");
        assert!(
            !checks(&offer(MoneyRange::negotiable()), &need)
                .iter()
                .any(|c| matches!(c, Check::WithinBudget | Check::AboveBudget))
        );
    }

    #[test]
    fn sectors_modes_and_province() {
        use TransferMode::*;
        let need = profile(Sector::Aquaculture, None, MoneyRange::negotiable(), &[Licence, Training], Province::Hue);
        let related_offer = profile(Sector::Biotechnology, None, MoneyRange::negotiable(), &[Training], Province::Hue);
        let c = checks(&related_offer, &need);
        assert_eq!(
            c,
            vec![
                Check::RelatedSector { offer: Sector::Biotechnology, need: Sector::Aquaculture },
                Check::SharedModes { modes: vec![Training] },
                Check::SameProvince { province: Province::Hue },
            ]
        );
        assert!((factor(&c) - 1.04 * 1.03 * 1.03).abs() < 1e-6);
        let far = profile(Sector::Tourism, None, MoneyRange::negotiable(), &[Assignment], Province::DaNang);
        assert_eq!(checks(&far, &need), vec![Check::NoSharedMode]);
        assert!(related(Sector::Tourism, Sector::Handicrafts) && !related(Sector::Tourism, Sector::Energy));
        let other = profile(Sector::Other, None, MoneyRange::negotiable(), &[], Province::DaNang);
        assert!(checks(&other, &profile(Sector::Other, None, MoneyRange::negotiable(), &[], Province::Hue)).is_empty());
        assert!(c.iter().all(Check::fits) && !Check::NoSharedMode.fits());
    }

    #[test]
    fn the_fast_factor_equals_the_checklist_s() {
        use TransferMode::*;
        let mut n = 0;
        for (i, a) in Sector::ALL.iter().enumerate() {
            for b in Sector::ALL.iter().step_by(2) {
                for (t, r) in [(None, Some(5)), (Some(3), Some(5)), (Some(7), Some(5)), (Some(5), None)] {
                    for (m, budget) in [
                        (MoneyRange::negotiable(), money(Some(10), Some(20))),
                        (money(Some(30), None), money(Some(10), Some(20))),
                        (money(Some(15), Some(40)), money(None, Some(20))),
                        (money(None, Some(5)), MoneyRange::negotiable()),
                    ] {
                        let modes: &[TransferMode] = if i % 3 == 0 { &[] } else { &[Licence, Training] };
                        let offer = profile(*a, t, m, modes, if i % 2 == 0 { Province::Hue } else { Province::DaNang });
                        let need = profile(*b, r, budget, &[Training], Province::Hue);
                        assert_eq!(factor_of(&offer, &need).to_bits(), factor(&checks(&offer, &need)).to_bits());
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 900);
    }

    #[test]
    fn every_line_reads_in_both_languages() {
        let lines = [
            Check::SameSector { sector: Sector::Aquaculture },
            Check::RelatedSector { offer: Sector::Biotechnology, need: Sector::Aquaculture },
            Check::TrlMet { offer: 6, required: 5 },
            Check::TrlTooEarly { offer: 3, required: 6 },
            Check::WithinBudget,
            Check::AboveBudget,
            Check::SharedModes { modes: vec![TransferMode::Licence, TransferMode::Training] },
            Check::NoSharedMode,
            Check::SameProvince { province: Province::Hue },
        ];
        for c in &lines {
            for l in [Locale::Vi, Locale::En] {
                let text = c.text(l);
                assert!(!text.contains("reason-") && !text.contains('\u{2068}'), "{text}");
            }
        }
        assert_eq!(lines[2].text(Locale::En), "TRL 6 ≥ required 5");
        assert_eq!(lines[3].text(Locale::En), "TRL 3: too early for the required 6");
        assert_eq!(lines[0].text(Locale::Vi), "Cùng lĩnh vực: Thủy sản");
    }
}
