//! The exchange's bilingual glossary (`index/glossary.tsv`): Vietnamese domain terms and their
//! English renderings ("nuôi tôm" ↔ "shrimp farming; shrimp culture"). A query is expanded into
//! the other language through it, so that a Vietnamese query finds English listings and the
//! reverse; the search engine and the recommender weigh the expansion below the words typed
//! ([`WEIGHT`]).
//!
//! Terms are found in a text left to right, longest first, without overlap. Vietnamese terms are
//! matched on lowercase words with their diacritics ("lần" is not "lan", orchid); in a text typed
//! without diacritics only terms of two syllables or more are matched, folded, because a single
//! unmarked syllable is as likely to be an English word. English terms are matched on stems
//! ("dryers" finds "dryer"), and only in a text that is not Vietnamese.

use std::collections::HashMap;
use std::sync::LazyLock;

use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

use crate::engine::is_vietnamese;
use ketnoi_text::{fold, normalize, words};

/// The weight of an expansion against a word typed (1).
pub const WEIGHT: f32 = 0.5;

/// The longest term, in words.
const LONGEST: usize = 6;

/// One term of the glossary.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    /// Lowercase syllables with diacritics.
    vi: Vec<String>,
    /// The English renderings, each as lowercase words and as stems.
    en: Vec<(Vec<String>, Vec<String>)>,
}

/// A term found in a query, in the other language: its renderings.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The term as found ("nuôi tôm", "solar power").
    pub found: String,
    /// Each rendering in the other language: English stems, or Vietnamese lowercase syllables
    /// with diacritics.
    pub renderings: Vec<Vec<String>>,
    /// True when the renderings are English.
    pub english: bool,
}

/// The parsed glossary, with the terms indexed by their first word.
pub struct Glossary {
    terms: Vec<Term>,
    /// First syllable (lowercase, diacritics kept) → terms.
    by_vi: HashMap<String, Vec<usize>>,
    /// First syllable folded → terms of two syllables or more.
    by_folded: HashMap<String, Vec<usize>>,
    /// First stem → (term, rendering).
    by_en: HashMap<String, Vec<(usize, usize)>>,
}

static GLOSSARY: LazyLock<Glossary> = LazyLock::new(|| Glossary::parse(include_str!("../glossary.tsv")));

/// The exchange's glossary.
pub fn glossary() -> &'static Glossary {
    &GLOSSARY
}

fn stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(Stemmer::new(Language::English)).build()
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    analyzer.token_stream(text).process(&mut |t| out.push(t.text.clone()));
    out
}

fn lower_words(text: &str) -> Vec<String> {
    words(&normalize(text).to_lowercase()).map(str::to_string).collect()
}

impl Glossary {
    /// Reads the glossary's lines: `Vietnamese term<TAB>rendering; rendering`; blank lines and
    /// lines starting with `#` are skipped, as are malformed ones.
    pub fn parse(text: &str) -> Self {
        let mut stem = stemmer();
        let mut g =
            Glossary { terms: Vec::new(), by_vi: HashMap::new(), by_folded: HashMap::new(), by_en: HashMap::new() };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let Some((vi, en)) = line.split_once('\t') else { continue };
            let vi = lower_words(vi);
            let en: Vec<(Vec<String>, Vec<String>)> = en
                .split(';')
                .map(|r| (lower_words(r), tokens(&mut stem, &normalize(r))))
                .filter(|(w, s)| !w.is_empty() && !s.is_empty())
                .collect();
            if vi.is_empty() || vi.len() > LONGEST || en.is_empty() {
                continue;
            }
            let i = g.terms.len();
            g.by_vi.entry(vi[0].clone()).or_default().push(i);
            if vi.len() > 1 {
                g.by_folded.entry(fold(&vi[0])).or_default().push(i);
            }
            for (r, (_, stems)) in en.iter().enumerate() {
                if stems.len() <= LONGEST {
                    g.by_en.entry(stems[0].clone()).or_default().push((i, r));
                }
            }
            g.terms.push(Term { vi, en });
        }
        g
    }

    /// The number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when the glossary has no term.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms of `text`, each with its renderings in the other language (see the module's
    /// documentation for how they are found).
    pub fn expand(&self, text: &str) -> Vec<Concept> {
        let text = normalize(text);
        let lower = lower_words(&text);
        if is_vietnamese(&text) {
            return self.find(&lower, |w| self.by_vi.get(w), false);
        }
        let folded: Vec<String> = lower.iter().map(|w| fold(w)).collect();
        let mut out = self.find(&folded, |w| self.by_folded.get(w), true);
        let stems = tokens(&mut stemmer(), &text);
        let mut i = 0;
        while i < stems.len() {
            // Every term with a rendering that starts here, of the longest such rendering.
            let here: Vec<(usize, usize)> = self
                .by_en
                .get(&stems[i])
                .into_iter()
                .flatten()
                .map(|&(t, r)| (t, self.terms[t].en[r].1.len()))
                .filter(|&(t, n)| stems.get(i..i + n).is_some_and(|s| self.terms[t].en.iter().any(|e| e.1 == s)))
                .collect();
            let Some(n) = here.iter().map(|&(_, n)| n).max() else {
                i += 1;
                continue;
            };
            let mut renderings: Vec<Vec<String>> = Vec::new();
            for (t, _) in here.into_iter().filter(|&(_, m)| m == n) {
                // A lone syllable without diacritics ("pin", "lan") is as likely an English word.
                let vi = &self.terms[t].vi;
                let lone_ascii = vi.len() == 1 && vi[0].is_ascii();
                if !lone_ascii && !renderings.contains(vi) {
                    renderings.push(self.terms[t].vi.clone());
                }
            }
            if !renderings.is_empty() {
                out.push(Concept { found: stems[i..i + n].join(" "), renderings, english: false });
            }
            i += n;
        }
        out
    }

    /// Vietnamese terms in `words` (looked up by `index`; compared folded when `folded_compare`), longest first, rendered in
    /// English.
    fn find<'a>(
        &'a self,
        words: &[String],
        index: impl Fn(&str) -> Option<&'a Vec<usize>>,
        folded_compare: bool,
    ) -> Vec<Concept> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let same = |t: &Term| {
                let k = &t.vi;
                words.get(i..i + k.len()).is_some_and(|w| {
                    w.iter().zip(k).all(|(a, b)| a == b || (folded_compare && *a == fold(b) && a.is_ascii()))
                })
            };
            let best = index(&words[i])
                .into_iter()
                .flatten()
                .filter(|t| same(&self.terms[**t]))
                .max_by_key(|t| (self.terms[**t].vi.len(), std::cmp::Reverse(**t)));
            match best {
                Some(&t) => {
                    let term = &self.terms[t];
                    out.push(Concept {
                        found: term.vi.join(" "),
                        renderings: term.en.iter().map(|(_, stems)| stems.clone()).collect(),
                        english: true,
                    });
                    i += term.vi.len();
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glossary_reads_and_has_its_size() {
        let g = glossary();
        assert!((300..=500).contains(&g.len()), "{} terms", g.len());
    }

    #[test]
    fn vietnamese_terms_longest_first_become_english_stems() {
        let c = glossary().expand("Cần giải pháp nuôi tôm và máy sấy nông sản");
        let found: Vec<&str> = c.iter().map(|c| c.found.as_str()).collect();
        assert_eq!(found, ["giải pháp", "nuôi tôm", "máy sấy", "nông sản"]);
        assert!(c.iter().all(|c| c.english));
        assert!(c[1].renderings.contains(&vec!["shrimp".to_string(), "farm".to_string()]), "{:?}", c[1]);
    }

    #[test]
    fn english_terms_become_vietnamese_syllables() {
        let c = glossary().expand("Solar power dryers for farmers");
        let found: Vec<&str> = c.iter().map(|c| c.found.as_str()).collect();
        assert_eq!(found, ["solar power", "dryer", "farmer"]);
        assert!(c.iter().all(|c| !c.english));
        // Every term rendered "solar power": both Vietnamese words for it.
        let syllables = |t: &str| t.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(c[0].renderings.contains(&syllables("điện mặt trời")), "{:?}", c[0]);
        assert!(c[0].renderings.contains(&syllables("năng lượng mặt trời")), "{:?}", c[0]);
    }

    #[test]
    fn single_unmarked_syllables_are_not_vietnamese() {
        // "lan" and "cam" are glossary terms (orchid, orange) only with their diacritics… and
        // "lần" (a time) is not "lan".
        assert!(glossary().expand("lần đầu tiên").iter().all(|c| c.found != "lan"));
        let c = glossary().expand("cam module");
        assert!(c.iter().all(|c| c.found != "cam"), "{c:?}");
        // …nor is one the English side turns into: "battery" is "pin", an English word too.
        assert!(glossary().expand("battery storage").iter().all(|c| c.found != "batteri"));
        // Two unmarked syllables are: "nuoi tom" is shrimp farming.
        let c = glossary().expand("nuoi tom");
        assert_eq!(c.first().map(|c| c.found.as_str()), Some("nuôi tôm"));
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let g = Glossary::parse("# comment\n\nno tab here\ntôm\tshrimp\n\t\nsấy\t ; \n");
        assert_eq!(g.len(), 1);
    }
}
