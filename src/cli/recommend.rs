//! `ketnoi match all`: every suggestion list computed and stored.

use clap::Subcommand;

use super::{Failure, migrated};
use crate::config::Settings;

/// `match` actions.
#[derive(Debug, Subcommand)]
pub enum MatchAction {
    /// Compute every published need's best offers and every published offer's best needs, on
    /// every core, and store them (the background loop keeps them fresh afterwards).
    All {
        /// The length of each list.
        #[arg(long, default_value_t = crate::services::recommend::DEFAULT_TOP)]
        top: usize,
    },
}

pub(super) fn run(settings: &Settings, action: MatchAction) -> Result<(), Failure> {
    let MatchAction::All { top } = action;
    if !(1..=100).contains(&top) {
        return Err(Failure::Usage("--top must be from 1 to 100".into()));
    }
    let db = migrated(settings)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("matching needs [{bar:40}] {pos}/{len} ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let summary = crate::services::recommend::compute_all(&mut *db.conn()?, crate::db::now(), top, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    println!(
        "suggestions: {} need(s) × {} offer(s), {} row(s) stored in {:.1} s",
        summary.needs,
        summary.offers,
        summary.rows,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
