//! `ketnoi schedule`: solve and generate meeting-schedule instances (files only, no database).

use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, read_json, write_json};

/// `schedule` actions.
#[derive(Debug, Subcommand)]
pub enum ScheduleAction {
    /// Compute an optimal (or near-optimal, with its gap) schedule for an instance file.
    Solve {
        /// Instance JSON: slots, tables, participants, candidates (with optional slots), locked,
        /// pauses_after.
        #[arg(long, value_name = "INSTANCE.json")]
        input: PathBuf,
        /// Where to write the schedule (default: standard output).
        #[arg(long, value_name = "SCHEDULE.json")]
        output: Option<PathBuf>,
        /// A previous schedule: still-valid meetings keep their slot and table.
        #[arg(long, value_name = "SCHEDULE.json")]
        previous: Option<PathBuf>,
        /// Seed of the local search (same input and seed, same schedule).
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Multiplies the local search's iteration budget.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
        effort: u32,
    },
    /// Write a random instance (for tests and benchmarks).
    Gen {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 40)]
        participants: usize,
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=64))]
        slots: u64,
        #[arg(long, default_value_t = 10)]
        tables: usize,
        /// Candidate pairs to draw.
        #[arg(long, default_value_t = 200)]
        pairs: usize,
        /// Pairs between any participants (not need holders × offer holders).
        #[arg(long)]
        general: bool,
        /// Share (0–1) of participants available only in a window of the session.
        #[arg(long, default_value_t = 0.0)]
        windows: f64,
        /// Share (0–1) of participants with a cap on their meetings.
        #[arg(long, default_value_t = 0.0)]
        caps: f64,
        /// Locked meetings to draw.
        #[arg(long, default_value_t = 0)]
        locks: usize,
        /// A planned break after this slot (repeatable).
        #[arg(long = "pause-after", value_name = "SLOT")]
        pauses_after: Vec<usize>,
        /// Share (0–1) of meetings tied to one block: before or after the first break.
        #[arg(long, default_value_t = 0.0)]
        blocks: f64,
        /// Where to write the instance (default: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

pub(super) fn schedule(action: ScheduleAction) -> Result<(), Failure> {
    use crate::matching::schedule::{self, Instance, Options, PreviousSchedule, Problem, generate};
    match action {
        ScheduleAction::Solve { input, output, previous, seed, effort } => {
            let inst: Instance = read_json(&input)?;
            let started = std::time::Instant::now();
            let mut problem = Problem::new(&inst).map_err(|e| Failure::Usage(format!("{}: {e}", input.display())))?;
            let kept = match &previous {
                Some(path) => Some(problem.keep_previous(&read_json::<PreviousSchedule>(path)?)),
                None => None,
            };
            let solution = schedule::solve(&problem, Options { seed, effort });
            let out = schedule::output(&problem, &solution, started.elapsed().as_secs_f64(), kept);
            tracing::info!(
                meetings = out.meetings.len(),
                weight = out.total_weight,
                bound = out.upper_bound,
                optimal = out.optimal,
                idle_slots = out.idle_gaps,
                idle_waits = out.idle_runs,
                idle_worst = out.idle_worst,
                idle_bound = out.idle_lower_bound,
                seconds = out.seconds,
                "schedule solved"
            );
            write_json(&out, output.as_deref())
        }
        ScheduleAction::Gen {
            seed,
            participants,
            slots,
            tables,
            pairs,
            general,
            windows,
            caps,
            locks,
            pauses_after,
            blocks,
            output,
        } => {
            if ![windows, caps, blocks].iter().all(|x| (0.0..=1.0).contains(x)) {
                return Err(Failure::Usage("--windows, --caps and --blocks are shares between 0 and 1".into()));
            }
            if let Some(s) = pauses_after.iter().find(|&&s| s as u64 >= slots) {
                return Err(Failure::Usage(format!("--pause-after {s} is outside slots 0..{}", slots - 1)));
            }
            let opts = generate::GenOptions {
                seed,
                participants,
                slots: slots as usize,
                tables,
                pairs,
                general,
                windows,
                caps,
                locks,
                pauses_after,
                blocks,
            };
            write_json(&generate::generate(&opts), output.as_deref())
        }
    }
}
