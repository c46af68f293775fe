//! Long texts against long texts: a need's whole description against every offer (the
//! recommender), and the same weighting for a long question pasted into the search box.
//!
//! The search page's ranking leans towards documents holding *every* word, which is right for
//! three typed words and wrong for an 800-word need: no offer holds them all, and the words that
//! say what the need is about drown in the ones every description uses. Here a long text becomes
//! a weighted query instead, the weights chosen on the need→offer collection
//! (`../shared/data/match/sbir_dod_dev`, see BENCHMARKS.md):
//!
//! - a word's weight grows with the log of its count in the text, doubled when it is in the
//!   title (or the keywords);
//! - only the `WORDS` words with the highest weight × idf are kept, and the `PAIRS` adjacent word
//!   pairs likewise at `PAIR_WEIGHT` (phrases such as "lithium sulfur", "nuôi tôm");
//! - documents are scored by BM25 with full length normalisation (b = 1: a long abstract does not
//!   win by mentioning everything), the title counting twice.
//!
//! The [`Model`] holds the documents' weights in memory as posting lists, so scoring a query
//! visits only the documents sharing one of its terms, and [`Model::all_pairs`] computes every
//! query's best documents and every document's best queries exactly (the scores are the sums a
//! brute-force scorer makes, in the same order: [`Model::brute_force`] checks it).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use tantivy::tokenizer::{AsciiFoldingFilter, Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

use crate::engine::is_vietnamese;
use crate::glossary;
use ketnoi_text::{fold, normalize};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation: full.
const B: f32 = 1.0;
/// A term in the document's title counts this much more than in its text.
const TITLE: f32 = 2.0;
/// A query word in the query's title (or keywords) weighs this much more.
const QUERY_TITLE: f32 = 2.0;
/// The words a long query keeps.
pub const WORDS: usize = 100;
/// The adjacent word pairs a long query keeps, and their weight against single words.
pub const PAIRS: usize = 30;
pub const PAIR_WEIGHT: f32 = 0.3;

/// A text to match: its title (with the keywords) and the rest, and the English title and
/// summary a Vietnamese listing may have besides (always analysed as English).
#[derive(Debug, Clone, Copy, Default)]
pub struct Text<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub title_en: &'a str,
    pub summary_en: &'a str,
}

impl<'a> Text<'a> {
    /// A text with no English fields.
    pub fn new(title: &'a str, body: &'a str) -> Self {
        Self { title, body, ..Self::default() }
    }
}

/// The words of a text as the model counts them: folded (lowercase, no diacritics), and stemmed
/// when the text is not Vietnamese.
pub struct Analyzer {
    folded: TextAnalyzer,
    stemmed: TextAnalyzer,
}

impl Default for Analyzer {
    fn default() -> Self {
        let base = || TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter);
        Self { folded: base().build(), stemmed: base().filter(Stemmer::new(Language::English)).build() }
    }
}

impl Analyzer {
    /// The words of `text`; `english` chooses stemming (decided once per listing, title and text
    /// together, so that both are analysed alike).
    fn words(&mut self, text: &str, english: bool) -> Vec<String> {
        let analyzer = if english { &mut self.stemmed } else { &mut self.folded };
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        stream.process(&mut |t| out.push(t.text.clone()));
        out
    }

    /// Where a term of the model (a word or a word pair) first appears in a text, as written
    /// there ("gan tuy" → "gan tụy", "float solar" → "Floating solar").
    pub fn surface(&mut self, term: &str, t: Text<'_>) -> Option<String> {
        let wanted: Vec<&str> = term.split(' ').collect();
        let (title, body) = (normalize(t.title), normalize(t.body));
        let english = !is_vietnamese(&format!("{title} {body}"));
        let (title_en, summary_en) = (normalize(t.title_en), normalize(t.summary_en));
        for (text, english) in [(&title, english), (&body, english), (&title_en, true), (&summary_en, true)] {
            let analyzer = if english { &mut self.stemmed } else { &mut self.folded };
            let mut tokens: Vec<(String, usize, usize)> = Vec::new();
            analyzer
                .token_stream(text)
                .process(&mut |tok| tokens.push((tok.text.clone(), tok.offset_from, tok.offset_to)));
            if let Some(w) =
                tokens.windows(wanted.len()).find(|w| w.iter().map(|x| x.0.as_str()).eq(wanted.iter().copied()))
            {
                return text.get(w[0].1..w[w.len() - 1].2).map(str::to_string);
            }
        }
        None
    }

    /// The title's and the body's words; the English title counts with the title, the English
    /// summary with the body.
    pub fn text(&mut self, t: Text<'_>) -> (Vec<String>, Vec<String>) {
        let (title, body) = (normalize(t.title), normalize(t.body));
        let english = !is_vietnamese(&format!("{title} {body}"));
        let (mut t_words, mut b_words) = (self.words(&title, english), self.words(&body, english));
        if !t.title_en.is_empty() || !t.summary_en.is_empty() {
            t_words.extend(self.words(&normalize(t.title_en), true));
            b_words.extend(self.words(&normalize(t.summary_en), true));
        }
        (t_words, b_words)
    }
}

/// The glossary terms of a text in the other language, as the model's terms (English stems;
/// Vietnamese syllables folded, and their adjacent pairs), each weighed as a word of the text
/// (by its count, doubled in the title) times [`glossary::WEIGHT`].
fn expansion(t: Text<'_>) -> HashMap<String, f32> {
    let mut out: HashMap<String, f32> = HashMap::new();
    for (part, boost) in [(t.title, QUERY_TITLE), (t.body, 1.0)] {
        let mut found: HashMap<Vec<String>, u32> = HashMap::new();
        for c in glossary::glossary().expand(part) {
            for r in c.renderings {
                let words: Vec<String> = if c.english { r } else { r.iter().map(|w| fold(w)).collect() };
                *found.entry(words).or_default() += 1;
            }
        }
        for (words, n) in found {
            let w = (1.0 + (n as f32).ln()) * boost * glossary::WEIGHT;
            let mut add = |term: String, w: f32| {
                let slot = out.entry(term).or_default();
                *slot = slot.max(w);
            };
            for p in words.windows(2) {
                add(pair(&p[0], &p[1]), w * PAIR_WEIGHT);
            }
            for word in words {
                add(word, w);
            }
        }
    }
    out
}

fn pair(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

fn counts(words: &[String]) -> HashMap<String, u32> {
    let mut c: HashMap<String, u32> = HashMap::new();
    for w in words {
        *c.entry(w.clone()).or_default() += 1;
    }
    for p in words.windows(2) {
        *c.entry(pair(&p[0], &p[1])).or_default() += 1;
    }
    c
}

/// A query made of a long text: the terms kept, with their weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// (term id, weight × idf), in a fixed order (the order the scores are summed in).
    terms: Vec<(u32, f32)>,
    /// The largest score a document could reach: scores divided by it lie in [0, 1].
    max: f32,
}

impl Query {
    /// True when no term of the text is in any document.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Documents' term weights, ready to score long queries.
pub struct Model {
    /// The vocabulary in shards ([`shard_of`]): term → id within the shard.
    terms: Vec<HashMap<String, u32>>,
    /// The first id of each shard.
    offsets: Vec<u32>,
    names: Vec<String>,
    idf: Vec<f32>,
    /// Per term: (document, weight without idf), documents in increasing order.
    postings: Vec<Vec<(u32, f32)>>,
    docs: usize,
}

/// One document's counted words, before the collection's statistics are known.
struct Counted {
    /// Per shard: (term, count in the title, count in the text).
    terms: Vec<Vec<(String, u32, u32)>>,
    title_len: usize,
    body_len: usize,
}

/// A part of the vocabulary with its posting lists.
#[derive(Default)]
struct Shard {
    terms: HashMap<String, u32>,
    names: Vec<String>,
    postings: Vec<Vec<(u32, f32)>>,
}

/// The shard of a term: a fixed hash (FNV-1a), so that any thread count finds the same terms.
fn shard_of(term: &str, shards: usize) -> usize {
    let h = term.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    (h % shards.max(1) as u64) as usize
}

/// A scored document (or query) in a best-first list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub index: u32,
    /// The text relevance (the score divided by the query's largest possible: in [0, 1]) times
    /// the fit.
    pub score: f32,
}

/// Best first; among equal scores the lower index first, so that lists are the same however
/// they were computed.
fn better(a: &Scored, b: &Scored) -> Ordering {
    b.score.total_cmp(&a.score).then(a.index.cmp(&b.index))
}

/// A heap entry whose top is the worst of the kept ones.
#[derive(PartialEq)]
struct Worst(Scored);
impl Eq for Worst {}
impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        better(&self.0, &other.0)
    }
}

/// The `k` best of a stream of scored entries.
struct Best {
    k: usize,
    heap: BinaryHeap<Worst>,
}

impl Best {
    fn new(k: usize) -> Self {
        Self { k, heap: BinaryHeap::with_capacity(k + 1) }
    }
    fn push(&mut self, s: Scored) {
        if self.k == 0 {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push(Worst(s));
        } else if self.heap.peek().is_some_and(|w| better(&s, &w.0) == Ordering::Less) {
            self.heap.pop();
            self.heap.push(Worst(s));
        }
    }
    fn merge(&mut self, other: Best) {
        for w in other.heap {
            self.push(w.0);
        }
    }
    fn sorted(self) -> Vec<Scored> {
        let mut v: Vec<Scored> = self.heap.into_iter().map(|w| w.0).collect();
        v.sort_by(better);
        v
    }
}

/// Every query's best documents and every document's best queries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lists {
    /// Per query: its best documents.
    pub documents: Vec<Vec<Scored>>,
    /// Per document: its best queries.
    pub queries: Vec<Vec<Scored>>,
}

impl Model {
    /// The model of `docs`, analysed on up to `threads` threads.
    pub fn build(docs: &[Text<'_>], threads: usize) -> Self {
        // The vocabulary is cut into shards, one per thread ([`shard_of`]); each document's terms
        // are sorted into them as it is analysed.
        let shards = threads.max(1);
        let counted: Vec<Counted> = parallel(docs, threads, |chunk| {
            let mut a = Analyzer::default();
            chunk
                .iter()
                .map(|d| {
                    let (title, body) = a.text(*d);
                    let (t, mut b) = (counts(&title), counts(&body));
                    let mut terms: Vec<Vec<(String, u32, u32)>> = vec![Vec::new(); shards];
                    for (w, n) in t {
                        let m = b.remove(&w).unwrap_or(0);
                        terms[shard_of(&w, shards)].push((w, n, m));
                    }
                    for (w, m) in b {
                        terms[shard_of(&w, shards)].push((w, 0, m));
                    }
                    Counted { title_len: title.len(), body_len: body.len(), terms }
                })
                .collect()
        });
        let n = counted.len();
        let avg = |f: fn(&Counted) -> usize| (counted.iter().map(f).sum::<usize>() as f32 / n.max(1) as f32).max(1.0);
        let (avg_title, avg_body) = (avg(|c| c.title_len), avg(|c| c.body_len));
        let sat = |tf: u32, len: usize, avg: f32| {
            if tf == 0 {
                return 0.0;
            }
            let tf = tf as f32;
            tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f32 / avg))
        };
        // Each shard's posting lists built by a pass over every document: they stay in document
        // order, and no thread waits for another.
        let parts: Vec<Shard> = parallel(&(0..shards).collect::<Vec<_>>(), threads, |mine| {
            mine.iter()
                .map(|&s| {
                    let mut shard = Shard::default();
                    for (d, c) in counted.iter().enumerate() {
                        for (w, tf_title, tf_body) in &c.terms[s] {
                            let weight =
                                TITLE * sat(*tf_title, c.title_len, avg_title) + sat(*tf_body, c.body_len, avg_body);
                            let id = *shard.terms.entry(w.clone()).or_insert_with(|| {
                                shard.names.push(w.clone());
                                shard.postings.push(Vec::new());
                                (shard.names.len() - 1) as u32
                            });
                            shard.postings[id as usize].push((d as u32, weight));
                        }
                    }
                    shard
                })
                .collect()
        });
        drop(counted);
        let mut offsets = Vec::with_capacity(shards);
        let (mut terms, mut names, mut postings) = (Vec::new(), Vec::new(), Vec::new());
        for part in parts {
            offsets.push(names.len() as u32);
            terms.push(part.terms);
            names.extend(part.names);
            postings.extend(part.postings);
        }
        let idf = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        Self { terms, offsets, names, idf, postings, docs: n }
    }

    /// The id of a term, if a document has it.
    fn id(&self, term: &str) -> Option<u32> {
        let s = shard_of(term, self.terms.len());
        self.terms[s].get(term).map(|id| self.offsets[s] + id)
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// True when there is no document.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// The query a long text makes against these documents: its words and word pairs weighted,
    /// the best of them kept (see the module's documentation).
    pub fn query(&self, analyzer: &mut Analyzer, text: Text<'_>) -> Query {
        self.query_with(analyzer, text, true)
    }

    /// As [`Model::query`]; `glossary` adds the text's glossary terms in the other language
    /// ([`crate::glossary`]) at [`glossary::WEIGHT`] of a word's weight.
    pub fn query_with(&self, analyzer: &mut Analyzer, text: Text<'_>, glossary: bool) -> Query {
        let (title, body) = analyzer.text(text);
        let in_title = counts(&title);
        let mut all = title;
        all.extend(body);
        let mut weights: HashMap<String, f32> = HashMap::new();
        for (term, n) in counts(&all) {
            let boost = if in_title.contains_key(&term) { QUERY_TITLE } else { 1.0 };
            let w = (1.0 + (n as f32).ln()) * boost;
            weights.insert(term.clone(), if term.contains(' ') { w * PAIR_WEIGHT } else { w });
        }
        if glossary {
            for (term, w) in expansion(text) {
                let slot = weights.entry(term).or_default();
                *slot = slot.max(w);
            }
        }
        let mut c: Vec<(String, f32)> = weights.into_iter().collect();
        c.sort_by(|a, b| a.0.cmp(&b.0));
        let mut words: Vec<(u32, f32)> = Vec::new();
        let mut pairs: Vec<(u32, f32)> = Vec::new();
        for (term, w) in c {
            let Some(id) = self.id(&term) else { continue };
            if term.contains(' ') { pairs.push((id, w)) } else { words.push((id, w)) }
        }
        let mut terms = Vec::new();
        for (mut list, keep) in [(words, WORDS), (pairs, PAIRS)] {
            let key = |&(id, w): &(u32, f32)| w * self.idf[id as usize];
            // Ties go by the term itself: ids depend on how the vocabulary was sharded.
            list.sort_by(|a, b| {
                key(b).total_cmp(&key(a)).then_with(|| self.names[a.0 as usize].cmp(&self.names[b.0 as usize]))
            });
            list.truncate(keep);
            terms.extend(list.into_iter().map(|(id, w)| (id, w * self.idf[id as usize])));
        }
        let max = terms.iter().map(|(_, w)| w * (TITLE + 1.0) * (K1 + 1.0)).sum();
        Query { terms, max }
    }

    /// The queries of many texts, analysed on `threads` threads, in order.
    pub fn queries(&self, texts: &[Text<'_>], threads: usize) -> Vec<Query> {
        parallel(texts, threads, |chunk| {
            let mut a = Analyzer::default();
            chunk.iter().map(|t| self.query(&mut a, *t)).collect()
        })
    }

    /// The terms of a query, with their share of the weight (for explaining a match).
    pub fn terms_of(&self, q: &Query) -> Vec<(&str, f32)> {
        q.terms.iter().map(|(id, w)| (self.names[*id as usize].as_str(), w / q.max.max(f32::MIN_POSITIVE))).collect()
    }

    /// The terms a query and a document share, heaviest first, with the share of the relevance
    /// each brings.
    pub fn shared(&self, q: &Query, doc: u32) -> Vec<(&str, f32)> {
        let mut out: Vec<(&str, f32)> = q
            .terms
            .iter()
            .filter_map(|(id, w)| {
                let p = &self.postings[*id as usize];
                let i = p.binary_search_by_key(&doc, |(d, _)| *d).ok()?;
                Some((self.names[*id as usize].as_str(), w * p[i].1 / q.max))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        out
    }

    /// Adds the query's scores into `acc` (one slot per document), noting the documents touched.
    fn accumulate(&self, q: &Query, acc: &mut [f32], touched: &mut Vec<u32>) {
        for (id, w) in &q.terms {
            for (d, x) in &self.postings[*id as usize] {
                let slot = &mut acc[*d as usize];
                if *slot == 0.0 {
                    touched.push(*d);
                }
                *slot += w * x;
            }
        }
    }

    /// The `k` documents most relevant to `q`, each with `fit(document)` applied (a factor for
    /// what the text does not say: sector, maturity, budget…); documents sharing no term left
    /// out.
    pub fn top(&self, q: &Query, k: usize, fit: impl Fn(u32) -> f32) -> Vec<Scored> {
        let mut acc = vec![0.0f32; self.docs];
        let mut touched = Vec::new();
        self.accumulate(q, &mut acc, &mut touched);
        let mut best = Best::new(k);
        for d in touched {
            best.push(Scored { index: d, score: acc[d as usize] / q.max * fit(d) });
        }
        best.sorted()
    }

    /// For every query its `k` best documents, and for every document its `k` best queries, by
    /// the same relevance (times `fit(query, document)`), on `threads` threads. `done` is called
    /// after each query (progress).
    pub fn all_pairs(
        &self,
        queries: &[Query],
        k: usize,
        threads: usize,
        fit: impl Fn(usize, u32) -> f32 + Sync,
        done: impl Fn() + Sync,
    ) -> Lists {
        let indexed: Vec<(usize, &Query)> = queries.iter().enumerate().collect();
        let parts: Vec<(Vec<Vec<Scored>>, Vec<Best>)> = parallel(&indexed, threads, |chunk| {
            let mut acc = vec![0.0f32; self.docs];
            let mut touched = Vec::new();
            let mut per_doc: Vec<Best> = (0..self.docs).map(|_| Best::new(k)).collect();
            let mut lists = Vec::with_capacity(chunk.len());
            for (qi, q) in chunk {
                touched.clear();
                self.accumulate(q, &mut acc, &mut touched);
                let mut best = Best::new(k);
                for &d in &touched {
                    let score = acc[d as usize] / q.max * fit(*qi, d);
                    acc[d as usize] = 0.0;
                    best.push(Scored { index: d, score });
                    per_doc[d as usize].push(Scored { index: *qi as u32, score });
                }
                lists.push(best.sorted());
                done();
            }
            vec![(lists, per_doc)]
        });
        let mut documents = Vec::with_capacity(queries.len());
        let mut per_doc: Vec<Best> = (0..self.docs).map(|_| Best::new(k)).collect();
        for (lists, part) in parts {
            documents.extend(lists);
            for (all, p) in per_doc.iter_mut().zip(part) {
                all.merge(p);
            }
        }
        Lists { documents, queries: per_doc.into_iter().map(Best::sorted).collect() }
    }

    /// [`Model::all_pairs`] the slow way: every pair scored on its own, each document's weights
    /// looked up term by term (the check that the posting-list way loses nothing).
    pub fn brute_force(&self, queries: &[Query], k: usize, fit: impl Fn(usize, u32) -> f32) -> Lists {
        let mut forward: Vec<HashMap<u32, f32>> = vec![HashMap::new(); self.docs];
        for (t, p) in self.postings.iter().enumerate() {
            for (d, x) in p {
                forward[*d as usize].insert(t as u32, *x);
            }
        }
        let mut documents = Vec::new();
        let mut per_doc: Vec<Best> = (0..self.docs).map(|_| Best::new(k)).collect();
        for (qi, q) in queries.iter().enumerate() {
            let mut best = Best::new(k);
            for (d, weights) in forward.iter().enumerate() {
                let mut score = 0.0f32;
                let mut shared = false;
                for (id, w) in &q.terms {
                    if let Some(x) = weights.get(id) {
                        score += w * x;
                        shared = true;
                    }
                }
                if shared {
                    let s = Scored { index: d as u32, score: score / q.max * fit(qi, d as u32) };
                    best.push(s);
                    per_doc[d].push(Scored { index: qi as u32, score: s.score });
                }
            }
            documents.push(best.sorted());
        }
        Lists { documents, queries: per_doc.into_iter().map(Best::sorted).collect() }
    }
}

/// `f` over `items` cut into `threads` contiguous chunks, the results concatenated in order.
fn parallel<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return f(items);
    }
    let size = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items.chunks(size).map(|c| s.spawn(|| f(c))).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t<'a>(title: &'a str, body: &'a str) -> Text<'a> {
        Text::new(title, body)
    }

    #[test]
    fn needs_find_offers_in_the_other_language() {
        // Two English offers, one Vietnamese offer with English fields, one without.
        let docs = [
            t("Floating photovoltaic power for aquaculture ponds", "Solar panels on ponds run the aerators."),
            t("Wind turbine blade inspection", "Drones inspect wind turbine blades."),
            Text {
                title: "Máy sấy nông sản bằng bơm nhiệt",
                body: "Sấy nông sản tiết kiệm điện.",
                title_en: "Heat pump dryer for farm produce",
                summary_en: "Dries crops with a heat pump, saving electricity.",
            },
            t("Giống lúa chịu mặn", "Giống lúa cho vùng ven biển."),
        ];
        let m = Model::build(&docs, 1);
        let mut a = Analyzer::default();
        // A Vietnamese need: through the glossary, the English offer on its topic comes first.
        let vi = t("Giảm chi phí điện cho máy sục khí ao nuôi", "Dùng điện mặt trời cho ao nuôi tôm.");
        let top = m.top(&m.query(&mut a, vi), 10, |_| 1.0);
        assert_eq!(top.first().map(|s| s.index), Some(0), "{top:?}");
        assert!(m.top(&m.query_with(&mut a, vi, false), 10, |_| 1.0).iter().all(|s| s.index != 0), "not without it");
        // An English need finds the Vietnamese offer by its English fields, and the rice variety
        // through the glossary alone ("salt tolerant" → "chịu mặn").
        let en = t("Dryer for crops", "We need a heat pump dryer for our farm produce.");
        let top = m.top(&m.query_with(&mut a, en, false), 10, |_| 1.0);
        assert_eq!(top.first().map(|s| s.index), Some(2), "{top:?}");
        let top = m.top(&m.query(&mut a, t("Salt tolerant rice", "A rice variety for coastal fields.")), 10, |_| 1.0);
        assert_eq!(top.first().map(|s| s.index), Some(3), "{top:?}");
        // The matched term is shown as the offer writes it.
        assert_eq!(a.surface("heat pump", docs[2]).as_deref(), Some("Heat pump"));
    }

    #[test]
    fn the_document_on_the_topic_ranks_first() {
        let docs = [
            t(
                "Bộ kit LAMP phát hiện virus trên tôm",
                "Phát hiện nhanh bệnh hoại tử gan tụy cấp (AHPND) trên tôm thẻ tại ao nuôi.",
            ),
            t("Chế phẩm vi sinh xử lý bùn đáy ao", "Vi sinh phân hủy bùn đáy ao nuôi tôm, giảm khí độc."),
            t("Máy sấy cà phê năng lượng mặt trời", "Sấy cà phê bằng năng lượng mặt trời cho hợp tác xã."),
        ];
        let m = Model::build(&docs, 2);
        let mut a = Analyzer::default();
        let q = m.query(
            &mut a,
            t("Cần giải pháp phòng bệnh hoại tử gan tụy cấp trên tôm thẻ", "Ao nuôi tôm thẻ bị bệnh gan tụy."),
        );
        let top = m.top(&q, 10, |_| 1.0);
        assert_eq!(top[0].index, 0, "{top:?}");
        assert!(top.iter().all(|s| s.index != 2), "the dryer shares no word: {top:?}");
        assert!(top.iter().all(|s| s.score > 0.0 && s.score <= 1.0));
        let shared = m.shared(&q, 0);
        assert!(shared.iter().any(|(w, _)| *w == "gan tuy"), "{shared:?}");
        assert_eq!(a.surface("gan tuy", docs[0]).as_deref(), Some("gan tụy"));
        assert_eq!(a.surface("hoai tu gan", docs[0]).as_deref(), Some("hoại tử gan"));
        assert_eq!(a.surface("ca phe", docs[0]), None);
        let sum: f32 = shared.iter().map(|(_, x)| x).sum();
        assert!((sum - top[0].score).abs() < 1e-4, "the shares add up to the relevance");
    }

    #[test]
    fn english_words_are_stemmed_and_pairs_count() {
        let docs = [
            t("Floating solar power plant", "Floating photovoltaic panels on reservoirs."),
            t("Solar dryer", "Drying fruit with the sun."),
            t("Power electronics", "Inverters for floating docks."),
        ];
        let m = Model::build(&docs, 1);
        let q =
            m.query(&mut Analyzer::default(), t("Floating solar plants", "We need floating solar on our reservoir."));
        let top = m.top(&q, 3, |_| 1.0);
        assert_eq!(top[0].index, 0);
        assert!(m.terms_of(&q).iter().any(|(w, _)| *w == "float solar"), "{:?}", m.terms_of(&q));
        assert_eq!(Analyzer::default().surface("float solar", docs[0]).as_deref(), Some("Floating solar"));
    }

    #[test]
    fn the_fit_reorders_and_an_empty_query_finds_nothing() {
        let docs = [t("Solar dryer", "Solar drying."), t("Solar dryer for coffee", "Solar drying of coffee.")];
        let m = Model::build(&docs, 1);
        let mut a = Analyzer::default();
        let q = m.query(&mut a, t("solar dryer", ""));
        let plain = m.top(&q, 2, |_| 1.0);
        let fitted = m.top(&q, 2, |d| if d == plain[1].index { 2.0 } else { 1.0 });
        assert_eq!(fitted[0].index, plain[1].index);
        let none = m.query(&mut a, t("zzz", "qqq"));
        assert!(none.is_empty() && m.top(&none, 5, |_| 1.0).is_empty());
        assert!(Model::build(&[], 2).is_empty());
    }

    #[test]
    fn all_pairs_equals_brute_force() {
        let words = ["solar", "dryer", "shrimp", "pond", "coffee", "sensor", "water", "drone", "battery", "rice"];
        let text = |seed: usize, n: usize| -> String {
            (0..n).map(|i| words[(seed * 7 + i * i * 3 + i) % words.len()]).collect::<Vec<_>>().join(" ")
        };
        let bodies: Vec<(String, String)> = (0..60).map(|i| (text(i, 2), text(i + 100, 5 + i % 9))).collect();
        let docs: Vec<Text> = bodies.iter().map(|(a, b)| t(a, b)).collect();
        let m = Model::build(&docs, 2);
        let mut a = Analyzer::default();
        let qs: Vec<(String, String)> = (0..25).map(|i| (text(i + 7, 3), text(i + 50, 12))).collect();
        let queries: Vec<Query> = qs.iter().map(|(x, y)| m.query(&mut a, t(x, y))).collect();
        let fit = |q: usize, d: u32| 1.0 + ((q + d as usize) % 3) as f32 * 0.1;
        let fast = m.all_pairs(&queries, 5, 2, fit, || {});
        assert_eq!(fast, m.brute_force(&queries, 5, fit));
        assert_eq!(fast, m.all_pairs(&queries, 5, 1, fit, || {}), "the same on one thread");
        assert!(fast.documents.iter().all(|l| l.len() == 5));
    }
}
