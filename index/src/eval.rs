//! Relevance evaluation on BEIR-layout collections: `corpus.jsonl[.gz]` (`_id`, `title`, `text`),
//! `queries.jsonl` (`_id`, `text`), `qrels.tsv` (`query-id  corpus-id  score`, header line). The
//! corpus is indexed with exactly the production analysis and ranking (title as the listing's
//! title, text as its description); every query runs as the search page runs it.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use anyhow::Context;

use crate::engine::{Doc, SearchIndex, SearchQuery};
use crate::similar::{Model, Text};

fn lines(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(reader)))
}

fn text_of(v: &serde_json::Value, key: &str) -> String {
    match &v[key] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string().trim_matches('"').to_string(),
    }
}

/// Calls `each` with every record of a JSON Lines file (`.gz` too), blank lines skipped; a
/// malformed line is an error naming it.
fn each_record(path: &Path, mut each: impl FnMut(serde_json::Value) -> anyhow::Result<()>) -> anyhow::Result<()> {
    for (i, line) in lines(path)?.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        each(serde_json::from_str(&line).with_context(|| format!("{} line {}", path.display(), i + 1))?)?;
    }
    Ok(())
}

/// An offer of an evaluation corpus as the index holds it.
fn corpus_doc(id: String, title: String, body: String) -> Doc {
    Doc {
        id,
        title,
        body,
        facets: vec![("kind", "offer".into())],
        expires: i64::MAX,
        deadline: i64::MAX,
        ..Doc::default()
    }
}

/// Indexes a corpus into an index in memory; returns it with the number of documents.
pub fn index_corpus(corpus: &Path) -> anyhow::Result<(SearchIndex, usize)> {
    let index = SearchIndex::in_memory()?;
    let mut w = index.writer(200_000_000)?;
    let mut n = 0;
    each_record(corpus, |v| {
        index.add(&w, &corpus_doc(text_of(&v, "_id"), text_of(&v, "title"), text_of(&v, "text")))?;
        n += 1;
        Ok(())
    })?;
    index.commit(&mut w, 0)?;
    Ok((index, n))
}

/// The documents of a corpus: (id, title, text).
pub fn read_corpus(path: &Path) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    each_record(path, |v| {
        out.push((text_of(&v, "_id"), text_of(&v, "title"), text_of(&v, "text")));
        Ok(())
    })?;
    Ok(out)
}

/// The ranked documents of every query as the recommender ranks them: the corpus as the offers,
/// each query a need whose first line is its title. `threads` analyse and score in parallel.
pub fn run_match(corpus: &[(String, String, String)], queries: &[(String, String)], n: usize, threads: usize) -> Runs {
    let docs: Vec<Text> = corpus.iter().map(|(_, title, body)| Text::new(title, body)).collect();
    let model = Model::build(&docs, threads);
    let texts: Vec<Text> = queries
        .iter()
        .map(|(_, text)| {
            let (title, body) = text.split_once('\n').unwrap_or((text, ""));
            Text::new(title, body)
        })
        .collect();
    let needs = model.queries(&texts, threads);
    let lists = model.all_pairs(&needs, n, threads, |_, _| 1.0, || {});
    queries
        .iter()
        .zip(lists.documents)
        .map(|((qid, _), hits)| {
            (qid.clone(), hits.into_iter().map(|s| (corpus[s.index as usize].0.clone(), s.score)).collect())
        })
        .collect()
}

/// The queries: (id, text).
pub fn read_queries(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    each_record(path, |v| {
        out.push((text_of(&v, "_id"), text_of(&v, "text")));
        Ok(())
    })?;
    Ok(out)
}

/// Relevance judgements: query → document → gain (> 0 is relevant).
pub fn read_qrels(path: &Path) -> anyhow::Result<HashMap<String, HashMap<String, f64>>> {
    let mut out: HashMap<String, HashMap<String, f64>> = HashMap::new();
    for (i, line) in lines(path)?.lines().enumerate() {
        let line = line?;
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || (i == 0 && cols[2].trim().parse::<f64>().is_err()) {
            continue;
        }
        let gain: f64 = cols[2].trim().parse().with_context(|| format!("{} line {}", path.display(), i + 1))?;
        out.entry(cols[0].trim().to_string()).or_default().insert(cols[1].trim().to_string(), gain);
    }
    Ok(out)
}

/// Ranked (document id, score) lists per query id.
pub type Runs = Vec<(String, Vec<(String, f32)>)>;

/// The ranked document ids of every query, top `n`.
pub fn run(index: &SearchIndex, queries: &[(String, String)], n: usize) -> anyhow::Result<Runs> {
    queries
        .iter()
        .map(|(qid, text)| {
            let q = SearchQuery { text: text.clone(), limit: n, ..SearchQuery::default() };
            let r = index.search(&q)?;
            Ok((qid.clone(), r.hits.into_iter().map(|h| (h.id, h.score)).collect()))
        })
        .collect()
}

/// Indexes documents into an index in memory.
fn index_docs(docs: &[Doc]) -> anyhow::Result<SearchIndex> {
    let index = SearchIndex::in_memory()?;
    let mut w = index.writer(100_000_000)?;
    for d in docs {
        index.add(&w, d)?;
    }
    index.commit(&mut w, 0)?;
    Ok(index)
}

/// The runs of `queries` with the glossary expansion or without it.
fn run_with(index: &SearchIndex, queries: &[(String, String)], glossary: bool) -> anyhow::Result<Runs> {
    queries
        .iter()
        .map(|(qid, text)| {
            let q = SearchQuery { text: text.clone(), limit: 100, no_glossary: !glossary, ..SearchQuery::default() };
            Ok((qid.clone(), index.search(&q)?.hits.into_iter().map(|h| (h.id, h.score)).collect()))
        })
        .collect()
}

/// What the cross-language judged set measures, direction by direction.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CrossReport {
    /// Vietnamese queries against English listings: without and with the glossary.
    pub vietnamese_to_english: BTreeMap<&'static str, Metrics>,
    /// English queries against Vietnamese listings: without either, with the glossary, with
    /// the listings' English fields, with both.
    pub english_to_vietnamese: BTreeMap<&'static str, Metrics>,
    /// Every query: without the glossary and the English fields, and with both.
    pub all: BTreeMap<&'static str, Metrics>,
}

/// Runs the cross-language judged set: `vietnamese` (listings written in Vietnamese, with
/// their English fields) against the English queries, `english` (listings written in English)
/// against the Vietnamese ones; `queries` are (id, text, language code).
pub fn cross(
    vietnamese: &[Doc],
    english: &[Doc],
    queries: &[(String, String, String)],
    qrels: &HashMap<String, HashMap<String, f64>>,
) -> anyhow::Result<CrossReport> {
    let of = |lang: &str| -> Vec<(String, String)> {
        queries.iter().filter(|q| q.2 == lang).map(|(id, text, _)| (id.clone(), text.clone())).collect()
    };
    let (vi_queries, en_queries) = (of("vi"), of("en"));
    let english_index = index_docs(english)?;
    let bare: Vec<Doc> =
        vietnamese.iter().map(|d| Doc { title_en: String::new(), summary_en: String::new(), ..d.clone() }).collect();
    let (with_fields, without_fields) = (index_docs(vietnamese)?, index_docs(&bare)?);
    let vi_plain = run_with(&english_index, &vi_queries, false)?;
    let vi_glossary = run_with(&english_index, &vi_queries, true)?;
    let en_plain = run_with(&without_fields, &en_queries, false)?;
    let en_both = run_with(&with_fields, &en_queries, true)?;
    let joined = |a: &Runs, b: &Runs| -> Runs { a.iter().chain(b).cloned().collect() };
    Ok(CrossReport {
        vietnamese_to_english: BTreeMap::from([
            ("without", metrics(&vi_plain, qrels)),
            ("with_glossary", metrics(&vi_glossary, qrels)),
        ]),
        english_to_vietnamese: BTreeMap::from([
            ("without", metrics(&en_plain, qrels)),
            ("with_glossary", metrics(&run_with(&without_fields, &en_queries, true)?, qrels)),
            ("with_english_fields", metrics(&run_with(&with_fields, &en_queries, false)?, qrels)),
            ("with_both", metrics(&en_both, qrels)),
        ]),
        all: BTreeMap::from([
            ("without", metrics(&joined(&vi_plain, &en_plain), qrels)),
            ("with_both", metrics(&joined(&vi_glossary, &en_both), qrels)),
        ]),
    })
}

/// The queries with their language: (id, text, `lang`).
pub fn read_queries_with_language(path: &Path) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    each_record(path, |v| {
        out.push((text_of(&v, "_id"), text_of(&v, "text"), text_of(&v, "lang")));
        Ok(())
    })?;
    Ok(out)
}

/// Documents of a JSON Lines file (`.gz` too) whose `id` is in `ids`: `title` as the title,
/// `abstract` (or `text`) as the text.
pub fn read_docs(path: &Path, ids: &std::collections::HashSet<String>) -> anyhow::Result<Vec<Doc>> {
    let mut out = Vec::new();
    each_record(path, |v| {
        let id = text_of(&v, "id");
        if ids.contains(&id) {
            let body = if v["abstract"].is_string() { text_of(&v, "abstract") } else { text_of(&v, "text") };
            out.push(corpus_doc(id, text_of(&v, "title"), body));
        }
        Ok(())
    })?;
    Ok(out)
}

/// Writes a TREC run file: `qid Q0 docid rank score ketnoi`.
pub fn write_trec(out: &mut impl Write, runs: &Runs) -> anyhow::Result<()> {
    for (qid, hits) in runs {
        for (rank, (doc, score)) in hits.iter().enumerate() {
            writeln!(out, "{qid} Q0 {doc} {} {score:.6} ketnoi", rank + 1)?;
        }
    }
    Ok(())
}

/// nDCG@10, MRR@10 and Recall@100, averaged over the judged queries.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Metrics {
    #[serde(rename = "ndcg@10")]
    pub ndcg10: f64,
    #[serde(rename = "mrr@10")]
    pub mrr10: f64,
    #[serde(rename = "recall@100")]
    pub recall100: f64,
    pub queries: usize,
}

/// Scores runs against judgements (queries without a relevant document are left out).
pub fn metrics(runs: &Runs, qrels: &HashMap<String, HashMap<String, f64>>) -> Metrics {
    let (mut ndcg, mut mrr, mut recall, mut n) = (0.0, 0.0, 0.0, 0usize);
    for (qid, hits) in runs {
        let Some(judged) = qrels.get(qid) else { continue };
        let relevant: Vec<f64> = judged.values().copied().filter(|g| *g > 0.0).collect();
        if relevant.is_empty() {
            continue;
        }
        n += 1;
        let gain = |doc: &str| judged.get(doc).copied().unwrap_or(0.0).max(0.0);
        let dcg: f64 = hits
            .iter()
            .take(10)
            .enumerate()
            .map(|(i, (d, _))| (2f64.powf(gain(d)) - 1.0) / ((i + 2) as f64).log2())
            .sum();
        let mut ideal = relevant.clone();
        ideal.sort_by(|a, b| b.total_cmp(a));
        let idcg: f64 =
            ideal.iter().take(10).enumerate().map(|(i, g)| (2f64.powf(*g) - 1.0) / ((i + 2) as f64).log2()).sum();
        ndcg += if idcg > 0.0 { dcg / idcg } else { 0.0 };
        mrr += hits.iter().take(10).position(|(d, _)| gain(d) > 0.0).map(|p| 1.0 / (p + 1) as f64).unwrap_or(0.0);
        let found = hits.iter().take(100).filter(|(d, _)| gain(d) > 0.0).count();
        recall += found as f64 / relevant.len() as f64;
    }
    let avg = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
    Metrics { ndcg10: avg(ndcg), mrr10: avg(mrr), recall100: avg(recall), queries: n }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_by_hand() {
        let mut qrels = HashMap::new();
        qrels.insert("q".to_string(), HashMap::from([("a".to_string(), 1.0), ("b".to_string(), 1.0)]));
        let perfect = vec![("q".to_string(), vec![("a".to_string(), 2.0), ("b".to_string(), 1.0)])];
        let m = metrics(&perfect, &qrels);
        assert!((m.ndcg10 - 1.0).abs() < 1e-9 && (m.mrr10 - 1.0).abs() < 1e-9 && (m.recall100 - 1.0).abs() < 1e-9);
        let second = vec![("q".to_string(), vec![("x".to_string(), 2.0), ("a".to_string(), 1.0)])];
        let m = metrics(&second, &qrels);
        assert!((m.mrr10 - 0.5).abs() < 1e-9 && (m.recall100 - 0.5).abs() < 1e-9);
        let expected = (1.0 / 3f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert!((m.ndcg10 - expected).abs() < 1e-9);
    }

    #[test]
    fn a_tiny_collection_end_to_end() {
        let dir = std::env::temp_dir().join(format!("ketnoi-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("corpus.jsonl"), "{\"_id\": \"d1\", \"title\": \"Nuôi tôm\", \"text\": \"Ao nuôi tôm thẻ\"}\n{\"_id\": \"d2\", \"title\": \"Sấy cà phê\", \"text\": \"Máy sấy\"}\n").unwrap();
        std::fs::write(dir.join("queries.jsonl"), "{\"_id\": \"1\", \"text\": \"nuoi tom\"}\n").unwrap();
        std::fs::write(dir.join("qrels.tsv"), "query-id\tcorpus-id\tscore\n1\td1\t1\n").unwrap();
        let (index, n) = index_corpus(&dir.join("corpus.jsonl")).unwrap();
        assert_eq!(n, 2);
        let runs = run(&index, &read_queries(&dir.join("queries.jsonl")).unwrap(), 100).unwrap();
        let m = metrics(&runs, &read_qrels(&dir.join("qrels.tsv")).unwrap());
        assert!((m.ndcg10 - 1.0).abs() < 1e-9, "{m:?}");
        let mut out = Vec::new();
        write_trec(&mut out, &runs).unwrap();
        assert!(String::from_utf8(out).unwrap().starts_with("1 Q0 d1 1 "));
        std::fs::remove_dir_all(&dir).ok();
    }
}
