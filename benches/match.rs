//! Recommender benchmark: `cargo bench --bench match [-- quality|speed]`.
//!
//! 1. Quality, for every need → offer collection under ../shared/data/match (or the directories
//!    in `KETNOI_MATCH_DIRS`, separated by `:`): the recommender (exactly as `ketnoi eval match`
//!    runs it) beside SQLite FTS5 with the need's words OR-ed, in the same run; nDCG@10, MRR@10,
//!    Recall@100 and the ratio. The search page's ranking with the need's text as the query is
//!    printed too.
//! 2. Speed, on the real corpora of ../shared/data/listings (5,239 SBIR topics as needs × 40,353
//!    award abstracts as offers): building the model and computing the top 10 offers of every need
//!    and the top 10 needs of every offer, on one thread and on two; the lists of a 500-need sample
//!    checked against the brute-force scorer; peak memory.

use std::path::PathBuf;
use std::time::Instant;

/// The allocator the `ketnoi` binary uses (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ketnoi_index::eval;
use ketnoi_index::similar::{Model, Query, Text};

#[path = "common/fts5.rs"]
mod fts5;
use fts5::{fts5, line};

fn dirs() -> Vec<PathBuf> {
    match std::env::var("KETNOI_MATCH_DIRS") {
        Ok(v) => v.split(':').map(PathBuf::from).collect(),
        Err(_) => {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/match");
            let mut d: Vec<PathBuf> = std::fs::read_dir(&root)
                .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
                .unwrap_or_default();
            d.sort();
            d
        }
    }
}

fn quality() -> anyhow::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for dir in dirs() {
        let Some(corpus_path) = ["corpus.jsonl.gz", "corpus.jsonl"].iter().map(|n| dir.join(n)).find(|p| p.exists())
        else {
            continue;
        };
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let queries = eval::read_queries(&dir.join("queries.jsonl"))?;
        let qrels = eval::read_qrels(&dir.join("qrels.tsv"))?;
        let corpus = eval::read_corpus(&corpus_path)?;
        let t = Instant::now();
        let k = eval::metrics(&eval::run_match(&corpus, &queries, 100, threads), &qrels);
        let ks = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let f = eval::metrics(&fts5(&corpus, &queries)?, &qrels);
        let fs = t.elapsed().as_secs_f64();
        line(&format!("{name} ({} offers, {} needs)", corpus.len(), k.queries), &k, &f);
        println!("{:<44} time: ketnoi {ks:.2} s, FTS5 {fs:.2} s (both include building their index)", "");
        let (index, _) = eval::index_corpus(&corpus_path)?;
        let s = eval::metrics(&eval::run(&index, &queries, 100)?, &qrels);
        line(&format!("{name}, the search page with the need as query"), &s, &f);
    }
    Ok(())
}

fn jsonl(path: &PathBuf, fields: [&str; 2]) -> anyhow::Result<Vec<(String, String)>> {
    use std::io::BufRead;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path)?));
    let mut out = Vec::new();
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        out.push((s(fields[0]), s(fields[1])));
    }
    Ok(out)
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn speed() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/listings");
    let (needs_path, offers_path) = (root.join("sbir_topics.jsonl.gz"), root.join("sbir_awards.jsonl.gz"));
    if !needs_path.exists() || !offers_path.exists() {
        println!("speed: {} not found, skipped", root.display());
        return Ok(());
    }
    let needs = jsonl(&needs_path, ["topic_name", "description"])?;
    let offers = jsonl(&offers_path, ["title", "abstract"])?;
    let docs: Vec<Text> = offers.iter().map(|(title, body)| Text::new(title, body)).collect();
    let rss_before = peak_rss_mib();
    let mut timing = Vec::new();
    let mut lists = Vec::new();
    let mut model_and_queries: Option<(Model, Vec<Query>)> = None;
    for threads in [1, 2] {
        let t = Instant::now();
        let model = Model::build(&docs, threads);
        let build = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let texts: Vec<Text> = needs.iter().map(|(title, body)| Text::new(title, body)).collect();
        let queries = model.queries(&texts, threads);
        let analyse = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let l = model.all_pairs(&queries, 10, threads, |_, _| 1.0, || {});
        let score = t.elapsed().as_secs_f64();
        println!(
            "{} needs × {} offers, {threads} thread(s): model {build:.2} s, needs analysed {analyse:.2} s, \
             top 10 both ways {score:.2} s; total {:.2} s",
            needs.len(),
            offers.len(),
            build + analyse + score
        );
        timing.push(build + analyse + score);
        lists.push(l);
        model_and_queries = Some((model, queries));
    }
    println!("2-thread speed-up: {:.2}×", timing[0] / timing[1]);
    println!("lists identical on one and two threads: {}", lists[0] == lists[1]);
    println!("peak RSS: {:.0} MiB (before the corpora were scored: {rss_before:.0} MiB)", peak_rss_mib());
    if let Some((model, queries)) = model_and_queries {
        let sample: Vec<Query> =
            queries.iter().step_by(queries.len().div_ceil(500).max(1)).take(500).cloned().collect();
        let t = Instant::now();
        let fast = model.all_pairs(&sample, 10, 2, |_, _| 1.0, || {});
        let fast_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let slow = model.brute_force(&sample, 10, |_, _| 1.0);
        println!(
            "{}-need sample: posting lists {fast_s:.2} s, brute force {:.2} s; lists identical: {}",
            sample.len(),
            t.elapsed().as_secs_f64(),
            fast == slow
        );
    }
    Ok(())
}

/// `cargo bench --bench match [-- quality|speed]`: one part, or both.
fn main() -> anyhow::Result<()> {
    let part = std::env::args().skip(1).find(|a| a == "quality" || a == "speed");
    if part.as_deref() != Some("speed") {
        quality()?;
    }
    if part.as_deref() != Some("quality") {
        speed()?;
    }
    Ok(())
}
