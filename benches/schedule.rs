//! Scheduler benchmark: `cargo bench --bench schedule`.
//!
//! For each scenario (500 participants × 16 slots × 10,000 candidate pairs unless stated) it runs
//! the greedy baseline (pairs by decreasing weight, first free slot and table) and the solver in
//! the same process on the same instance, and prints both weights as a share of the solver's
//! upper bound, the solver's time (median of 3 runs) and whether optimality was proven.

use std::time::Instant;

use ketnoi::matching::schedule::generate::{GenOptions, generate};
use ketnoi::matching::schedule::{Options, Problem, check, greedy, solve};

struct Scenario {
    name: &'static str,
    opts: GenOptions,
}

fn scenario(name: &'static str, tables: usize, general: bool, windows: f64, caps: f64, locks: usize) -> Scenario {
    Scenario {
        name,
        opts: GenOptions {
            seed: 1,
            participants: 500,
            slots: 16,
            tables,
            pairs: 10_000,
            general,
            windows,
            caps,
            locks,
            pauses_after: Vec::new(),
            blocks: 0.0,
        },
    }
}

fn main() {
    let scenarios = [
        scenario("bipartite, full availability, scarce tables (K=100)", 100, false, 0.0, 0.0, 0),
        scenario("bipartite, full availability, K=40", 40, false, 0.0, 0.0, 0),
        scenario("bipartite, 50% windows, K=100", 100, false, 0.5, 0.0, 0),
        scenario("bipartite, 50% windows + 30% caps + 50 locks, K=100", 100, false, 0.5, 0.3, 50),
        scenario("non-bipartite, full availability, K=100", 100, true, 0.0, 0.0, 0),
        scenario("non-bipartite, 50% windows + 30% caps + 30 locks, K=100", 100, true, 0.5, 0.3, 30),
        scenario("bipartite, 50% windows, ample tables (K=250)", 250, false, 0.5, 0.0, 0),
        scenario("non-bipartite, 30% windows, ample tables (K=250)", 250, true, 0.3, 0.0, 0),
    ];
    println!(
        "{:<58} {:>8} {:>10} {:>10} {:>9} {:>9} {:>8}",
        "scenario (500 participants, 16 slots, 10k pairs)",
        "meetings",
        "greedy/UB",
        "ketnoi/UB",
        "greedy s",
        "ketnoi s",
        "optimal"
    );
    for sc in &scenarios {
        for seed in 1..=3u64 {
            let mut o = sc.opts.clone();
            o.seed = seed;
            let problem = match Problem::new(&generate(&o)) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("{}: {e}", sc.name);
                    continue;
                }
            };
            let t = Instant::now();
            let g = greedy(&problem);
            let greedy_secs = t.elapsed().as_secs_f64();
            let greedy_w: i64 =
                g.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(e, _)| problem.edges[e].w).sum();
            let mut times = Vec::new();
            let mut sol = None;
            for _ in 0..3 {
                let t = Instant::now();
                let s = solve(&problem, Options::default());
                times.push(t.elapsed().as_secs_f64());
                sol = Some(s);
            }
            let Some(sol) = sol else { continue };
            if let Err(e) = check(&problem, &sol.meetings) {
                eprintln!("{}: INVALID schedule: {e}", sc.name);
                std::process::exit(1);
            }
            times.sort_by(f64::total_cmp);
            let bound = sol.bound as f64;
            println!(
                "{:<58} {:>8} {:>10.4} {:>10.4} {:>9.3} {:>9.3} {:>8}",
                format!("{} #{seed}", sc.name),
                sol.meetings.len(),
                greedy_w as f64 / bound,
                sol.weight as f64 / bound,
                greedy_secs,
                times[1],
                sol.weight >= sol.bound
            );
        }
    }
}
