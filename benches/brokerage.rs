//! The scheduler on real brokerage events: `cargo bench --bench brokerage [DIR]`.
//!
//! Every instance of `../shared/data/schedule/` (or DIR): the Girona science-park forums and the
//! technology-fair B2B days of the literature, with meetings tied to the morning or afternoon and
//! a lunch break. For each instance, and for its locked variant (a fifth of a feasible schedule's
//! meetings locked where that schedule put them), it runs `ketnoi`'s engine, checks the schedule
//! with a checker written here from the instance file alone (not the engine's own check), and
//! prints the meetings placed, the idle slots (block by block, planned breaks excused), the
//! separate waits, the worst participant's idle slots, the engine's lower bound and time — beside
//! OR-Tools CP-SAT's figures in `benches/data/schedule-cpsat.json` (two minutes per instance;
//! regenerate with `scripts/cpsat-schedule`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use ketnoi::matching::schedule::{Instance, LockIn, Options, Problem, ScheduleOut, output, solve};

/// Checks a schedule against the instance file; returns (idle, worst idle) or the violation.
fn independent_check(inst: &Instance, out: &ScheduleOut) -> Result<(usize, usize), String> {
    let slots = inst.slots as usize;
    let avail: HashMap<&str, Option<HashSet<i64>>> = inst
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p.available.as_ref().map(|a| a.iter().copied().collect())))
        .collect();
    let cap: HashMap<&str, Option<i64>> = inst.participants.iter().map(|p| (p.id.as_str(), p.max_meetings)).collect();
    let pair_slots: HashMap<(&str, &str), Option<&Vec<i64>>> = inst
        .candidates
        .iter()
        .flat_map(|c| {
            [((c.a.as_str(), c.b.as_str()), c.slots.as_ref()), ((c.b.as_str(), c.a.as_str()), c.slots.as_ref())]
        })
        .collect();
    let mut busy: HashMap<&str, Vec<bool>> = HashMap::new();
    let mut count: HashMap<&str, i64> = HashMap::new();
    let mut per_slot = vec![0i64; slots];
    let mut tables = HashSet::new();
    // A pair listed twice asks for two meetings.
    let mut listed: HashMap<(&str, &str), usize> = HashMap::new();
    for c in &inst.candidates {
        *listed.entry((c.a.as_str().min(c.b.as_str()), c.a.as_str().max(c.b.as_str()))).or_default() += 1;
    }
    for m in &out.meetings {
        let key = (m.a.as_str(), m.b.as_str());
        let Some(own) = pair_slots.get(&key) else { return Err(format!("{}–{} is not a candidate pair", m.a, m.b)) };
        if m.slot >= slots {
            return Err(format!("{}–{} in slot {} out of range", m.a, m.b, m.slot));
        }
        if own.is_some_and(|l| !l.contains(&(m.slot as i64))) {
            return Err(format!("{}–{} in slot {}, outside its slots", m.a, m.b, m.slot));
        }
        let times = listed.entry((m.a.as_str().min(m.b.as_str()), m.a.as_str().max(m.b.as_str()))).or_default();
        if *times == 0 {
            return Err(format!("{}–{} meets more often than listed", m.a, m.b));
        }
        *times -= 1;
        if m.table >= inst.tables as usize || !tables.insert((m.slot, m.table)) {
            return Err(format!("table {} of slot {} is taken twice or out of range", m.table, m.slot));
        }
        per_slot[m.slot] += 1;
        for who in [m.a.as_str(), m.b.as_str()] {
            if avail[who].as_ref().is_some_and(|a| !a.contains(&(m.slot as i64))) {
                return Err(format!("{who} is not available in slot {}", m.slot));
            }
            let b = busy.entry(who).or_insert_with(|| vec![false; slots]);
            if b[m.slot] {
                return Err(format!("{who} has two meetings in slot {}", m.slot));
            }
            b[m.slot] = true;
            *count.entry(who).or_default() += 1;
            if cap[who].is_some_and(|c| count[who] > c) {
                return Err(format!("{who} exceeds its cap"));
            }
        }
    }
    for l in &inst.locked {
        if !out
            .meetings
            .iter()
            .any(|m| ((m.a == l.a && m.b == l.b) || (m.a == l.b && m.b == l.a)) && m.slot as i64 == l.slot)
        {
            return Err(format!("lock {}–{} in slot {} not kept", l.a, l.b, l.slot));
        }
    }
    // Idle slots, block by block between the planned breaks.
    let pauses: HashSet<i64> = inst.pauses_after.iter().copied().collect();
    let mut blocks = Vec::new();
    let mut start = 0;
    for s in 0..slots {
        if pauses.contains(&(s as i64)) || s + 1 == slots {
            blocks.push(start..s + 1);
            start = s + 1;
        }
    }
    let mut total = 0;
    let mut worst = 0;
    for b in busy.values() {
        let mut mine = 0;
        for block in &blocks {
            let used: Vec<usize> = block.clone().filter(|&s| b[s]).collect();
            if let (Some(first), Some(last)) = (used.first(), used.last()) {
                mine += last - first + 1 - used.len();
            }
        }
        total += mine;
        worst = worst.max(mine);
    }
    Ok((total, worst))
}

/// The instance with a fifth of the meetings of `schedule` (those numbered `k` modulo 5) locked
/// where it put them.
fn locked_variant(inst: &Instance, schedule: &ScheduleOut, k: usize) -> Instance {
    let mut v = inst.clone();
    v.locked = schedule
        .meetings
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 == k)
        .map(|(_, m)| LockIn { a: m.a.clone(), b: m.b.clone(), slot: m.slot as i64 })
        .collect();
    v
}

struct Row {
    out: ScheduleOut,
    idle: usize,
    worst: usize,
    seconds: f64,
}

fn run(name: String, inst: &Instance, seed: u64) -> Row {
    let started = Instant::now();
    let problem = Problem::new(inst).unwrap_or_else(|e| panic!("{name}: {e}"));
    let solution = solve(&problem, Options { seed, effort: 1 });
    let seconds = started.elapsed().as_secs_f64();
    let out = output(&problem, &solution, seconds, None);
    let (idle, worst) = independent_check(inst, &out).unwrap_or_else(|e| {
        eprintln!("{name}: INVALID schedule: {e}");
        std::process::exit(1);
    });
    assert_eq!(idle, out.idle_gaps, "{name}: the engine's idle figure differs from the checker's");
    Row { out, idle, worst, seconds }
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/schedule"));
    let reference: serde_json::Value =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data/schedule-cpsat.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    println!(
        "{:<28} {:>5} {:>9} {:>6} {:>6} {:>6} {:>6} {:>8} {:>7} {:>9} {:>8}",
        "instance", "pairs", "placed", "idle", "waits", "worst", "bound", "CP-SAT", "within", "locked", "seconds"
    );
    let (mut ours_total, mut theirs_total, mut misses, mut slowest) = (0usize, 0usize, 0usize, 0f64);
    for f in &files {
        let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
        let inst: Instance = serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("instance");
        let row = run(name.clone(), &inst, 0);
        // Locks from another feasible schedule (another seed), five ways to choose the fifth.
        let other = run(name.clone(), &inst, 7);
        let locked: Vec<Row> =
            (0..5).map(|k| run(format!("{name} locked #{k}"), &locked_variant(&inst, &other.out, k), 0)).collect();
        let locked_placed = locked.iter().map(|r| r.out.meetings.len()).min().unwrap_or(0);
        let locked_seconds = locked.iter().map(|r| r.seconds).fold(0.0, f64::max);
        let cp = &reference[&name];
        let cp_idle = cp["idle"].as_u64().map(|x| x as usize);
        let cp_meetings = cp["meetings"].as_u64().map(|x| x as usize);
        let within = match (cp_idle, cp_meetings) {
            (Some(i), Some(m)) if m == row.out.meetings.len() => {
                ours_total += row.idle;
                theirs_total += i;
                let ok = row.idle <= i + (i / 10).max(3);
                if !ok {
                    misses += 1;
                }
                if ok { "yes" } else { "NO" }.to_string()
            }
            (_, Some(m)) => {
                misses += 1;
                format!("{}≠{m}", row.out.meetings.len())
            }
            _ => "—".into(),
        };
        slowest = slowest.max(row.seconds).max(locked_seconds);
        if locked_placed < other.out.meetings.len() {
            misses += 1;
        }
        println!(
            "{:<28} {:>5} {:>9} {:>6} {:>6} {:>6} {:>6} {:>8} {:>7} {:>9} {:>8.3}",
            name,
            inst.candidates.len(),
            row.out.meetings.len(),
            row.idle,
            row.out.idle_runs,
            row.worst,
            row.out.idle_lower_bound.map_or("—".into(), |b| b.to_string()),
            cp_idle.map_or("—".into(), |i| format!("{i} ({})", cp_meetings.unwrap_or(0))),
            within,
            format!("{locked_placed}/{}", other.out.meetings.len()),
            row.seconds.max(locked_seconds),
        );
    }
    println!(
        "\ntotal idle: ketnoi {ours_total}, CP-SAT {theirs_total} (instances with the same meetings placed); \
         short of CP-SAT's meetings, outside 10% or 3 slots of its idle time, or short when locked: {misses}; slowest run {slowest:.3} s"
    );
}
