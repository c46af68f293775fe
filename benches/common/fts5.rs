//! The peer every relevance benchmark runs in the same process: SQLite FTS5.

use diesel::prelude::*;
use diesel::sql_types::{Double, Text};
use ketnoi_index::eval::{Metrics, Runs};

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Double)]
    score: f64,
}

/// SQLite FTS5 (`unicode61 remove_diacritics 2`, `bm25()` with the title weighted 2× over the
/// text), each query's words OR-ed (repeated words kept: they act as weights), top 100.
pub fn fts5(corpus: &[(String, String, String)], queries: &[(String, String)]) -> anyhow::Result<Runs> {
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

/// One line of ketnoi's figures beside FTS5's.
pub fn line(name: &str, k: &Metrics, f: &Metrics) {
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
