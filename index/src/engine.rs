//! The full-text index: a tantivy index on disk with Vietnamese-first analysis, AND-leaning
//! ranking that still returns partial matches, filters, facet counts, sorting and highlighted
//! snippets.
//!
//! Every text is NFC-normalised before it is indexed or searched. Each text is indexed three
//! ways: folded (lowercase, diacritics removed, đ → d) so a query typed without diacritics finds
//! accented words; exact (lowercase, diacritics kept) so a query typed with them ranks exact words
//! first; and as folded syllable bigrams, because most Vietnamese words are two syllables
//! ("nuôi tôm", "công nghệ"). Text detected as English is also stemmed.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;
use std::sync::{Arc, Weak};

use tantivy::collector::{Count, TopDocs};
use tantivy::index::IndexSettings;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, InvertedIndexRangeQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, WhitespaceTokenizer};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer,
};

use crate::coord::AnyAll;
use crate::facets::{DateOrder, FacetCounts, FacetTables};
use crate::glossary;
use crate::snippet::passage;
use ketnoi_text::{normalize, query_words, words};

/// Queries of at least this many words are long texts pasted in (see `long_query`): the
/// relevance collections' typed questions stay below it.
pub const LONG_QUERY: usize = 50;

/// Bumped whenever the schema or the analysis changes: an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// The facet (keyword) fields, filterable and counted.
pub const FACETS: &[&str] = &["kind", "sector", "province", "ip_status", "transfer_mode", "org_kind"];

/// The date orders kept per segment for browsing: newest first, and nearest deadline first.
const ORDERS: [DateOrder; 2] =
    [DateOrder { field: "published", descending: true }, DateOrder { field: "deadline", descending: false }];

/// The index into [`ORDERS`] of a date sort (relevance has none: newest).
fn date_order(sort: Sort) -> usize {
    if sort == Sort::Deadline { 1 } else { 0 }
}

const FOLDED: &str = "vi_folded";
const EXACT: &str = "vi_exact";
const BIGRAM: &str = "vi_bigram";

/// The one writer of an index (tantivy's, kept inside this crate: callers index through
/// [`SearchIndex`]).
pub struct Writer(IndexWriter);

impl Writer {
    /// The tantivy writer itself (for the benchmark that compares with a bare writer).
    pub fn into_tantivy(self) -> IndexWriter {
        self.0
    }
}

/// One listing as the index sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub id: String,
    pub title: String,
    /// Every other text of the listing (summary, description, keywords, organisation…).
    pub body: String,
    /// The listing's optional English title and summary (empty: none).
    pub title_en: String,
    pub summary_en: String,
    /// Keyword values by facet name (a facet may repeat, e.g. transfer modes).
    pub facets: Vec<(&'static str, String)>,
    pub trl: Option<u64>,
    /// Price or budget bounds in đồng (absent: negotiable).
    pub price: Option<(i64, i64)>,
    /// Unix seconds.
    pub published: i64,
    /// Unix seconds; `i64::MAX` when it never expires.
    pub expires: i64,
    /// Days since 1970 of a need's deadline; `i64::MAX` when none.
    pub deadline: i64,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Deadline,
}

/// A search.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Free text: words, "phrases in quotes", -exclusions.
    pub text: String,
    /// Facet filters: values of one facet are alternatives; facets combine.
    pub filters: Vec<(&'static str, Vec<String>)>,
    pub trl: Option<(u64, u64)>,
    pub price: Option<(i64, i64)>,
    /// Only listings not expired at this time (Unix seconds).
    pub now: i64,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Highlighted titles and snippets (pages and the API); left empty for evaluation runs.
    pub highlight: bool,
    /// Leaves out the expansion through the bilingual glossary (to measure what it brings).
    pub no_glossary: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    /// The title with the matched words in `<b>`, HTML-escaped.
    pub title_html: String,
    /// A passage of the text with the matched words in `<b>`, HTML-escaped.
    pub snippet_html: String,
    /// The English title with the matched words in `<b>`; empty when the listing has none.
    pub title_en_html: String,
    /// The English summary so, for English readers; empty when the listing has none.
    pub snippet_en_html: String,
}

/// Results with the total and the facet counts (of the whole result set).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
}

struct Fields {
    id: Field,
    title: Field,
    title_exact: Field,
    body: Field,
    body_exact: Field,
    bigrams: Field,
    english: Field,
    english_title: Field,
    /// The English summary, stored for snippets (its words are indexed in `english`).
    summary_en: Field,
    facets: Vec<(&'static str, Field)>,
    trl: Field,
    price_lo: Field,
    price_hi: Field,
    published: Field,
    expires: Field,
    deadline: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |analyzer: &str, stored: bool| {
        let idx = TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let o = TextOptions::default().set_indexing_options(idx);
        if stored { o.set_stored() } else { o }
    };
    let num = || NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text(FOLDED, true)),
        title_exact: b.add_text_field("title_exact", text(EXACT, false)),
        body: b.add_text_field("body", text(FOLDED, true)),
        body_exact: b.add_text_field("body_exact", text(EXACT, false)),
        bigrams: b.add_text_field("bigrams", text(BIGRAM, false)),
        english: b.add_text_field("english", text("en_stem", false)),
        english_title: b.add_text_field("english_title", text("en_stem", true)),
        summary_en: b.add_text_field("summary_en", STORED),
        facets: FACETS.iter().map(|f| (*f, b.add_text_field(f, STRING | tantivy::schema::FAST))).collect(),
        trl: b.add_u64_field("trl", num()),
        price_lo: b.add_i64_field("price_lo", num()),
        price_hi: b.add_i64_field("price_hi", num()),
        published: b.add_i64_field("published", num()),
        expires: b.add_i64_field("expires", num()),
        deadline: b.add_i64_field("deadline", num()),
    };
    (b.build(), fields)
}

/// Every search visits every segment (term lookups, scorers): the small segments that each
/// batch of changes leaves are merged sooner than by tantivy's default (8 of a size).
fn merge_policy() -> Box<dyn tantivy::indexer::MergePolicy> {
    let mut merges = LogMergePolicy::default();
    merges.set_min_num_segments(4);
    Box::new(merges)
}

/// How the index stores documents: small blocks, because a page of results reads ten documents
/// from ten blocks and each block is decompressed whole (16 KiB by default).
fn settings() -> IndexSettings {
    IndexSettings { docstore_blocksize: 4096, ..IndexSettings::default() }
}

fn register(index: &Index) {
    let t = index.tokenizers();
    t.register(
        FOLDED,
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build(),
    );
    t.register(EXACT, TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).build());
    t.register(BIGRAM, TextAnalyzer::builder(WhitespaceTokenizer::default()).build());
}

/// Adjacent folded words joined by `_`: the syllable bigrams.
pub fn bigrams(words: &[String]) -> Vec<String> {
    words.windows(2).map(|w| format!("{}_{}", w[0], w[1])).collect()
}

/// Appends the bigrams of `text` to `out`, space-separated (what [`bigrams`] makes of its
/// [`query_words`], without a string per word: this runs for every indexed text).
fn push_bigrams(text: &str, out: &mut String) {
    let folded = ketnoi_text::fold(text);
    let mut prev: Option<&str> = None;
    for w in words(&folded) {
        if let Some(p) = prev {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(p);
            out.push('_');
            out.push_str(w);
        }
        prev = Some(w);
    }
}

/// Whether a text is Vietnamese: letters with Vietnamese diacritics (or đ) in at least one word
/// out of ten. English (and Vietnamese typed without diacritics) otherwise.
pub fn is_vietnamese(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(400).collect();
    if words.is_empty() {
        return false;
    }
    let marked = words.iter().filter(|w| w.chars().any(|c| !c.is_ascii() && c.is_alphabetic())).count();
    marked * 10 >= words.len()
}

/// How the evidence of one query word is combined (tuned on the relevance collections with the
/// relevance benchmark; see BENCHMARKS.md).
struct Weights {
    /// The title over the text.
    title: f32,
    /// The English-stemmed text.
    english: f32,
    /// How much the fields other than the best one add (0: only the best counts).
    tie: f32,
    /// Two query words adjacent in the text.
    bigram: f32,
}

impl Weights {
    /// A query typed with diacritics: the folded and exact fields both match the same word, so
    /// only the best field counts much; adjacency matters (Vietnamese words are two syllables).
    const MARKED: Weights = Weights { title: 3.0, english: 0.8, tie: 0.2, bigram: 2.0 };
    /// A plain ASCII query (English, or Vietnamese typed without diacritics): stems count as much
    /// as surface forms, and the fields add up more.
    const PLAIN: Weights = Weights { title: 2.0, english: 2.0, tie: 0.4, bigram: 0.75 };
}

/// The index on disk.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
    /// Kept alive here: the reader holds it weakly and fills it on every reload.
    facets: Arc<FacetTables>,
}

/// A search as tantivy runs it: the query with its filters, the order, and the folded terms to
/// highlight (public so that benchmarks can run the very same query on a bare searcher).
pub struct Prepared {
    pub query: BooleanQuery,
    pub sort: Sort,
    highlight: Vec<String>,
    /// No words and no filters: every listing not expired (answered from the segment tables).
    browse: bool,
}

/// Why an index could not be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// No index yet.
    Missing,
    /// Built by another version of the schema.
    OldSchema,
    /// Unreadable.
    Corrupt(String),
}

/// What a commit records: the schema version and the last applied change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Payload {
    schema: u32,
    last_change: i64,
}

impl SearchIndex {
    /// Opens the index in `dir`, or says why it must be rebuilt.
    pub fn open(dir: &Path) -> Result<Self, Stale> {
        if !dir.join("meta.json").exists() {
            return Err(Stale::Missing);
        }
        let index = Index::open_in_dir(dir).map_err(|e| Stale::Corrupt(e.to_string()))?;
        let payload = Self::payload_of(&index).map_err(|e| Stale::Corrupt(e.to_string()))?;
        if payload.is_none_or(|p| p.schema != SCHEMA_VERSION) {
            return Err(Stale::OldSchema);
        }
        Self::with(index).map_err(|e| Stale::Corrupt(e.to_string()))
    }

    /// Creates an empty index in `dir`, replacing whatever was there.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let index = Index::builder().schema(schema().0).settings(settings()).create_in_dir(dir)?;
        let me = Self::with(index)?;
        let mut w = me.writer(50_000_000)?;
        me.commit(&mut w, 0)?;
        Ok(me)
    }

    /// An index in memory (tests, evaluation).
    pub fn in_memory() -> anyhow::Result<Self> {
        Self::with(Index::builder().schema(schema().0).settings(settings()).create_in_ram()?)
    }

    fn with(index: Index) -> anyhow::Result<Self> {
        register(&index);
        let (_, f) = schema();
        let facets = Arc::new(FacetTables::new(FACETS, &ORDERS));
        let warmer: Arc<dyn Warmer> = facets.clone();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .warmers(vec![Arc::downgrade(&warmer) as Weak<dyn Warmer>])
            .try_into()?;
        Ok(Self { index, reader, f, facets })
    }

    /// The current searcher (benchmarks compare with bare tantivy on it).
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    fn payload_of(index: &Index) -> anyhow::Result<Option<Payload>> {
        Ok(index.load_metas()?.payload.and_then(|p| serde_json::from_str(&p).ok()))
    }

    /// The last change applied (0 for a new index).
    pub fn last_change(&self) -> anyhow::Result<i64> {
        Ok(Self::payload_of(&self.index)?.map(|p| p.last_change).unwrap_or(0))
    }

    /// A writer with `heap` bytes of indexing memory.
    pub fn writer(&self, heap: usize) -> anyhow::Result<Writer> {
        let w = self.index.writer(heap)?;
        w.set_merge_policy(merge_policy());
        Ok(Writer(w))
    }

    /// A writer for filling a new index: no merges along the way; [`SearchIndex::merge_all`]
    /// at the end.
    pub fn bulk_writer(&self, heap: usize) -> anyhow::Result<Writer> {
        let w = self.index.writer(heap)?;
        w.set_merge_policy(Box::new(NoMergePolicy));
        Ok(Writer(w))
    }

    /// Adds or replaces a document.
    pub fn upsert(&self, w: &Writer, d: &Doc) -> anyhow::Result<()> {
        w.0.delete_term(Term::from_field_text(self.f.id, &d.id));
        w.0.add_document(self.document(d))?;
        Ok(())
    }

    /// Adds a document known not to be in the index yet (a rebuild, an evaluation corpus):
    /// no delete first.
    pub fn add(&self, w: &Writer, d: &Doc) -> anyhow::Result<()> {
        w.0.add_document(self.document(d))?;
        Ok(())
    }

    /// Removes a document.
    pub fn delete(&self, w: &Writer, id: &str) {
        w.0.delete_term(Term::from_field_text(self.f.id, id));
    }

    /// Commits what the writer holds, recording the last applied change, and makes it searchable.
    pub fn commit(&self, w: &mut Writer, last_change: i64) -> anyhow::Result<()> {
        let mut prepared = w.0.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&Payload { schema: SCHEMA_VERSION, last_change })?);
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Merges every segment of a [`SearchIndex::bulk_writer`] into one (each search visits
    /// every segment, and filling an index leaves one per batch), makes it searchable, and
    /// returns the writer to the usual merge policy.
    pub fn merge_all(&self, w: &mut Writer) -> anyhow::Result<()> {
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            w.0.merge(&ids).wait()?;
            self.reader.reload()?;
        }
        w.0.set_merge_policy(merge_policy());
        Ok(())
    }

    /// The number of documents.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The tantivy document of `d` (what [`SearchIndex::upsert`] adds; public for benchmarks that
    /// compare with adding prepared documents to a bare writer).
    pub fn document(&self, d: &Doc) -> TantivyDocument {
        let f = &self.f;
        let title = normalize(&d.title);
        let body = normalize(&d.body);
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &d.id);
        doc.add_text(f.title, &title);
        doc.add_text(f.title_exact, &title);
        doc.add_text(f.body, &body);
        doc.add_text(f.body_exact, &body);
        let mut grams = String::new();
        push_bigrams(&title, &mut grams);
        push_bigrams(&body, &mut grams);
        doc.add_text(f.bigrams, grams);
        let all = format!("{title} {body}");
        if !is_vietnamese(&all) {
            doc.add_text(f.english, all);
        }
        // The English title and summary a listing may have besides its own text.
        let (title_en, summary_en) = (normalize(&d.title_en), normalize(&d.summary_en));
        if !title_en.is_empty() {
            doc.add_text(f.english_title, &title_en);
        }
        if !title_en.is_empty() || !summary_en.is_empty() {
            doc.add_text(f.english, format!("{title_en} {summary_en}"));
        }
        if !summary_en.is_empty() {
            doc.add_text(f.summary_en, &summary_en);
        }
        for (name, value) in &d.facets {
            if let Some((_, field)) = f.facets.iter().find(|(n, _)| n == name) {
                doc.add_text(*field, value);
            }
        }
        if let Some(t) = d.trl {
            doc.add_u64(f.trl, t);
        }
        if let Some((lo, hi)) = d.price {
            doc.add_i64(f.price_lo, lo);
            doc.add_i64(f.price_hi, hi);
        }
        doc.add_i64(f.published, d.published);
        doc.add_i64(f.expires, d.expires);
        doc.add_i64(f.deadline, d.deadline);
        doc
    }

    /// The free-text part of a query, and the folded terms to highlight.
    fn text_query(&self, text: &str, glossary: bool) -> TextParts {
        let f = &self.f;
        let text = normalize(text);
        let expand = |words: &str| if glossary { self.expansion(words) } else { None };
        if words(&text).nth(LONG_QUERY - 1).is_some() {
            // Pasted text, not query syntax: quotes and hyphens are the text's own.
            let query: Vec<(String, String)> =
                words(&text.to_lowercase()).map(|e| (e.to_string(), ketnoi_text::fold(e))).collect();
            let first_line = text.lines().next().filter(|l| l.len() < text.len()).unwrap_or("");
            let title: std::collections::HashSet<String> = query_words(first_line).into_iter().collect();
            let highlight = query.iter().map(|(_, f)| f.clone()).collect();
            return (Some(with(self.long_query(&query, &title), expand(&text))), Vec::new(), Vec::new(), highlight);
        }
        let mut query: Vec<(String, String)> = Vec::new(); // (exact lowercase, folded)
        let mut phrases: Vec<Box<dyn Query>> = Vec::new();
        let mut excluded: Vec<Box<dyn Query>> = Vec::new();
        let mut highlight = Vec::new();
        let mut rest = text.as_str();
        // Phrases in quotes first.
        let mut plain = String::new();
        while let Some(start) = rest.find('"') {
            plain.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else {
                plain.push_str(after);
                rest = "";
                break;
            };
            let folded = query_words(&after[..end]);
            if folded.len() > 1 {
                let per_field = |field: Field| -> Box<dyn Query> {
                    Box::new(PhraseQuery::new(folded.iter().map(|w| Term::from_field_text(field, w)).collect()))
                };
                phrases.push(Box::new(BooleanQuery::new(vec![
                    (Occur::Should, per_field(f.title)),
                    (Occur::Should, per_field(f.body)),
                ])));
                highlight.extend(folded.iter().cloned());
            } else if let Some(w) = folded.first() {
                query.push((w.clone(), w.clone()));
            }
            rest = &after[end + 1..];
        }
        plain.push_str(rest);
        // The words typed outside quotes and exclusions, which the glossary expands.
        let mut typed = String::new();
        for token in plain.split_whitespace() {
            if let Some(neg) = token.strip_prefix('-').filter(|t| !t.is_empty()) {
                for w in query_words(neg) {
                    for field in [f.title, f.body] {
                        excluded
                            .push(Box::new(TermQuery::new(Term::from_field_text(field, &w), IndexRecordOption::Basic)));
                    }
                }
                continue;
            }
            for e in words(&token.to_lowercase()) {
                query.push((e.to_string(), ketnoi_text::fold(e)));
            }
            typed.push_str(token);
            typed.push(' ');
        }
        if query.is_empty() {
            return (None, phrases, excluded, highlight);
        }
        let expansion = expand(&typed);
        let w = if text.is_ascii() { Weights::PLAIN } else { Weights::MARKED };
        let mut per_word: Vec<Box<dyn Query>> = Vec::new();
        for (exact, folded) in &query {
            let mut alternatives = vec![term(f.title, folded, w.title), term(f.body, folded, 1.0)];
            if exact != folded {
                // Typed with diacritics: the exact word ranks above its folded look-alikes.
                alternatives.push(term(f.title_exact, exact, 4.5));
                alternatives.push(term(f.body_exact, exact, 1.6));
            }
            for s in self.stems(exact) {
                alternatives.push(term(f.english_title, &s, w.english * w.title));
                alternatives.push(term(f.english, &s, w.english));
            }
            per_word.push(Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, w.tie)));
            highlight.push(folded.clone());
        }
        let folded: Vec<String> = query.iter().map(|(_, f)| f.clone()).collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Any word matches; all of them together add a bonus (AND-leaning, partial matches kept).
        clauses.push((Occur::Must, Box::new(AnyAll { words: per_word, bonus: 1.5 })));
        for g in bigrams(&folded) {
            clauses.push((Occur::Should, term(f.bigrams, &g, w.bigram)));
        }
        (Some(with(Box::new(BooleanQuery::new(clauses)), expansion)), phrases, excluded, highlight)
    }

    /// The query's glossary terms in the other language ([`crate::glossary`]): every term found
    /// one clause (any of its renderings; in a rendering of several words, any of them, all of
    /// them counting more), weighed [`glossary::WEIGHT`] against the words typed.
    fn expansion(&self, text: &str) -> Option<Box<dyn Query>> {
        let f = &self.f;
        let concepts = glossary::glossary().expand(text);
        if concepts.is_empty() {
            return None;
        }
        let phrase = |field: Field, words: &[String], boost: f32| -> Box<dyn Query> {
            if let [w] = words {
                return term(field, w, boost);
            }
            let terms = words.iter().map(|w| Term::from_field_text(field, w)).collect();
            Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost))
        };
        let clauses: Vec<Box<dyn Query>> = concepts
            .iter()
            .map(|c| -> Box<dyn Query> {
                let renderings: Vec<Box<dyn Query>> = c
                    .renderings
                    .iter()
                    .map(|r| -> Box<dyn Query> {
                        if c.english {
                            let words = r
                                .iter()
                                .map(|s| -> Box<dyn Query> {
                                    Box::new(DisjunctionMaxQuery::new(vec![
                                        term(f.english_title, s, 2.0),
                                        term(f.english, s, 1.0),
                                    ]))
                                })
                                .collect();
                            Box::new(AnyAll { words, bonus: 1.0 })
                        } else {
                            // Vietnamese words are matched with their diacritics: folded
                            // syllables would meet English words ("an", "do", "cam").
                            Box::new(DisjunctionMaxQuery::new(vec![
                                phrase(f.title_exact, r, 2.0),
                                phrase(f.body_exact, r, 1.0),
                            ]))
                        }
                    })
                    .collect();
                Box::new(DisjunctionMaxQuery::new(renderings))
            })
            .collect();
        Some(Box::new(BoostQuery::new(Box::new(AnyAll { words: clauses, bonus: 1.5 }), glossary::WEIGHT)))
    }

    /// A long text pasted as a query (a need's description, a question): no document holds every
    /// word, so instead of leaning towards all of them it becomes a weighted sum, as the
    /// recommender weighs a need ([`crate::similar`]): a word weighs 1 + ln(count), doubled in
    /// the first line; the `similar::WORDS` words and `similar::PAIRS` adjacent pairs (at
    /// `PAIR_WEIGHT`) with the highest weight × idf are kept.
    fn long_query(&self, query: &[(String, String)], title: &std::collections::HashSet<String>) -> Box<dyn Query> {
        let f = &self.f;
        let searcher = self.reader.searcher();
        let docs = searcher.num_docs() as f32;
        let idf = |field: Field, t: &str| {
            let df = searcher.doc_freq(&Term::from_field_text(field, t)).unwrap_or(0) as f32;
            if df == 0.0 { 0.0 } else { (1.0 + (docs - df + 0.5) / (df + 0.5)).ln() }
        };
        let mut counts: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
        for (exact, folded) in query {
            counts.entry(folded.as_str()).or_insert((0, exact.as_str())).0 += 1;
        }
        let weight = |n: u32, in_title: bool| (1.0 + (n as f32).ln()) * if in_title { 2.0 } else { 1.0 };
        // (weight × idf, weight, folded, exact): the document frequencies looked up once per word.
        let mut words: Vec<(f32, f32, &str, &str)> = counts
            .iter()
            .map(|(folded, (n, exact))| {
                let w = weight(*n, title.contains(*folded));
                (w * idf(f.body, folded).max(idf(f.title, folded)), w, *folded, *exact)
            })
            .filter(|(key, ..)| *key > 0.0)
            .collect();
        words.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(b.2)));
        words.truncate(crate::similar::WORDS);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (_, w, folded, exact) in words {
            let mut alternatives = vec![term(f.title, folded, 2.0), term(f.body, folded, 1.0)];
            alternatives.extend(self.stems(exact).into_iter().map(|s| term(f.english, &s, 1.0)));
            clauses
                .push((Occur::Should, Box::new(BoostQuery::new(Box::new(DisjunctionMaxQuery::new(alternatives)), w))));
        }
        let folded: Vec<String> = query.iter().map(|(_, f)| f.clone()).collect();
        let mut pairs: BTreeMap<String, u32> = BTreeMap::new();
        for g in bigrams(&folded) {
            *pairs.entry(g).or_default() += 1;
        }
        let mut pairs: Vec<(f32, f32, String)> = pairs
            .into_iter()
            .map(|(g, n)| {
                let w = weight(n, false) * crate::similar::PAIR_WEIGHT;
                (w * idf(f.bigrams, &g), w, g)
            })
            .filter(|(key, ..)| *key > 0.0)
            .collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
        pairs.truncate(crate::similar::PAIRS);
        for (_, w, g) in pairs {
            clauses.push((Occur::Should, term(f.bigrams, &g, w)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The English stems of a word, as the `english` field's analyzer makes them.
    fn stems(&self, word: &str) -> Vec<String> {
        let Ok(mut analyzer) = self.index.tokenizer_for_field(self.f.english) else { return Vec::new() };
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(word);
        stream.process(&mut |t| out.push(t.text.clone()));
        out
    }

    /// Turns a search into the tantivy query that runs it.
    pub fn prepare(&self, q: &SearchQuery) -> Prepared {
        let f = &self.f;
        let (text, phrases, excluded, highlight) = self.text_query(&q.text, !q.no_glossary);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let has_text = text.is_some() || !phrases.is_empty();
        if let Some(t) = text {
            clauses.push((Occur::Must, t));
        }
        for p in phrases {
            clauses.push((Occur::Must, p));
        }
        if !has_text {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        for e in excluded {
            clauses.push((Occur::MustNot, e));
        }
        for (name, values) in &q.filters {
            if values.is_empty() {
                continue;
            }
            if let Some((_, field)) = f.facets.iter().find(|(n, _)| n == name) {
                let terms = values.iter().map(|v| Term::from_field_text(*field, v));
                clauses.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
            }
        }
        if let Some((lo, hi)) = q.trl {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(f.trl, lo)),
                    Bound::Included(Term::from_field_u64(f.trl, hi)),
                )),
            ));
        }
        if let Some((lo, hi)) = q.price {
            // Overlap: the listing's range meets the wanted one.
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(Bound::Unbounded, Bound::Included(Term::from_field_i64(f.price_lo, hi)))),
            ));
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(Bound::Included(Term::from_field_i64(f.price_hi, lo)), Bound::Unbounded)),
            ));
        }
        let browse = !has_text && clauses.len() == 1;
        clauses.push((Occur::MustNot, Box::new(self.expired(q.now))));
        let sort = if q.sort == Sort::Relevance && !has_text { Sort::Newest } else { q.sort };
        Prepared { query: BooleanQuery::new(clauses), sort, highlight, browse }
    }

    /// The listings expired at `now`. They are few: matching them through the term dictionary
    /// reads only their postings, where requiring "not expired" read every candidate's value.
    fn expired(&self, now: i64) -> InvertedIndexRangeQuery {
        InvertedIndexRangeQuery::new(Bound::Unbounded, Bound::Included(Term::from_field_i64(self.f.expires, now)))
    }

    /// Runs a search.
    pub fn search(&self, q: &SearchQuery) -> anyhow::Result<Results> {
        let p = self.prepare(q);
        let searcher = self.reader.searcher();
        let limit = q.limit.max(1);
        let facets = self.facets.counter();
        let (addresses, total, counts): (Vec<(f32, DocAddress)>, usize, FacetCounts) = match p.sort {
            Sort::Relevance => {
                let top = TopDocs::with_limit(limit).and_offset(q.offset).order_by_score();
                searcher.search(&p.query, &(top, Count, facets))?
            }
            Sort::Newest | Sort::Deadline if p.browse => {
                let (docs, total, counts) =
                    self.facets.browse(&searcher, &self.expired(q.now), date_order(p.sort), q.offset, limit)?;
                (docs.into_iter().map(|a| (0.0, a)).collect(), total, counts)
            }
            Sort::Newest | Sort::Deadline => {
                let date = ORDERS[date_order(p.sort)];
                let order = if date.descending { Order::Desc } else { Order::Asc };
                let top = TopDocs::with_limit(limit).and_offset(q.offset).order_by_fast_field::<i64>(date.field, order);
                let (docs, total, counts) = searcher.search(&p.query, &(top, Count, facets))?;
                (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), total, counts)
            }
        };
        let hits = self.hits(&searcher, &addresses, q.highlight.then_some(p.highlight.as_slice()))?;
        let facets = counts
            .into_iter()
            .map(|(name, m)| {
                let mut v: Vec<(String, u64)> = m.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                (name, v)
            })
            .collect();
        Ok(Results { total, hits, facets })
    }

    fn hits(
        &self,
        searcher: &Searcher,
        addresses: &[(f32, DocAddress)],
        highlight: Option<&[String]>,
    ) -> anyhow::Result<Vec<Hit>> {
        let f = &self.f;
        addresses
            .iter()
            .map(|(score, addr)| {
                let doc: TantivyDocument = searcher.doc(*addr)?;
                let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default();
                let (title_html, snippet_html, title_en_html, snippet_en_html) = match highlight {
                    Some(terms) => (
                        passage(text(f.title), terms, 300),
                        passage(text(f.body), terms, 220),
                        passage(text(f.english_title), terms, 300),
                        passage(text(f.summary_en), terms, 220),
                    ),
                    None => Default::default(),
                };
                Ok(Hit {
                    id: text(f.id).to_string(),
                    score: *score,
                    title_html,
                    snippet_html,
                    title_en_html,
                    snippet_en_html,
                })
            })
            .collect()
    }
}

/// A word of a field, its score weighted by `boost`.
fn term(field: Field, w: &str, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(
        Box::new(TermQuery::new(Term::from_field_text(field, w), IndexRecordOption::WithFreqs)),
        boost,
    ))
}

/// A text query with its glossary expansion, if any, as an alternative: a listing matches
/// either.
fn with(typed: Box<dyn Query>, expansion: Option<Box<dyn Query>>) -> Box<dyn Query> {
    match expansion {
        Some(e) => Box::new(BooleanQuery::new(vec![(Occur::Should, typed), (Occur::Should, e)])),
        None => typed,
    }
}

/// The free-text part of a query: the ranked words, the phrases (required), the exclusions and
/// the folded terms to highlight.
type TextParts = (Option<Box<dyn Query>>, Vec<Box<dyn Query>>, Vec<Box<dyn Query>>, Vec<String>);

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, title: &str, body: &str, sector: &str) -> Doc {
        Doc {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            facets: vec![("kind", "offer".into()), ("sector", sector.into()), ("province", "hue".into())],
            trl: Some(7),
            price: None,
            published: 1_700_000_000 + id.len() as i64,
            expires: i64::MAX,
            deadline: i64::MAX,
            ..Doc::default()
        }
    }

    fn index(docs: &[Doc]) -> SearchIndex {
        let idx = SearchIndex::in_memory().unwrap();
        let mut w = idx.writer(20_000_000).unwrap();
        for d in docs {
            idx.upsert(&w, d).unwrap();
        }
        idx.commit(&mut w, 1).unwrap();
        idx
    }

    fn ids(idx: &SearchIndex, text: &str) -> Vec<String> {
        idx.search(&SearchQuery { text: text.into(), limit: 10, ..SearchQuery::default() })
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    fn corpus() -> SearchIndex {
        index(&[
            doc(
                "tom",
                "Chế phẩm vi sinh xử lý đáy ao nuôi tôm",
                "Giảm khí độc trong ao nuôi tôm thẻ chân trắng",
                "aquaculture",
            ),
            // Decomposed (NFD) diacritics, as pasted from some PDFs.
            doc(
                "nfd",
                "Ma\u{0301}y sa\u{0302}\u{0301}y no\u{0302}ng sa\u{0309}n",
                "Sa\u{0302}\u{0301}y ca\u{0300} phe\u{0302} ba\u{0306}\u{0300}ng bo\u{031b}m nhie\u{0323}\u{0302}t",
                "agriculture",
            ),
            doc("duong", "Dây chuyền sản xuất đường mía", "Đường tinh luyện từ mía Quảng Ngãi", "food_processing"),
            doc("dong", "Máy dệt vải dương xỉ", "Sợi từ cây dương xỉ", "handicrafts"),
            doc(
                "en",
                "Solar powered water pumps for irrigation",
                "Pumping water with photovoltaic panels for small farms",
                "energy",
            ),
            doc("tom2", "Thức ăn cho tôm hùm", "Nuôi tôm hùm lồng", "aquaculture"),
        ])
    }

    #[test]
    fn folding_exact_and_nfd() {
        let idx = corpus();
        assert_eq!(ids(&idx, "nuoi tom")[0], "tom", "no diacritics finds the accented words");
        assert_eq!(ids(&idx, "nuôi tôm")[0], "tom");
        assert_eq!(ids(&idx, "máy sấy nông sản")[0], "nfd", "an NFC query finds NFD text");
        assert_eq!(ids(&idx, "ma\u{0301}y sa\u{0302}\u{0301}y")[0], "nfd", "an NFD query too");
        // đ folds to d: "duong" finds "đường", and "đường" ranks it above "dương".
        assert!(ids(&idx, "duong").contains(&"duong".to_string()));
        assert_eq!(ids(&idx, "đường")[0], "duong");
        assert_eq!(ids(&idx, "dương")[0], "dong");
    }

    #[test]
    fn a_long_pasted_text_is_a_weighted_query_not_query_syntax() {
        let idx = index(&[
            doc(
                "a",
                "Chế phẩm vi sinh xử lý đáy ao nuôi tôm",
                "Vi sinh phân hủy bùn đáy ao nuôi tôm thẻ, giảm khí độc NH3.",
                "aquaculture",
            ),
            doc("b", "Máy sấy cà phê", "Sấy cà phê bằng năng lượng mặt trời.", "energy"),
            doc("c", "Phần mềm quản lý hợp tác xã", "Quản lý đơn hàng và kho cho hợp tác xã nông nghiệp.", "it"),
        ]);
        // Sixty words, with quotes and hyphens that a typed query would read as syntax.
        let long = "Cần xử lý đáy ao nuôi tôm\nAo nuôi tôm thẻ của hợp tác xã bị ô nhiễm bùn đáy, khí độc \"NH3\" tăng cao \
                    vào cuối vụ; tôm yếu và chết rải rác. Chúng tôi đã thử thay nước nhiều lần, dùng vôi và một số \
                    sản phẩm trôi nổi trên thị trường -không hiệu quả- mà chi phí lại tăng. Cần một chế phẩm vi sinh \
                    hoặc quy trình xử lý đáy ao phù hợp với độ mặn thấp, dễ áp dụng cho hộ nuôi nhỏ lẻ.";
        assert!(words(long).count() >= LONG_QUERY);
        let found = ids(&idx, long);
        assert_eq!(found.first().map(String::as_str), Some("a"), "{found:?}");
        // The same words typed short stay AND-leaning: the quoted word is a phrase, "-" excludes.
        assert_eq!(ids(&idx, "ao nuôi -tôm"), Vec::<String>::new());
    }

    #[test]
    fn english_stemming_phrases_exclusion_and_partial_matches() {
        let idx = corpus();
        // pumps/pumping share a stem; the Vietnamese heat pump dryer ("bơm nhiệt") follows,
        // through the glossary ("pump" → "bơm").
        assert_eq!(ids(&idx, "pumping irrigation"), ["en", "nfd"]);
        let plain =
            SearchQuery { text: "pumping irrigation".into(), limit: 10, no_glossary: true, ..Default::default() };
        assert_eq!(idx.search(&plain).unwrap().hits.len(), 1, "without the glossary, only the English one");
        assert_eq!(ids(&idx, "\"tôm hùm\""), ["tom2"], "a phrase");
        let all_tom = ids(&idx, "tôm");
        assert!(all_tom.contains(&"tom".into()) && all_tom.contains(&"tom2".into()));
        assert_eq!(ids(&idx, "tôm -hùm"), ["tom"], "an exclusion");
        // AND-leaning: the document with every word first, partial matches still listed.
        let r = ids(&idx, "tôm chân trắng xyzzy");
        assert_eq!(r[0], "tom");
        assert!(r.contains(&"tom2".into()));
        // Mixed Vietnamese–English.
        assert_eq!(ids(&idx, "máy solar")[..].len(), 3);
    }

    #[test]
    fn browsing_from_the_segment_tables_matches_a_full_search() {
        let idx = SearchIndex::in_memory().unwrap();
        let mut n = 0;
        let mut add = |idx: &SearchIndex, count: usize, expires: i64| {
            let mut w = idx.writer(20_000_000).unwrap();
            for _ in 0..count {
                n += 1;
                let mut d = doc(&format!("d{n}"), "Máy sấy", "nông sản", ["agriculture", "energy", "it"][n % 3]);
                d.published = 1_000 + (n as i64 * 7919) % 500;
                d.deadline = if n % 4 == 0 { i64::MAX } else { (n as i64 * 31) % 97 };
                d.expires = if n % 5 == 0 { expires } else { i64::MAX };
                d.facets.push(("transfer_mode", "licence".into()));
                if n % 2 == 0 {
                    d.facets.push(("transfer_mode", "training".into()));
                }
                idx.upsert(&w, &d).unwrap();
            }
            idx.commit(&mut w, n as i64).unwrap();
        };
        // Several segments, some documents deleted or replaced, some expired.
        add(&idx, 40, 50);
        add(&idx, 30, 5_000);
        // Counted once before the deletes: the counts must follow them.
        assert_eq!(idx.search(&SearchQuery { limit: 1, ..SearchQuery::default() }).unwrap().total, 70);
        let mut w = idx.writer(20_000_000).unwrap();
        for i in (1..70).step_by(6) {
            idx.delete(&w, &format!("d{i}"));
        }
        idx.commit(&mut w, 100).unwrap();
        drop(w);
        add(&idx, 25, 50);
        for sort in [Sort::Newest, Sort::Deadline] {
            for (offset, now) in [(0, 100), (7, 100), (30, 100), (0, 10_000), (90, 100)] {
                let q = SearchQuery { sort, offset, limit: 10, now, ..SearchQuery::default() };
                let every_kind = vec![("kind", vec!["offer".to_string(), "need".to_string()])];
                let full = SearchQuery { filters: every_kind, ..q.clone() };
                assert!(idx.prepare(&q).browse && !idx.prepare(&full).browse);
                let (a, b) = (idx.search(&q).unwrap(), idx.search(&full).unwrap());
                assert_eq!(a.total, b.total, "{sort:?} {offset} {now}");
                assert_eq!(a.facets, b.facets, "{sort:?} {offset} {now}");
                let ids = |r: &Results| r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
                assert_eq!(ids(&a), ids(&b), "{sort:?} {offset} {now}");
            }
        }
    }

    #[test]
    fn a_bulk_fill_ends_in_one_segment_and_keeps_following_changes() {
        let idx = SearchIndex::in_memory().unwrap();
        let mut w = idx.bulk_writer(20_000_000).unwrap();
        for batch in 0..3 {
            for i in 0..20 {
                idx.add(&w, &doc(&format!("b{batch}-{i}"), "Máy sấy nông sản", "sấy lạnh", "agriculture")).unwrap();
            }
            idx.commit(&mut w, batch).unwrap();
        }
        assert_eq!(idx.searcher().segment_readers().len(), 3);
        idx.merge_all(&mut w).unwrap();
        assert_eq!(idx.searcher().segment_readers().len(), 1);
        idx.upsert(&w, &doc("b0-0", "Máy sấy cà phê", "sấy", "agriculture")).unwrap();
        idx.commit(&mut w, 4).unwrap();
        let r = idx.search(&SearchQuery { text: "may say".into(), limit: 100, ..SearchQuery::default() }).unwrap();
        assert_eq!(r.total, 60);
        assert_eq!(r.facets["sector"], vec![("agriculture".to_string(), 60)]);
    }

    #[test]
    fn indexed_bigrams_are_the_query_bigrams() {
        for text in ["Nuôi tôm thẻ, chân trắng!", "", "một", "Solar-powered  water pumps"] {
            let mut out = String::new();
            push_bigrams(text, &mut out);
            assert_eq!(out, bigrams(&query_words(text)).join(" "), "{text}");
        }
    }

    #[test]
    fn highlights_are_escaped() {
        let idx =
            index(&[doc("x", "Máy <script>alert(1)</script> sấy", "Sấy <img src=x onerror=alert(1)> nhanh", "other")]);
        let q = SearchQuery { text: "may say".into(), limit: 1, highlight: true, ..SearchQuery::default() };
        let hit = &idx.search(&q).unwrap().hits[0];
        for html in [&hit.title_html, &hit.snippet_html] {
            assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
        }
        assert!(
            hit.title_html.contains("&lt;script&gt;") && hit.title_html.contains("<b>Máy</b>"),
            "{}",
            hit.title_html
        );
    }

    #[test]
    fn facets_filters_sorting_and_snippets() {
        let idx = corpus();
        let q =
            |filters: Vec<(&'static str, Vec<String>)>| SearchQuery { filters, limit: 10, ..SearchQuery::default() };
        let all = idx.search(&q(vec![])).unwrap();
        assert_eq!(all.total, 6, "an empty query browses everything");
        let sectors: BTreeMap<String, u64> = all.facets["sector"].iter().cloned().collect();
        assert_eq!(sectors["aquaculture"], 2);
        let aqua = idx.search(&q(vec![("sector", vec!["aquaculture".into()])])).unwrap();
        assert_eq!(aqua.total, 2);
        assert_eq!(aqua.facets["province"], vec![("hue".to_string(), 2)]);
        let r = idx
            .search(&SearchQuery { text: "nuoi tom".into(), limit: 1, highlight: true, ..SearchQuery::default() })
            .unwrap();
        assert!(
            r.hits[0].title_html.contains("<b>nuôi</b>") && r.hits[0].title_html.contains("<b>tôm</b>"),
            "{}",
            r.hits[0].title_html
        );
        let newest = idx.search(&SearchQuery { sort: Sort::Newest, limit: 10, ..SearchQuery::default() }).unwrap();
        assert_eq!(newest.hits[0].id, "duong", "the longest id was given the newest time");
        // Expired documents are not found.
        let later = idx.search(&SearchQuery { now: i64::MAX - 1, limit: 10, ..SearchQuery::default() }).unwrap();
        assert_eq!(later.total, 6);
        let mut w = idx.writer(20_000_000).unwrap();
        idx.upsert(&w, &Doc { expires: 10, ..doc("tom", "Chế phẩm vi sinh", "ao nuôi tôm", "aquaculture") }).unwrap();
        idx.delete(&w, "tom2");
        idx.commit(&mut w, 2).unwrap();
        let at = |now| {
            idx.search(&SearchQuery { text: "tôm".into(), now, limit: 10, ..SearchQuery::default() }).unwrap().total
        };
        assert_eq!(at(5), 1, "not yet expired; the deleted one is gone");
        assert_eq!(at(100), 0, "expired");
        assert_eq!(idx.last_change().unwrap(), 2);
    }
}
