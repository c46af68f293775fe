//! Facet counts over a result set.
//!
//! Reading a document's facet values from tantivy's columnar store costs a column lookup per
//! document and facet (optional-index ranks, dictionary ordinals), which dominated searches that
//! match many documents. So each segment's values are read once, into plain arrays of ordinals,
//! when a searcher is opened (a tantivy [`Warmer`], run by the reader on reload, not by
//! searches); counting is then one array read and one increment per document and facet. Segments
//! never change once written (deletes only hide documents, which collectors never see), so a
//! segment's table lives as long as some searcher uses the segment.
//!
//! The tables also hold each segment's documents in date order and (per set of deletes) the
//! facet counts of all its documents: browsing without a query — the search page as it opens —
//! then reads a page of documents and subtracts the few hidden ones, instead of visiting every
//! document of the index on every request.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};

use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::{Cardinality, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, Searcher, SearcherGeneration, SegmentOrdinal, SegmentReader, Warmer};

/// "No value" in a single-valued column.
const NONE: u32 = u32::MAX;

/// Value counts per facet, by value.
pub type FacetCounts = BTreeMap<String, HashMap<String, u64>>;

/// The documents' ordinals of one facet in one segment.
enum Ords {
    /// At most one value per document (`NONE` for none).
    Single(Vec<u32>),
    /// Several values per document: those of document `d` are `ords[starts[d]..starts[d + 1]]`.
    Multi { starts: Vec<u32>, ords: Vec<u32> },
}

/// One facet of one segment: the value names by ordinal and each document's ordinals.
struct Column {
    name: &'static str,
    values: Vec<String>,
    ords: Ords,
}

/// An order of documents by a date (an `i64` fast field).
#[derive(Debug, Clone, Copy)]
pub struct DateOrder {
    pub field: &'static str,
    /// Largest first.
    pub descending: bool,
}

impl DateOrder {
    /// The sort key of a document (`None`: no value, sorted last).
    fn key(&self, value: Option<i64>) -> i64 {
        match (value, self.descending) {
            (Some(v), true) => v.saturating_neg(),
            (Some(v), false) => v,
            (None, _) => i64::MAX,
        }
    }
}

/// Every facet of one segment, and its documents in each date order.
struct SegmentTable {
    columns: Vec<Column>,
    orders: Vec<Vec<DocId>>,
    /// The number of live documents and their facet counts, for the deletes last seen.
    alive: Mutex<Option<(DocId, Arc<AliveCounts>)>>,
}

struct AliveCounts {
    docs: u64,
    counts: Vec<Vec<u64>>,
}

impl SegmentTable {
    fn read(fields: &[&'static str], orders: &[DateOrder], reader: &SegmentReader) -> tantivy::Result<Self> {
        let max_doc = reader.max_doc();
        let mut columns = Vec::with_capacity(fields.len());
        for name in fields {
            let Some(col) = reader.fast_fields().str(name)? else {
                columns.push(Column { name, values: Vec::new(), ords: Ords::Single(Vec::new()) });
                continue;
            };
            columns.push(Column { name, values: values(&col)?, ords: ords(&col, max_doc) });
        }
        let orders = orders
            .iter()
            .map(|o| {
                let col = reader.fast_fields().i64(o.field)?;
                let mut docs: Vec<(i64, DocId)> = (0..max_doc).map(|d| (o.key(col.first(d)), d)).collect();
                docs.sort_unstable();
                Ok(docs.into_iter().map(|(_, d)| d).collect())
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(Self { columns, orders, alive: Mutex::new(None) })
    }

    fn counts(&self) -> Vec<Vec<u64>> {
        self.columns.iter().map(|c| vec![0; c.values.len()]).collect()
    }

    /// Adds the values of `docs` to `counts`, one facet at a time (a tight loop per column).
    fn count(&self, docs: &[DocId], counts: &mut [Vec<u64>]) {
        for (col, counts) in self.columns.iter().zip(counts) {
            let n = counts.len();
            // Four interleaved histograms: consecutive documents often share a value, and adding
            // to one counter in a row waits on the previous addition each time.
            let mut lanes = vec![0u64; 4 * n];
            match &col.ords {
                Ords::Single(ords) => {
                    for (i, &doc) in docs.iter().enumerate() {
                        if let Some(&o) = ords.get(doc as usize)
                            && let Some(c) = lanes.get_mut((i & 3) * n + o as usize).filter(|_| (o as usize) < n)
                        {
                            *c += 1;
                        }
                    }
                }
                Ords::Multi { starts, ords } => {
                    for (i, &doc) in docs.iter().enumerate() {
                        let (Some(&a), Some(&b)) = (starts.get(doc as usize), starts.get(doc as usize + 1)) else {
                            continue;
                        };
                        for &o in ords.get(a as usize..b as usize).unwrap_or_default() {
                            if let Some(c) = lanes.get_mut((i & 3) * n + o as usize).filter(|_| (o as usize) < n) {
                                *c += 1;
                            }
                        }
                    }
                }
            }
            for lane in lanes.chunks(n.max(1)) {
                for (c, l) in counts.iter_mut().zip(lane) {
                    *c += l;
                }
            }
        }
    }

    /// The live documents of `reader` (this segment with its current deletes), counted once.
    fn alive(&self, reader: &SegmentReader) -> Arc<AliveCounts> {
        let deleted = reader.num_deleted_docs();
        if let Ok(memo) = self.alive.lock()
            && let Some((d, a)) = memo.as_ref()
            && *d == deleted
        {
            return a.clone();
        }
        let mut counts = self.counts();
        self.count(&reader.doc_ids_alive().collect::<Vec<_>>(), &mut counts);
        let a = Arc::new(AliveCounts { docs: u64::from(reader.num_docs()), counts });
        if let Ok(mut memo) = self.alive.lock() {
            *memo = Some((deleted, a.clone()));
        }
        a
    }

    /// Facet counts by value name.
    fn named(&self, counts: &[Vec<u64>], into: &mut FacetCounts) {
        for (col, counts) in self.columns.iter().zip(counts) {
            let e = into.entry(col.name.to_string()).or_default();
            for (v, &n) in col.values.iter().zip(counts).filter(|(_, n)| **n > 0) {
                *e.entry(v.clone()).or_default() += n;
            }
        }
    }
}

fn values(col: &StrColumn) -> tantivy::Result<Vec<String>> {
    (0..col.num_terms() as u64)
        .map(|ord| {
            let mut s = String::new();
            col.ord_to_str(ord, &mut s)?;
            Ok(s)
        })
        .collect()
}

fn ords(col: &StrColumn, max_doc: DocId) -> Ords {
    if col.ords().get_cardinality() == Cardinality::Multivalued {
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        for doc in 0..max_doc {
            starts.push(ords.len() as u32);
            ords.extend(col.term_ords(doc).map(|o| o as u32));
        }
        starts.push(ords.len() as u32);
        Ords::Multi { starts, ords }
    } else {
        Ords::Single((0..max_doc).map(|doc| col.ords().first(doc).map_or(NONE, |o| o as u32)).collect())
    }
}

/// The tables of the segments in use, filled by the reader's warming.
pub struct FacetTables {
    fields: Vec<&'static str>,
    orders: Vec<DateOrder>,
    tables: RwLock<HashMap<SegmentId, Arc<SegmentTable>>>,
}

impl FacetTables {
    pub fn new(fields: &[&'static str], orders: &[DateOrder]) -> Self {
        Self { fields: fields.to_vec(), orders: orders.to_vec(), tables: RwLock::new(HashMap::new()) }
    }

    fn table(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentTable>> {
        let id = reader.segment_id();
        if let Some(t) = self.tables.read().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(t);
        }
        // Not warmed (a searcher taken while warming): read it now, and keep it.
        let t = Arc::new(SegmentTable::read(&self.fields, &self.orders, reader)?);
        if let Ok(mut m) = self.tables.write() {
            m.insert(id, t.clone());
        }
        Ok(t)
    }

    /// A collector counting the facets of the matching documents.
    pub fn counter(self: &Arc<Self>) -> FacetCounter {
        FacetCounter { tables: self.clone() }
    }

    /// Every live document except those matching `hidden` (meant to match few), in date order
    /// `order` (an index into the orders given to [`FacetTables::new`]): the page
    /// `offset..offset + limit`, the total and the facet counts.
    pub fn browse(
        self: &Arc<Self>,
        searcher: &Searcher,
        hidden: &dyn Query,
        order: usize,
        offset: usize,
        limit: usize,
    ) -> tantivy::Result<(Vec<DocAddress>, usize, FacetCounts)> {
        let (hidden_docs, hidden_counts) = searcher.search(hidden, &(DocSetCollector, self.counter()))?;
        let Some(&date) = self.orders.get(order) else {
            return Err(tantivy::TantivyError::InvalidArgument(format!("no date order {order}")));
        };
        let mut total = 0u64;
        let mut counts = FacetCounts::new();
        let mut page: Vec<(i64, DocAddress)> = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let table = self.table(reader)?;
            let alive = table.alive(reader);
            total += alive.docs;
            table.named(&alive.counts, &mut counts);
            let col = reader.fast_fields().i64(date.field)?;
            let candidates = table.orders.get(order).map(Vec::as_slice).unwrap_or_default();
            let address = |doc| DocAddress::new(ord as SegmentOrdinal, doc);
            page.extend(
                candidates
                    .iter()
                    .filter(|&&doc| !reader.is_deleted(doc) && !hidden_docs.contains(&address(doc)))
                    .take(offset + limit)
                    .map(|&doc| (date.key(col.first(doc)), address(doc))),
            );
        }
        page.sort_unstable();
        for (name, m) in hidden_counts {
            if let Some(e) = counts.get_mut(&name) {
                for (v, n) in m {
                    if let Some(c) = e.get_mut(&v) {
                        *c = c.saturating_sub(n);
                    }
                }
                e.retain(|_, n| *n > 0);
            }
        }
        let total = total.saturating_sub(hidden_docs.len() as u64) as usize;
        Ok((page.into_iter().skip(offset).take(limit).map(|(_, a)| a).collect(), total, counts))
    }
}

impl Warmer for FacetTables {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            self.table(reader)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&SearcherGeneration]) {
        let used: HashSet<SegmentId> = live.iter().flat_map(|g| g.segments().keys().copied()).collect();
        if let Ok(mut m) = self.tables.write() {
            m.retain(|id, _| used.contains(id));
        }
    }
}

/// Counts the facet values of the matching documents.
pub struct FacetCounter {
    tables: Arc<FacetTables>,
}

/// Keeps the matching documents and counts them when the segment is done: a loop per facet
/// over the documents is several times faster than every facet for each document in turn.
pub struct SegmentCounter {
    table: Arc<SegmentTable>,
    docs: Vec<DocId>,
}

impl Collector for FacetCounter {
    type Fruit = FacetCounts;
    type Child = SegmentCounter;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentCounter> {
        let table = self.tables.table(reader)?;
        Ok(SegmentCounter { table, docs: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut out = FacetCounts::new();
        for fruit in fruits {
            for (name, m) in fruit {
                let e = out.entry(name).or_default();
                for (v, n) in m {
                    *e.entry(v).or_default() += n;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.docs.extend_from_slice(docs);
    }

    fn harvest(self) -> FacetCounts {
        let mut counts = self.table.counts();
        self.table.count(&self.docs, &mut counts);
        let mut out = FacetCounts::new();
        self.table.named(&counts, &mut out);
        out
    }
}
