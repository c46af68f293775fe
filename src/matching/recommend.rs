//! The recommender: every need's best offers and every offer's best needs, with the reasons.
//!
//! A pair's score is the text relevance of the offer to the need — the need's whole text as a
//! long query against the offers ([`ketnoi_index::similar`]) — times the fit factors of
//! [`super::fit`]. One score per pair: an offer's list of needs ranks them by the same number as
//! the needs' lists of offers, so a pair reads the same from either side. Lists are exact (the
//! score of every pair sharing a term is computed).

use ketnoi_index::similar::{Model, Text};

use super::fit::{Profile, factor_of};
use crate::domain::{Listing, Trl};

/// A listing as the recommender sees it: its text and what the fit rules read.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The title and the keywords.
    pub title: String,
    /// Every other text.
    pub body: String,
    /// The English title and summary, if the listing has them.
    pub title_en: String,
    pub summary_en: String,
    pub profile: Profile,
}

impl Entry {
    /// What the recommender reads of a listing: an offer's title and keywords, then its summary,
    /// description, advantages and applications; a need's title and keywords, then its problem,
    /// what was tried and the outcome wanted.
    pub fn of(listing: &Listing) -> Self {
        let join = |parts: &[&str]| parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join("\n");
        match listing {
            Listing::Offer(o) => Entry {
                title: join(&[&o.title, &o.keywords.as_slice().join(", ")]),
                body: join(&[&o.summary, &o.description, &o.advantages, &o.applications]),
                title_en: o.title_en.clone(),
                summary_en: o.summary_en.clone(),
                profile: Profile {
                    sector: o.sector,
                    trl: o.trl.map(Trl::get),
                    money: o.price,
                    modes: o.transfer_modes.clone(),
                    province: o.province,
                },
            },
            Listing::Need(n) => Entry {
                title: join(&[&n.title, &n.keywords.as_slice().join(", ")]),
                body: join(&[&n.problem, &n.tried, &n.desired_outcome]),
                title_en: n.title_en.clone(),
                summary_en: n.summary_en.clone(),
                profile: Profile {
                    sector: n.sector,
                    trl: n.min_trl.map(Trl::get),
                    money: n.budget,
                    modes: n.transfer_modes.clone(),
                    province: n.province,
                },
            },
        }
    }

    /// The text the model reads.
    pub fn text(&self) -> Text<'_> {
        Text { title: &self.title, body: &self.body, title_en: &self.title_en, summary_en: &self.summary_en }
    }
}

/// A suggested pair, by index into the needs and the offers given.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub need: usize,
    pub offer: usize,
    /// `relevance` times the fit.
    pub score: f32,
    /// The text relevance, in [0, 1].
    pub relevance: f32,
    /// The heaviest terms the two share, folded (and stemmed in English): the matched words.
    pub terms: Vec<String>,
}

/// Matched terms kept per pair.
pub const TERMS: usize = 6;
/// Single words are shown only to bring the matched terms up to this many.
pub const SINGLES_UNTIL: usize = 3;

/// The lists: per need its offers, per offer its needs, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lists {
    pub for_needs: Vec<Vec<Pair>>,
    pub for_offers: Vec<Vec<Pair>>,
}

/// Computes the `top` best of every list on `threads` threads; `done` is called after each need.
pub fn recommend(needs: &[Entry], offers: &[Entry], top: usize, threads: usize, done: impl Fn() + Sync) -> Lists {
    let texts: Vec<Text> = offers.iter().map(Entry::text).collect();
    let model = Model::build(&texts, threads);
    let queries = model.queries(&needs.iter().map(Entry::text).collect::<Vec<_>>(), threads);
    let fit = |n: usize, o: u32| factor_of(&offers[o as usize].profile, &needs[n].profile);
    let lists = model.all_pairs(&queries, top, threads, fit, done);
    let pair = |n: usize, o: u32, score: f32| {
        let terms = matched(model.shared(&queries[n], o).into_iter().map(|(t, _)| t));
        Pair { need: n, offer: o as usize, score, relevance: score / fit(n, o), terms }
    };
    Lists {
        for_needs: lists
            .documents
            .iter()
            .enumerate()
            .map(|(n, l)| l.iter().map(|s| pair(n, s.index, s.score)).collect())
            .collect(),
        for_offers: lists
            .queries
            .iter()
            .enumerate()
            .map(|(o, l)| l.iter().map(|s| pair(s.index as usize, o as u32, s.score)).collect())
            .collect(),
    }
}

/// The matched words to show, from the shared terms heaviest first: word pairs first (one
/// Vietnamese syllable says little), chained into longer phrases where they overlap ("hoai tu",
/// "tu gan", "gan tuy" → "hoai tu gan tuy"), then — only while fewer than [`SINGLES_UNTIL`] are
/// shown — single words that no phrase holds, leaving out numbers and words under three letters
/// (a lone syllable such as "sau" or "hai" explains nothing); at most [`TERMS`].
/// Function words, folded (Vietnamese) or stemmed (English), left out of the matched terms shown;
/// only Vietnamese ones no content word folds to ("tu" is also "tử", "khi" also "khí").
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of", "on", "or", "that",
    "the", "to", "was", "with", "va", "cac", "duoc", "cho", "mot", "nay", "trong",
];

fn matched<'a>(shared: impl Iterator<Item = &'a str>) -> Vec<String> {
    // Terms with a function word ("the water", "điện và") say nothing to a reader.
    let (pairs, words): (Vec<&str>, Vec<&str>) =
        shared.filter(|t| !t.split(' ').any(|w| FUNCTION_WORDS.contains(&w))).partition(|t| t.contains(' '));
    let mut phrases: Vec<Vec<&str>> = pairs.iter().map(|p| p.split(' ').collect()).collect();
    // Join a phrase to the heavier one it continues, until none does.
    'joined: loop {
        for i in 0..phrases.len() {
            for j in 0..phrases.len() {
                let (a, b) = (&phrases[i], &phrases[j]);
                let joins = i != j && a.last() == b.first() && !b[1..].iter().any(|w| a.contains(w));
                if joins {
                    let tail: Vec<&str> = phrases[j][1..].to_vec();
                    phrases[i].extend(tail);
                    phrases.remove(j);
                    continue 'joined;
                }
            }
        }
        break;
    }
    let mut out: Vec<String> = phrases.iter().take(TERMS).map(|ph| ph.join(" ")).collect();
    for w in words {
        if out.len() >= SINGLES_UNTIL {
            break;
        }
        let shown = phrases.iter().any(|ph| ph.contains(&w));
        if !shown && w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()) {
            out.push(w.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MoneyRange, Province, Sector, TransferMode};

    fn entry(title: &str, body: &str, sector: Sector, trl: Option<u8>) -> Entry {
        Entry {
            title: title.into(),
            body: body.into(),
            title_en: String::new(),
            summary_en: String::new(),
            profile: Profile {
                sector,
                trl,
                money: MoneyRange::negotiable(),
                modes: vec![TransferMode::Licence],
                province: Province::Hue,
            },
        }
    }

    #[test]
    fn matched_words_chain_pairs_and_skip_noise() {
        let shared = ["gan tuy", "hoai tu", "tom", "tu gan", "5", "ly", "benh", "gan", "nuoi", "the water", "dien va"];
        assert_eq!(matched(shared.into_iter()), vec!["hoai tu gan tuy", "tom", "benh"]);
        let many = ["nuoi tom", "gan tuy", "che pham", "tom", "benh"];
        assert_eq!(
            matched(many.into_iter()),
            vec!["nuoi tom", "gan tuy", "che pham"],
            "phrases enough: no single word"
        );
    }

    #[test]
    fn the_shrimp_need_finds_the_shrimp_offers_with_reasons() {
        let needs = [entry(
            "Cần giải pháp phòng bệnh hoại tử gan tụy cấp trên tôm thẻ",
            "Ao nuôi tôm thẻ chân trắng bị bệnh hoại tử gan tụy cấp, tôm chết sớm.",
            Sector::Aquaculture,
            Some(6),
        )];
        let offers = [
            entry("Máy sấy cà phê", "Sấy cà phê bằng năng lượng mặt trời.", Sector::Energy, Some(7)),
            entry(
                "Bộ kit LAMP phát hiện virus trên tôm",
                "Phát hiện nhanh bệnh hoại tử gan tụy cấp trên tôm thẻ tại ao nuôi.",
                Sector::Aquaculture,
                Some(7),
            ),
            entry(
                "Chế phẩm vi sinh xử lý bùn đáy ao nuôi tôm",
                "Vi sinh phân hủy bùn đáy ao tôm.",
                Sector::Aquaculture,
                Some(3),
            ),
        ];
        let lists = recommend(&needs, &offers, 10, 2, || {});
        let first = &lists.for_needs[0][0];
        assert_eq!(first.offer, 1);
        assert!(first.terms.iter().any(|t| t.contains("gan tuy")), "{:?}", first.terms);
        assert!(!first.terms.iter().any(|t| t == "gan"), "a word a pair shows already: {:?}", first.terms);
        // The score is the relevance times the checklist's factors.
        let c = crate::matching::fit::checks(&offers[1].profile, &needs[0].profile);
        assert!((first.score - first.relevance * crate::matching::fit::factor(&c)).abs() < 1e-6);
        assert!(lists.for_needs[0].iter().all(|p| p.offer != 0), "the dryer shares no word");
        // The same pair, the same score, from the offer's side.
        assert_eq!(lists.for_offers[1][0], *first);
        assert!(lists.for_offers[0].is_empty());
    }
}
