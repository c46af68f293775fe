//! Relevance benchmark: `cargo bench --bench relevance`.
//!
//! For every BEIR-layout collection under ../shared/data/relevance (or the directories named in
//! `KETNOI_RELEVANCE_DIRS`, separated by `:`), in the same run: ketnoi (the production analysis
//! and ranking, as `ketnoi eval search` runs it) and SQLite FTS5 (`unicode61 remove_diacritics 2`,
//! `bm25()` with the title weighted 2× over the text, the query's words OR-ed). Prints nDCG@10,
//! MRR@10, Recall@100 and the ratio; for collections in Vietnamese, also the same queries typed
//! without diacritics and the corpus in decomposed (NFD) form.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use diesel::prelude::*;
use diesel::sql_types::{Double, Text};
use ketnoi_index::eval::{self, Metrics, Runs};
use unicode_normalization::UnicodeNormalization;

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Double)]
    score: f64,
}

fn read_corpus(path: &Path) -> anyhow::Result<Vec<(String, String, String)>> {
    use std::io::BufRead;
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn std::io::Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut out = Vec::new();
    for line in std::io::BufReader::new(reader).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let s = |k: &str| {
            v[k].as_str().map(str::to_string).unwrap_or_else(|| v[k].to_string().trim_matches('"').to_string())
        };
        out.push((s("_id"), s("title"), s("text")));
    }
    Ok(out)
}

fn fts5(corpus: &[(String, String, String)], queries: &[(String, String)]) -> anyhow::Result<Runs> {
    let mut c = SqliteConnection::establish(":memory:")?;
    diesel::sql_query(
        "CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')",
    )
    .execute(&mut c)?;
    c.transaction::<_, anyhow::Error, _>(|c| {
        for (id, title, text) in corpus {
            diesel::sql_query("INSERT INTO d (id, title, body) VALUES (?, ?, ?)")
                .bind::<Text, _>(id)
                .bind::<Text, _>(title)
                .bind::<Text, _>(text)
                .execute(c)?;
        }
        Ok(())
    })?;
    let mut runs = Vec::new();
    for (qid, text) in queries {
        let mut words: Vec<String> = text
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect();
        words.dedup();
        let hits = if words.is_empty() {
            Vec::new()
        } else {
            diesel::sql_query(
                "SELECT id, bm25(d, 0.0, 2.0, 1.0) AS score FROM d WHERE d MATCH ? ORDER BY score LIMIT 100",
            )
            .bind::<Text, _>(words.join(" OR "))
            .load::<Row>(&mut c)?
            .into_iter()
            .map(|r| (r.id, -r.score as f32))
            .collect()
        };
        runs.push((qid.clone(), hits));
    }
    Ok(runs)
}

fn line(name: &str, k: &Metrics, f: &Metrics) {
    println!(
        "{name:<44} ketnoi nDCG@10 {:.4} MRR@10 {:.4} R@100 {:.4} | FTS5 nDCG@10 {:.4} MRR@10 {:.4} R@100 {:.4} | nDCG ratio {:.3}×",
        k.ndcg10,
        k.mrr10,
        k.recall100,
        f.ndcg10,
        f.mrr10,
        f.recall100,
        k.ndcg10 / f.ndcg10.max(1e-9)
    );
}

fn main() -> anyhow::Result<()> {
    let dirs: Vec<PathBuf> = match std::env::var("KETNOI_RELEVANCE_DIRS") {
        Ok(v) => v.split(':').map(PathBuf::from).collect(),
        Err(_) => {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/relevance");
            let mut d: Vec<PathBuf> = std::fs::read_dir(&root)
                .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            d.sort();
            d
        }
    };
    for dir in dirs {
        let corpus_path = ["corpus.jsonl.gz", "corpus.jsonl"].iter().map(|n| dir.join(n)).find(|p| p.exists());
        let Some(corpus_path) = corpus_path else { continue };
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let queries = eval::read_queries(&dir.join("queries.jsonl"))?;
        let qrels: HashMap<String, HashMap<String, f64>> = eval::read_qrels(&dir.join("qrels.tsv"))?;
        let corpus = read_corpus(&corpus_path)?;
        let (index, _) = eval::index_corpus(&corpus_path)?;
        let t = std::time::Instant::now();
        let k = eval::metrics(&eval::run(&index, &queries, 100)?, &qrels);
        let ks = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let f = eval::metrics(&fts5(&corpus, &queries)?, &qrels);
        let fs = t.elapsed().as_secs_f64();
        line(&format!("{name} ({} docs, {} queries)", corpus.len(), k.queries), &k, &f);
        println!("{:<44} query time: ketnoi {ks:.2} s, FTS5 {fs:.2} s (FTS5 includes building its table)", "");
        let vietnamese = ketnoi_index::engine::is_vietnamese(
            &queries.iter().take(50).map(|(_, q)| q.as_str()).collect::<Vec<_>>().join(" "),
        );
        if vietnamese {
            let plain: Vec<(String, String)> = queries.iter().map(|(i, q)| (i.clone(), ketnoi_text::fold(q))).collect();
            let kp = eval::metrics(&eval::run(&index, &plain, 100)?, &qrels);
            let fp = eval::metrics(&fts5(&corpus, &plain)?, &qrels);
            line(&format!("{name}, queries without diacritics"), &kp, &fp);
            println!(
                "{:<44} loss without diacritics: ketnoi {:.1}%, FTS5 {:.1}%",
                "",
                100.0 * (1.0 - kp.ndcg10 / k.ndcg10.max(1e-9)),
                100.0 * (1.0 - fp.ndcg10 / f.ndcg10.max(1e-9))
            );
            // The corpus and queries decomposed (NFD), as pasted from some PDFs.
            let tmp = tempfile::tempdir()?;
            let nfd_path = tmp.path().join("corpus.jsonl");
            let mut text = String::new();
            for (id, title, body) in &corpus {
                text += &serde_json::json!({"_id": id, "title": title.nfd().collect::<String>(), "text": body.nfd().collect::<String>()}).to_string();
                text += "\n";
            }
            std::fs::write(&nfd_path, text)?;
            let (nfd_index, _) = eval::index_corpus(&nfd_path)?;
            let nfd_queries: Vec<(String, String)> =
                queries.iter().map(|(i, q)| (i.clone(), q.nfd().collect())).collect();
            let kn = eval::metrics(&eval::run(&nfd_index, &nfd_queries, 100)?, &qrels);
            println!("{:<44} NFD corpus and queries: ketnoi nDCG@10 {:.4} (composed: {:.4})", "", kn.ndcg10, k.ndcg10);
        }
    }
    Ok(())
}
