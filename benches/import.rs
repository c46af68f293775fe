//! Import benchmark: `cargo bench --bench import`.
//!
//! Imports the real SBIR/STTR topics (5,239 needs) and then the SBIR award abstracts (40,353
//! offers) from ../shared/data/listings into a fresh SQLite database (or
//! `KETNOI_BENCH_DATABASE_URL`, which must be empty) through `listings::import` — both passes,
//! validation, organisations, one transaction — and, in the same run, inserts the same needs
//! with a bare loop of `db::needs::insert` in one transaction (no file reading, no checks).
//! Prints the time, the ratio, and peak resident memory after each import: memory that stays
//! flat from 5 k to 40 k rows shows the import streams instead of loading the file.

use std::path::PathBuf;
use std::time::Instant;

use ketnoi::config::{DatabaseUrl, Settings};
use ketnoi::db::{self, Db};
use ketnoi::domain::{ListingKind, OrganisationId, Province};
use ketnoi::services::listings::import::{Format, Options, import};

fn kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/listings").join(name)
}

fn main() -> anyhow::Result<()> {
    let topics = data("sbir_topics.jsonl.gz");
    let awards = data("sbir_awards.jsonl.gz");
    if !topics.exists() {
        eprintln!("SKIPPED: {} not found", topics.display());
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let url = match std::env::var("KETNOI_BENCH_DATABASE_URL") {
        Ok(u) => DatabaseUrl::parse(&u)?,
        Err(_) => DatabaseUrl::Sqlite(dir.path().join("bench.db").to_string_lossy().into_owned()),
    };
    let settings = Settings::for_data_dir(dir.path(), url)?;
    let db = Db::connect(&settings.database)?;
    db.migrate()?;
    let mut conn = db.conn()?;
    let lifetime = settings.listing_lifetime();
    let rss0 = kib("VmRSS:");
    let opts = |kind, format| Options {
        kind,
        format,
        mapping: Vec::new(),
        organisation: None,
        province: Province::Hue,
        publish: true,
        skip_invalid: true,
    };

    let t = Instant::now();
    let r = import(&mut conn, lifetime, &topics, &opts(ListingKind::Need, Format::SbirTopics), |_, _| {})?;
    let import_s = t.elapsed().as_secs_f64();
    let hwm_topics = kib("VmHWM:");
    println!(
        "import sbir_topics: {} rows, {} needs in {import_s:.2} s ({:.0} rows/s), peak RSS {} MiB (start {} MiB)",
        r.rows,
        r.imported,
        r.rows as f64 / import_s,
        hwm_topics / 1024,
        rss0 / 1024
    );

    // The peer: the same needs, already built, inserted in one transaction.
    let needs = {
        let orgs = db::organisations::list(&mut conn)?;
        let mut all = Vec::new();
        for o in &orgs {
            all.extend(db::needs::by_organisation(&mut conn, o.id)?);
        }
        all
    };
    let org = OrganisationId::new();
    let mut template = db::organisations::list(&mut conn)?.remove(0);
    template.id = org;
    template.name = "bench".into();
    db::organisations::insert(&mut conn, &template)?;
    let t = Instant::now();
    db::write(&mut conn, |c| {
        for n in &needs {
            let mut copy = n.clone();
            copy.id = ketnoi::domain::NeedId::new();
            copy.organisation_id = org;
            db::needs::insert(c, &copy)?;
        }
        Ok(())
    })?;
    let bare_s = t.elapsed().as_secs_f64();
    println!(
        "bare inserts of the same {} needs: {bare_s:.2} s; import / bare = {:.2}×",
        needs.len(),
        import_s / bare_s
    );
    drop(needs);

    if awards.exists() {
        let t = Instant::now();
        let r = import(&mut conn, lifetime, &awards, &opts(ListingKind::Offer, Format::SbirAwards), |_, _| {})?;
        let s = t.elapsed().as_secs_f64();
        let hwm = kib("VmHWM:");
        println!(
            "import sbir_awards: {} rows, {} offers in {s:.2} s ({:.0} rows/s), peak RSS {} MiB (+{} MiB over the 5 k import)",
            r.rows,
            r.imported,
            r.rows as f64 / s,
            hwm / 1024,
            hwm.saturating_sub(hwm_topics) / 1024
        );
    }
    Ok(())
}
