//! Relevance benchmark: `cargo bench --bench relevance`.
//!
//! For every BEIR-layout collection under ../shared/data/relevance (or the directories named in
//! `KETNOI_RELEVANCE_DIRS`, separated by `:`), in the same run: ketnoi (the production analysis
//! and ranking, as `ketnoi eval search` runs it) and SQLite FTS5 (`unicode61 remove_diacritics 2`,
//! `bm25()` with the title weighted 2× over the text, the query's words OR-ed). Prints nDCG@10,
//! MRR@10, Recall@100 and the ratio; for collections in Vietnamese, also the same queries typed
//! without diacritics and the corpus in decomposed (NFD) form.

use std::collections::HashMap;
use std::path::PathBuf;

use ketnoi_index::eval;

#[path = "common/fts5.rs"]
mod fts5;
use fts5::{fts5, line};
use unicode_normalization::UnicodeNormalization;

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
        let corpus = eval::read_corpus(&corpus_path)?;
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
