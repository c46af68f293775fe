//! `ketnoi eval search`, `ketnoi eval match` and `ketnoi reindex`: the search engine from the command line.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};

use super::{Failure, migrated};
use crate::config::Settings;

/// What `eval` measures.
#[derive(Debug, Subcommand)]
pub enum EvalWhat {
    /// Index a corpus with the production analysis and ranking, run the queries as the search
    /// page runs them, write a TREC run and, with judgements, print nDCG@10, MRR@10 and
    /// Recall@100 as JSON.
    Search(EvalArgs),
    /// The recommender: the corpus as the offers, each query a need (its first line the title)
    /// matched as `ketnoi match all` matches needs to offers; the same outputs.
    Match(EvalArgs),
    /// The cross-language judged set: Vietnamese queries against English listings and English
    /// queries against the Vietnamese demo listings, without and with the bilingual glossary and
    /// the listings' English fields; prints nDCG@10, MRR@10 and Recall@100 as JSON.
    Cross(CrossArgs),
}

/// Where the cross-language judged set and the English listings are.
#[derive(Debug, Args)]
pub struct CrossArgs {
    /// The judged set: `queries.jsonl`, `qrels.tsv`, `english-listings.txt`.
    #[arg(long, default_value = "benches/data/crosslang")]
    set: PathBuf,
    /// The SBIR award abstracts the English listings are taken from.
    #[arg(long, default_value = "../shared/data/listings/sbir_awards.jsonl.gz")]
    awards: PathBuf,
}

/// A BEIR-layout collection and what to write.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// `corpus.jsonl` or `corpus.jsonl.gz` (`_id`, `title`, `text`).
    #[arg(long)]
    corpus: PathBuf,
    /// `queries.jsonl` (`_id`, `text`).
    #[arg(long)]
    queries: PathBuf,
    /// `qrels.tsv` (`query-id`, `corpus-id`, `score`).
    #[arg(long)]
    qrels: Option<PathBuf>,
    /// Where to write the TREC run (`qid Q0 docid rank score ketnoi`).
    #[arg(long)]
    run: Option<PathBuf>,
    /// Results per query in the run.
    #[arg(long, default_value_t = 100)]
    top: usize,
}

pub(super) fn eval(what: &EvalWhat) -> Result<(), Failure> {
    use ketnoi_index::eval;
    let (a, recommender) = match what {
        EvalWhat::Search(a) => (a, false),
        EvalWhat::Match(a) => (a, true),
        EvalWhat::Cross(c) => return cross(c),
    };
    if !(1..=10_000).contains(&a.top) {
        return Err(Failure::Usage("--top must be from 1 to 10000".into()));
    }
    let started = std::time::Instant::now();
    let queries = eval::read_queries(&a.queries)?;
    let (runs, docs) = if recommender {
        let corpus = eval::read_corpus(&a.corpus)?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        (eval::run_match(&corpus, &queries, a.top, threads), corpus.len())
    } else {
        let (index, docs) = eval::index_corpus(&a.corpus)?;
        (eval::run(&index, &queries, a.top)?, docs)
    };
    tracing::info!(docs, queries = queries.len(), seconds = started.elapsed().as_secs_f64(), "evaluated");
    if let Some(path) = &a.run {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        eval::write_trec(&mut out, &runs)?;
    }
    if let Some(path) = &a.qrels {
        let metrics = eval::metrics(&runs, &eval::read_qrels(path)?);
        println!("{}", serde_json::to_string(&metrics).map_err(anyhow::Error::from)?);
    } else if a.run.is_none() {
        eval::write_trec(&mut std::io::stdout().lock(), &runs)?;
    }
    Ok(())
}

fn cross(a: &CrossArgs) -> Result<(), Failure> {
    use ketnoi_index::eval;
    let started = std::time::Instant::now();
    let listed = a.set.join("english-listings.txt");
    let ids: std::collections::HashSet<String> = std::fs::read_to_string(&listed)
        .with_context(|| format!("reading {}", listed.display()))?
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let english = eval::read_docs(&a.awards, &ids)?;
    let vietnamese = crate::seed::demo_docs()?;
    let queries = eval::read_queries_with_language(&a.set.join("queries.jsonl"))?;
    let qrels = eval::read_qrels(&a.set.join("qrels.tsv"))?;
    let report = eval::cross(&vietnamese, &english, &queries, &qrels)?;
    tracing::info!(
        english = english.len(),
        vietnamese = vietnamese.len(),
        queries = queries.len(),
        seconds = started.elapsed().as_secs_f64(),
        "evaluated across languages"
    );
    println!("{}", serde_json::to_string_pretty(&report).map_err(anyhow::Error::from)?);
    Ok(())
}

pub(super) fn reindex(settings: &Settings) -> Result<(), Failure> {
    let db = migrated(settings)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("indexing organisations [{bar:40}] {pos}/{len} ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let search = crate::services::search::Search::rebuild(&settings.index_dir(), &mut *db.conn()?, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .context("rebuilding the index (is `ketnoi serve` running on this data directory? stop it first)")?;
    bar.finish_and_clear();
    println!("search index rebuilt: {} listing(s) in {}", search.index.len(), settings.index_dir().display());
    Ok(())
}
