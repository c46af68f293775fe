//! Search speed benchmark: `cargo bench --bench search` (`KETNOI_BENCH_DOCS`, default 100000;
//! `KETNOI_BENCH_1M=1` adds a 1,000,000-document run).
//!
//! Builds a corpus from ../shared/data (SBIR topics and awards, NASA software, Vietnamese science
//! and news texts; repeated with distinct ids when more are wanted) with synthetic facet values,
//! then in the same run:
//! - indexing through `SearchIndex::upsert` against adding the same documents, prepared in
//!   advance, to a bare `IndexWriter` with the same heap;
//! - a mixed query set (1–4 words, Vietnamese and English, taken from titles): ketnoi's search
//!   (top 10, total, facet counts) against SQLite FTS5 on the same data (`MATCH`, `bm25`, total
//!   and 4 facet counts by `GROUP BY`), p50 and p99;
//! - ketnoi's app path (from the query text: parsing, query building, search, facet counts,
//!   highlighted snippets) against bare tantivy running the same query, built in advance, with
//!   its own collectors (top 10 with stored ids, count, terms aggregation on the same facets);
//! - the memory of a separate process that only opens the index and runs the queries.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use ketnoi_index::{Doc, SearchIndex, SearchQuery};

const HEAP: usize = 128 * 1024 * 1024;
const SECTORS: &[&str] = &[
    "agriculture",
    "aquaculture",
    "food_processing",
    "biotechnology",
    "health",
    "environment",
    "energy",
    "materials",
    "mechanics",
    "electronics",
    "it",
    "construction",
    "handicrafts",
    "tourism",
    "other",
];
const PROVINCES: &[&str] = &[
    "ha-noi",
    "hue",
    "hai-phong",
    "da-nang",
    "ho-chi-minh",
    "can-tho",
    "quang-tri",
    "nghe-an",
    "lam-dong",
    "khanh-hoa",
];
const IP: &[&str] = &["none", "know_how", "pending", "patent", "utility_solution", "plant_variety"];
const MODES: &[&str] =
    &["licence", "assignment", "joint_venture", "technical_service", "training", "consulting", "equipment"];

fn source(name: &str, title: &str, body: &str) -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(name);
    let Ok(file) = std::fs::File::open(&path) else { return Vec::new() };
    std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .map(|v| {
            (
                v[title].as_str().unwrap_or_default().to_string(),
                v[body].as_str().unwrap_or_default().chars().take(3000).collect(),
            )
        })
        .filter(|(t, _)| !t.is_empty())
        .collect()
}

fn corpus(n: usize) -> Vec<Doc> {
    let mut texts = source("listings/sbir_topics.jsonl.gz", "topic_name", "description");
    texts.extend(source("listings/sbir_awards.jsonl.gz", "title", "abstract"));
    texts.extend(source("listings/nasa_software.jsonl.gz", "name", "description"));
    texts.extend(source("text/vntc_sci_tech.jsonl.gz", "title", "body"));
    texts.extend(source("text/vn_news_tc201805.jsonl.gz", "title", "body"));
    assert!(!texts.is_empty(), "no data under ../shared/data");
    (0..n)
        .map(|i| {
            let (title, body) = &texts[i % texts.len()];
            let h = i.wrapping_mul(2_654_435_761);
            Doc {
                id: format!("offer:{i}"),
                title: title.clone(),
                body: body.clone(),
                title_en: String::new(),
                summary_en: String::new(),
                facets: vec![
                    ("kind", if i % 3 == 0 { "need" } else { "offer" }.into()),
                    ("sector", SECTORS[h % SECTORS.len()].into()),
                    ("province", PROVINCES[(h >> 4) % PROVINCES.len()].into()),
                    ("ip_status", IP[(h >> 8) % IP.len()].into()),
                    ("transfer_mode", MODES[(h >> 12) % MODES.len()].into()),
                    ("org_kind", ["enterprise", "university", "research_institute"][(h >> 16) % 3].into()),
                ],
                trl: Some(1 + (h % 9) as u64),
                price: Some(((h % 100) as i64 * 10_000_000, (h % 100) as i64 * 20_000_000)),
                published: 1_700_000_000 + i as i64,
                expires: i64::MAX,
                deadline: i64::MAX,
            }
        })
        .collect()
}

fn queries(docs: &[Doc]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 7usize;
    while out.len() < 400 {
        i = i.wrapping_mul(1_103_515_245).wrapping_add(12_345) % docs.len();
        let words: Vec<&str> =
            docs[i].title.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 2).collect();
        if words.is_empty() {
            continue;
        }
        let len = 1 + out.len() % 4;
        let start = i % words.len();
        out.push(words[start..(start + len).min(words.len())].join(" "));
    }
    out
}

fn pct(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn dir_size(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p)
        .map(|r| r.filter_map(|e| e.ok()).filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

#[derive(QueryableByName)]
struct Hit {
    #[diesel(sql_type = Text)]
    #[allow(dead_code)]
    id: String,
}

#[derive(QueryableByName)]
struct Group {
    #[diesel(sql_type = Text)]
    #[allow(dead_code)]
    v: String,
    #[diesel(sql_type = BigInt)]
    #[allow(dead_code)]
    n: i64,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = BigInt)]
    #[allow(dead_code)]
    n: i64,
}

fn run(n: usize, with_fts5: bool) -> anyhow::Result<()> {
    let docs = corpus(n);
    let qs = queries(&docs);
    let dir = tempfile::tempdir()?;
    // Indexing: ketnoi's path against prepared documents on a bare writer (same schema and heap).
    let idx = SearchIndex::create(&dir.path().join("ketnoi"))?;
    let mut w = idx.writer(HEAP)?;
    let t = Instant::now();
    // As a rebuild does (a new index: no delete before each add).
    for d in &docs {
        idx.add(&w, d)?;
    }
    idx.commit(&mut w, 1)?;
    let ours = t.elapsed().as_secs_f64();
    w.into_tantivy().wait_merging_threads()?; // the size below is the settled index
    let bare_idx = SearchIndex::create(&dir.path().join("bare"))?;
    let prepared: Vec<_> = docs.iter().map(|d| bare_idx.document(d)).collect();
    let mut bw = bare_idx.writer(HEAP)?.into_tantivy();
    let t = Instant::now();
    for d in prepared {
        bw.add_document(d)?;
    }
    bw.commit()?;
    let bare = t.elapsed().as_secs_f64();
    bw.wait_merging_threads()?; // no merging left to compete with the searches below
    println!(
        "{n} docs: indexing ketnoi {ours:.1} s ({:.0} docs/s), bare IndexWriter {bare:.1} s; ketnoi/bare throughput {:.2}×; index {} MiB, RSS {} MiB",
        n as f64 / ours,
        bare / ours,
        dir_size(&dir.path().join("ketnoi")) / 1024 / 1024,
        kib("VmRSS:") / 1024
    );
    // Searches.
    let search = |text: &str, highlight: bool| -> anyhow::Result<f64> {
        let t = Instant::now();
        let r = idx.search(&SearchQuery { text: text.into(), limit: 10, highlight, ..SearchQuery::default() })?;
        std::hint::black_box(r);
        Ok(t.elapsed().as_secs_f64() * 1000.0)
    };
    for q in qs.iter().take(50) {
        search(q, false)?;
    }
    let ket: Vec<f64> = qs.iter().map(|q| search(q, false)).collect::<Result<_, _>>()?;
    let app: Vec<f64> = qs.iter().map(|q| search(q, true)).collect::<Result<_, _>>()?;
    // The same queries on bare tantivy: each query built in advance by ketnoi (so both run the
    // very same tantivy query), top 10 with their stored ids, the count, and tantivy's own terms
    // aggregation over the same 6 facet fields.
    let searcher = idx.searcher();
    let prepared: Vec<_> =
        qs.iter().map(|q| idx.prepare(&SearchQuery { text: q.clone(), limit: 10, ..SearchQuery::default() })).collect();
    let aggs: tantivy::aggregation::agg_req::Aggregations = serde_json::from_value(serde_json::Value::Object(
        ketnoi_index::FACETS
            .iter()
            .map(|f| (f.to_string(), serde_json::json!({ "terms": { "field": f, "size": 100 } })))
            .collect(),
    ))?;
    let id_field = searcher.schema().get_field("id")?;
    let bare_ms: Vec<f64> = prepared
        .iter()
        .map(|p| {
            let t = Instant::now();
            let collector = tantivy::aggregation::AggregationCollector::from_aggs(aggs.clone(), Default::default());
            let (top, total, facets) = searcher.search(
                &p.query,
                &(tantivy::collector::TopDocs::with_limit(10).order_by_score(), tantivy::collector::Count, collector),
            )?;
            let ids: Vec<String> = top
                .iter()
                .map(|(_, a)| {
                    let d: tantivy::TantivyDocument = searcher.doc(*a)?;
                    use tantivy::schema::Value;
                    Ok(d.get_first(id_field).and_then(|v| v.as_str()).unwrap_or_default().to_string())
                })
                .collect::<anyhow::Result<_>>()?;
            std::hint::black_box((ids, total, facets));
            Ok(t.elapsed().as_secs_f64() * 1000.0)
        })
        .collect::<anyhow::Result<_>>()?;
    println!(
        "  ketnoi search (top 10 + total + 6 facet counts): p50 {:.3} ms, p99 {:.3} ms; app path (+ query parsing, highlighted snippets): p50 {:.3} ms, p99 {:.3} ms; bare tantivy (same query prebuilt, top 10 ids + count + terms aggregation on the 6 facets): p50 {:.3} ms, p99 {:.3} ms",
        pct(ket.clone(), 0.5),
        pct(ket.clone(), 0.99),
        pct(app.clone(), 0.5),
        pct(app.clone(), 0.99),
        pct(bare_ms.clone(), 0.5),
        pct(bare_ms.clone(), 0.99)
    );
    if with_fts5 {
        let mut c = SqliteConnection::establish(&dir.path().join("fts.db").to_string_lossy())?;
        diesel::sql_query("CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, title, body, sector UNINDEXED, province UNINDEXED, ip UNINDEXED, mode UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')").execute(&mut c)?;
        c.transaction::<_, anyhow::Error, _>(|c| {
            for d in &docs {
                let f = |k: &str| d.facets.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()).unwrap_or_default();
                diesel::sql_query("INSERT INTO d VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .bind::<Text, _>(&d.id)
                    .bind::<Text, _>(&d.title)
                    .bind::<Text, _>(&d.body)
                    .bind::<Text, _>(f("sector"))
                    .bind::<Text, _>(f("province"))
                    .bind::<Text, _>(f("ip_status"))
                    .bind::<Text, _>(f("transfer_mode"))
                    .execute(c)?;
            }
            Ok(())
        })?;
        let fts: Vec<f64> = qs
            .iter()
            .map(|q| {
                let m: Vec<String> = q
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(|w| format!("\"{w}\""))
                    .collect();
                let m = m.join(" OR ");
                let t = Instant::now();
                let top =
                    diesel::sql_query("SELECT id FROM d WHERE d MATCH ? ORDER BY bm25(d, 0.0, 2.0, 1.0) LIMIT 10")
                        .bind::<Text, _>(&m)
                        .load::<Hit>(&mut c)?;
                let total = diesel::sql_query("SELECT count(*) AS n FROM d WHERE d MATCH ?")
                    .bind::<Text, _>(&m)
                    .load::<CountRow>(&mut c)?;
                let mut groups = 0;
                for col in ["sector", "province", "ip", "mode"] {
                    groups += diesel::sql_query(format!(
                        "SELECT {col} AS v, count(*) AS n FROM d WHERE d MATCH ? GROUP BY {col}"
                    ))
                    .bind::<Text, _>(&m)
                    .load::<Group>(&mut c)?
                    .len();
                }
                std::hint::black_box((top, total, groups));
                Ok(t.elapsed().as_secs_f64() * 1000.0)
            })
            .collect::<anyhow::Result<_>>()?;
        let (k50, k99, f50, f99) =
            (pct(ket.clone(), 0.5), pct(ket.clone(), 0.99), pct(fts.clone(), 0.5), pct(fts.clone(), 0.99));
        println!(
            "  FTS5 (top 10 + total + 4 GROUP BY facet counts): p50 {f50:.2} ms, p99 {f99:.2} ms; ketnoi/FTS5: p50 {:.3}×, p99 {:.3}×",
            k50 / f50,
            k99 / f99
        );
    }
    println!(
        "  app path/bare tantivy: p50 {:.2}×, p99 {:.2}×; peak RSS of this benchmark {} MiB; a process only opening the index and searching: {}",
        pct(app.clone(), 0.5) / pct(bare_ms.clone(), 0.5),
        pct(app, 0.99) / pct(bare_ms, 0.99),
        kib("VmHWM:") / 1024,
        search_only_memory(&dir.path().join("ketnoi"), &qs)?
    );
    Ok(())
}

/// The memory a server needs to search: a process of its own that opens the index and runs the
/// queries (the benchmark's own process also holds the corpus it indexed).
fn search_only_memory(index: &std::path::Path, qs: &[String]) -> anyhow::Result<String> {
    let queries = index.with_extension("queries");
    std::fs::write(&queries, qs.join("\n"))?;
    let out = std::process::Command::new(std::env::current_exe()?)
        .env("KETNOI_BENCH_SEARCH_ONLY", index)
        .env("KETNOI_BENCH_QUERIES", &queries)
        .output()?;
    anyhow::ensure!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}

/// The child of [`search_only_memory`].
fn search_only(index: &str, queries: &str) -> anyhow::Result<()> {
    let idx = SearchIndex::open(std::path::Path::new(index)).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let qs = std::fs::read_to_string(queries)?;
    for _ in 0..2 {
        for q in qs.lines() {
            idx.search(&SearchQuery { text: q.into(), limit: 10, highlight: true, ..SearchQuery::default() })?;
        }
        idx.search(&SearchQuery { limit: 10, ..SearchQuery::default() })?;
    }
    println!("RSS {} MiB, peak {} MiB", kib("VmRSS:") / 1024, kib("VmHWM:") / 1024);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    if let (Ok(index), Ok(queries)) = (std::env::var("KETNOI_BENCH_SEARCH_ONLY"), std::env::var("KETNOI_BENCH_QUERIES"))
    {
        return search_only(&index, &queries);
    }
    let n = std::env::var("KETNOI_BENCH_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    run(n, true)?;
    if std::env::var("KETNOI_BENCH_1M").is_ok() {
        run(1_000_000, false)?;
    }
    Ok(())
}
