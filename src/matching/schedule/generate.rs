//! Random instances for tests and benchmarks (`ketnoi schedule gen`). Deterministic per seed.

use super::search::Rng;
use super::{CandidateIn, Instance, LockIn, ParticipantIn};

/// What kind of instance to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    pub seed: u64,
    pub participants: usize,
    pub slots: usize,
    pub tables: usize,
    /// Candidate pairs to draw (fewer if the graph is too small).
    pub pairs: usize,
    /// Pairs between any two participants instead of need holders × offer holders.
    pub general: bool,
    /// Share of participants (0–1) available only in a window of the session.
    pub windows: f64,
    /// Share of participants (0–1) with a cap on their meetings.
    pub caps: f64,
    /// Number of locked meetings to draw (feasible by construction).
    pub locks: usize,
    /// Slots followed by a planned break.
    pub pauses_after: Vec<usize>,
    /// Share of meetings (0–1) tied to one block (the slots up to the first break, or after it;
    /// the two halves of the day without a break).
    pub blocks: f64,
}

impl Default for GenOptions {
    fn default() -> Self {
        Self {
            seed: 1,
            participants: 40,
            slots: 8,
            tables: 10,
            pairs: 200,
            general: false,
            windows: 0.0,
            caps: 0.0,
            locks: 0,
            pauses_after: Vec::new(),
            blocks: 0.0,
        }
    }
}

/// Draws an instance.
pub fn generate(o: &GenOptions) -> Instance {
    let mut rng = Rng(o.seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5ced);
    let n = o.participants;
    let needs = n / 2;
    let ids: Vec<String> = (0..n)
        .map(|i| {
            if o.general {
                format!("p{i:04}")
            } else if i < needs {
                format!("need-{i:04}")
            } else {
                format!("offer-{:04}", i - needs)
            }
        })
        .collect();
    let mut participants = Vec::with_capacity(n);
    let mut avail: Vec<Vec<usize>> = Vec::with_capacity(n);
    for id in &ids {
        let mut p = ParticipantIn { id: id.clone(), available: None, max_meetings: None };
        let mut slots: Vec<usize> = (0..o.slots).collect();
        if o.slots > 1 && rng.chance(o.windows) {
            // A morning-or-afternoon person: a contiguous window of at least a third of the day.
            let len = (o.slots / 3).max(1) + rng.below(o.slots - (o.slots / 3).max(1) + 1);
            let len = len.min(o.slots);
            let start = rng.below(o.slots - len + 1);
            slots = (start..start + len).collect();
            p.available = Some(slots.iter().map(|&s| s as i64).collect());
        }
        if rng.chance(o.caps) {
            p.max_meetings = Some(1 + rng.below(o.slots.max(2) / 2) as i64);
        }
        avail.push(slots);
        participants.push(p);
    }
    let max_pairs = if o.general { n * n.saturating_sub(1) / 2 } else { needs * (n - needs) };
    let target = o.pairs.min(max_pairs);
    let mut seen = std::collections::HashSet::new();
    let mut candidates = Vec::with_capacity(target);
    let mut tries = 0usize;
    while candidates.len() < target && tries < target * 50 + 1000 {
        tries += 1;
        let (a, b) = if o.general {
            (rng.below(n), rng.below(n))
        } else {
            (rng.below(needs.max(1)), needs + rng.below((n - needs).max(1)))
        };
        if a == b || a >= n || b >= n || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        // Weights like a recommender's scores: a few strong matches, many weak ones.
        let u = (rng.below(1000) as f64 + 1.0) / 1000.0;
        let weight = ((1.0 + 99.0 * u * u) * 10.0).round() / 10.0;
        let split = o.pauses_after.first().copied().unwrap_or(o.slots.saturating_sub(1) / 2).min(o.slots - 1);
        // Without blocks no random number is drawn, so older seeds give the same instances.
        let slots = (o.blocks > 0.0 && o.slots > 1 && split + 1 < o.slots && rng.chance(o.blocks)).then(|| {
            if rng.chance(0.5) { (0..=split as i64).collect() } else { (split as i64 + 1..o.slots as i64).collect() }
        });
        candidates.push(CandidateIn { a: ids[a].clone(), b: ids[b].clone(), weight, slots });
    }
    let mut locked = Vec::new();
    let mut busy = vec![0u64; n];
    let mut per_slot = vec![0usize; o.slots];
    let mut deg = vec![0usize; n];
    let index: std::collections::HashMap<&str, usize> = ids.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let mut c = 0;
    while locked.len() < o.locks && c < candidates.len() {
        let cand = &candidates[(c * 7919) % candidates.len()];
        c += 1;
        let (a, b) = (index[cand.a.as_str()], index[cand.b.as_str()]);
        let caps_ok = |v: usize| participants[v].max_meetings.is_none_or(|m| (deg[v] as i64) < m);
        if !caps_ok(a) || !caps_ok(b) || locked.iter().any(|l: &LockIn| l.a == cand.a && l.b == cand.b) {
            continue;
        }
        let own = |s: usize| cand.slots.as_ref().is_none_or(|l| l.contains(&(s as i64)));
        let slot = avail[a].iter().copied().find(|&s| {
            avail[b].contains(&s)
                && own(s)
                && busy[a] & (1 << s) == 0
                && busy[b] & (1 << s) == 0
                && per_slot[s] < o.tables
        });
        if let Some(s) = slot {
            busy[a] |= 1 << s;
            busy[b] |= 1 << s;
            per_slot[s] += 1;
            deg[a] += 1;
            deg[b] += 1;
            locked.push(LockIn { a: cand.a.clone(), b: cand.b.clone(), slot: s as i64 });
        }
    }
    let pauses_after = o.pauses_after.iter().filter(|&&s| s < o.slots).map(|&s| s as i64).collect();
    Instance { slots: o.slots as i64, tables: o.tables as i64, participants, candidates, locked, pauses_after }
}
