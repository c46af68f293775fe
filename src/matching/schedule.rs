//! The meeting scheduler of a matchmaking session (phiên kết nối cung – cầu): who meets whom, in
//! which time slot, at which table.
//!
//! A pure engine: JSON in, JSON out, no database or HTTP. The problem: `T` slots, `K` tables,
//! participants with their available slots and an optional cap on meetings, candidate pairs with
//! a positive weight and optionally the slots their meeting may take, locked meetings, and
//! planned breaks. Find meetings maximising the total weight such that nobody is in two meetings
//! at once or outside their availability, every meeting is within its slots, no slot holds more
//! than `K` meetings, a pair meets at most as often as it is listed, caps hold and locks stay.
//!
//! - When the pairs form a bipartite graph, everyone is free in every slot and nothing is locked,
//!   the optimum is computed exactly: a maximum-weight b-matching (min-cost flow; degree ≤
//!   min(T, cap), total ≤ T·K) whose edges are then coloured with at most `T` colours (König)
//!   and balanced so that no colour exceeds `K` — every colour class becomes a slot.
//! - Otherwise the same relaxation (restricted by availability and locks; on the bipartite double
//!   cover when the pairs are not bipartite) gives an upper bound, a schedule is built from its
//!   edges and improved by local search (moves, ejections, seeded perturbation), and the gap to
//!   the bound is reported. The result is never worse than the greedy baseline.
//! - Then, without lowering the weight, the participants' idle slots between their first and last
//!   meeting of each block (between planned breaks) are minimised, then the separate waits
//!   (`idle.rs`: annealing over moves and Kempe swaps), and a lower bound on them is reported.
//! - Rescheduling from a previous schedule keeps every still-valid meeting at its slot and table
//!   and fills the freed capacity.
//!
//! Everything is deterministic for a given input and seed: the search is bounded by iteration
//! counts, never by the clock.

mod coloring;
mod flow;
pub mod generate;
mod idle;
mod search;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use search::greedy;

/// The most slots a session may have (slot sets are 64-bit masks).
pub const MAX_SLOTS: usize = 64;
/// The most tables a session may have (a large fair has a few hundred).
pub const MAX_TABLES: usize = 10_000;

/// A participant as given in the instance file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantIn {
    pub id: String,
    /// Slots the participant can attend; every slot when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<i64>>,
    /// At most this many meetings; no cap when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_meetings: Option<i64>,
}

/// A candidate pair and what its meeting is worth.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateIn {
    pub a: String,
    pub b: String,
    pub weight: f64,
    /// The slots this meeting may take (a morning or afternoon block, say); any slot when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<Vec<i64>>,
}

/// A meeting that must take place in the given slot.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockIn {
    pub a: String,
    pub b: String,
    pub slot: i64,
}

/// The instance file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub slots: i64,
    pub tables: i64,
    pub participants: Vec<ParticipantIn>,
    pub candidates: Vec<CandidateIn>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked: Vec<LockIn>,
    /// Slots followed by a planned break (lunch, say): an empty slot there is not idle time, and
    /// idle time is counted block by block between breaks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses_after: Vec<i64>,
}

/// One scheduled meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingOut {
    pub a: String,
    pub b: String,
    pub slot: usize,
    pub table: usize,
}

/// The solver's answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScheduleOut {
    pub meetings: Vec<MeetingOut>,
    pub total_weight: f64,
    /// No schedule can weigh more than this.
    pub upper_bound: f64,
    /// True when the schedule is proven optimal (its weight reaches the bound).
    pub optimal: bool,
    pub seconds: f64,
    /// Idle slots between a participant's first and last meeting of each block (planned breaks
    /// excused), summed over participants.
    #[serde(default)]
    pub idle_gaps: usize,
    /// How many separate waits (runs of idle slots) those make.
    #[serde(default)]
    pub idle_runs: usize,
    /// The idle slots of the participant who waits most (fairness).
    #[serde(default)]
    pub idle_worst: usize,
    /// No schedule placing the same meetings idles less (absent when not every requested meeting
    /// is placed: then fewer meetings could idle less).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_lower_bound: Option<usize>,
    /// Meetings of the previous schedule kept at their slot and table (rescheduling only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<usize>,
}

/// A previous schedule: only its meetings are read.
#[derive(Debug, Clone, Deserialize)]
pub struct PreviousSchedule {
    pub meetings: Vec<PreviousMeeting>,
}

/// A meeting of a previous schedule.
#[derive(Debug, Clone, Deserialize)]
pub struct PreviousMeeting {
    pub a: String,
    pub b: String,
    pub slot: i64,
    #[serde(default)]
    pub table: Option<i64>,
}

/// Input that cannot be scheduled, with a message naming the offending item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

fn bad(msg: impl Into<String>) -> InputError {
    InputError(msg.into())
}

/// A list of slots as a mask; `what` names the list in the error for a slot out of range.
fn slot_mask(list: &[i64], slots: usize, what: &str) -> Result<u64, InputError> {
    list.iter().try_fold(0u64, |m, &s| {
        if s < 0 || s >= slots as i64 {
            return Err(bad(format!("{what} slot {s} is outside 0..{}", slots - 1)));
        }
        Ok(m | 1 << s)
    })
}

/// A candidate pair inside the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    /// The weight as given.
    pub weight: f64,
    /// The weight scaled to an integer, so that optimality is decided exactly.
    pub w: i64,
    /// The slots this meeting may take.
    pub mask: u64,
}

/// A meeting that stays where it is: a lock, or a kept meeting of a previous schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed {
    pub edge: usize,
    pub slot: usize,
    pub table: Option<usize>,
}

/// A validated problem.
#[derive(Debug, Clone)]
pub struct Problem {
    pub slots: usize,
    pub tables: usize,
    pub ids: Vec<String>,
    /// Available slots per participant, as a bit mask.
    pub avail: Vec<u64>,
    /// Meeting cap per participant (at most `slots`).
    pub cap: Vec<usize>,
    pub edges: Vec<Edge>,
    pub fixed: Vec<Fixed>,
    /// Number of locks among `fixed` (they come first).
    pub locks: usize,
    /// The blocks of consecutive slots between planned breaks, as masks, in order.
    pub blocks: Vec<u64>,
}

impl Problem {
    /// The mask of every slot.
    pub fn all_slots(&self) -> u64 {
        if self.slots == 64 { u64::MAX } else { (1u64 << self.slots) - 1 }
    }

    /// The slots where pair `e` may meet: both available, and within the meeting's own slots.
    pub fn allowed(&self, e: usize) -> u64 {
        let edge = &self.edges[e];
        self.avail[edge.a] & self.avail[edge.b] & edge.mask
    }

    /// A participant's idle slots: in each block, the empty slots between its first and last
    /// meeting there.
    pub fn idle(&self, busy: u64) -> usize {
        self.blocks.iter().map(|&b| search::gaps_of(busy & b)).sum()
    }

    /// A participant's separate waits: runs of idle slots, block by block.
    pub fn idle_runs(&self, busy: u64) -> usize {
        self.blocks
            .iter()
            .map(|&b| {
                let m = busy & b;
                if m == 0 {
                    return 0;
                }
                // Inside the span, a run of empty slots starts where a meeting is followed by an
                // empty slot.
                let span_top = 63 - m.leading_zeros();
                let inside = m & !(1u64 << span_top);
                (inside & !(m >> 1)).count_ones() as usize
            })
            .sum()
    }

    /// Validates an instance. Every error names the item at fault.
    pub fn new(inst: &Instance) -> Result<Self, InputError> {
        if inst.slots < 1 || inst.slots > MAX_SLOTS as i64 {
            return Err(bad(format!("slots must be between 1 and {MAX_SLOTS}, not {}", inst.slots)));
        }
        // A bound on tables keeps a typo (or a hostile file) from asking for terabytes: the
        // tables of each slot are numbered in memory.
        if inst.tables < 1 || inst.tables > MAX_TABLES as i64 {
            return Err(bad(format!("tables must be between 1 and {MAX_TABLES}, not {}", inst.tables)));
        }
        let slots = inst.slots as usize;
        let tables = usize::try_from(inst.tables).map_err(|_| bad("tables is too large"))?;
        let all = if slots == 64 { u64::MAX } else { (1u64 << slots) - 1 };
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut ids = Vec::new();
        let mut avail = Vec::new();
        let mut cap = Vec::new();
        for (i, p) in inst.participants.iter().enumerate() {
            if p.id.trim().is_empty() {
                return Err(bad(format!("participant #{i} has an empty id")));
            }
            if index.insert(p.id.as_str(), i).is_some() {
                return Err(bad(format!("participant id {:?} appears more than once", p.id)));
            }
            let mask = match &p.available {
                None => all,
                Some(list) => slot_mask(list, slots, &format!("participant {:?}: available", p.id))?,
            };
            let c = match p.max_meetings {
                None => slots,
                Some(n) if n < 0 => return Err(bad(format!("participant {:?}: max_meetings {n} is negative", p.id))),
                Some(n) => (n as u64).min(slots as u64) as usize,
            };
            ids.push(p.id.clone());
            avail.push(mask);
            cap.push(c);
        }
        let find = |id: &str, what: &str| {
            index.get(id).copied().ok_or_else(|| bad(format!("{what} names unknown participant {id:?}")))
        };
        let pauses = slot_mask(&inst.pauses_after, slots, "pauses_after:")?;
        let mut blocks = Vec::new();
        let mut start = 0;
        for s in 0..slots {
            if pauses & (1 << s) != 0 || s + 1 == slots {
                let len = s + 1 - start;
                let ones = if len == 64 { u64::MAX } else { (1u64 << len) - 1 };
                blocks.push(ones << start);
                start = s + 1;
            }
        }
        let max_weight = inst.candidates.iter().map(|c| c.weight).fold(0.0f64, f64::max);
        // Integer weights up to 2^40 keep sums of 10^6 meetings exact in i64.
        let scale = if max_weight > 0.0 { (1u64 << 40) as f64 / max_weight } else { 1.0 };
        let mut edges = Vec::new();
        // A pair listed twice asks for two meetings (in two slots): every listing is a meeting.
        let mut pair_index: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for c in &inst.candidates {
            let label = format!("candidate pair {:?}–{:?}", c.a, c.b);
            let a = find(&c.a, &label)?;
            let b = find(&c.b, &label)?;
            if a == b {
                return Err(bad(format!("{label} pairs a participant with itself")));
            }
            if !c.weight.is_finite() || c.weight <= 0.0 {
                return Err(bad(format!("{label} has weight {}; weights must be positive and finite", c.weight)));
            }
            pair_index.entry((a.min(b), a.max(b))).or_default().push(edges.len());
            let mask = match &c.slots {
                None => all,
                Some(list) if list.is_empty() => return Err(bad(format!("{label}: its list of slots is empty"))),
                Some(list) => slot_mask(list, slots, &format!("{label}:"))?,
            };
            let w = ((c.weight * scale).round() as i64).max(1);
            edges.push(Edge { a, b, weight: c.weight, w, mask });
        }
        let mut fixed = Vec::new();
        let mut busy = vec![0u64; ids.len()];
        let mut per_slot = vec![0usize; slots];
        let mut deg = vec![0usize; ids.len()];
        for l in &inst.locked {
            let label = format!("locked meeting {:?}–{:?} in slot {}", l.a, l.b, l.slot);
            let a = find(&l.a, &label)?;
            let b = find(&l.b, &label)?;
            let listed =
                pair_index.get(&(a.min(b), a.max(b))).ok_or_else(|| bad(format!("{label} is not a candidate pair")))?;
            if l.slot < 0 || l.slot >= slots as i64 {
                return Err(bad(format!("{label}: slot is outside 0..{}", slots - 1)));
            }
            let s = l.slot as usize;
            // The pair's first meeting not locked yet (a pair listed twice may be locked twice).
            let Some(&edge) = listed.iter().find(|&&e| !fixed.iter().any(|f: &Fixed| f.edge == e)) else {
                return Err(bad(format!("{label}: the pair is locked more times than it is listed")));
            };
            if edges[edge].mask & (1 << s) == 0 {
                return Err(bad(format!("{label} is outside the slots the pair's meeting may take")));
            }
            for (p, id) in [(a, &l.a), (b, &l.b)] {
                if avail[p] & (1 << s) == 0 {
                    return Err(bad(format!("{label} is infeasible: {id:?} is not available in slot {s}")));
                }
                if busy[p] & (1 << s) != 0 {
                    return Err(bad(format!("{label} is infeasible: {id:?} already has a locked meeting in slot {s}")));
                }
                if deg[p] >= cap[p] {
                    return Err(bad(format!("{label} is infeasible: {id:?} would exceed max_meetings")));
                }
            }
            if per_slot[s] >= tables {
                return Err(bad(format!("{label} is infeasible: slot {s} already holds {tables} locked meetings")));
            }
            busy[a] |= 1 << s;
            busy[b] |= 1 << s;
            deg[a] += 1;
            deg[b] += 1;
            per_slot[s] += 1;
            fixed.push(Fixed { edge, slot: s, table: None });
        }
        let locks = fixed.len();
        Ok(Self { slots, tables, ids, avail, cap, edges, fixed, locks, blocks })
    }

    /// Adds the still-valid meetings of a previous schedule as fixed meetings (kept at their slot
    /// and, when possible, their table). Returns how many were kept.
    pub fn keep_previous(&mut self, prev: &PreviousSchedule) -> usize {
        let index: HashMap<&str, usize> = self.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let mut pair_index: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, e) in self.edges.iter().enumerate() {
            pair_index.entry((e.a.min(e.b), e.a.max(e.b))).or_default().push(i);
        }
        let mut busy = vec![0u64; self.ids.len()];
        let mut deg = vec![0usize; self.ids.len()];
        let mut per_slot = vec![0usize; self.slots];
        let mut tables_used = std::collections::HashSet::new();
        for f in &self.fixed {
            let e = &self.edges[f.edge];
            busy[e.a] |= 1 << f.slot;
            busy[e.b] |= 1 << f.slot;
            deg[e.a] += 1;
            deg[e.b] += 1;
            per_slot[f.slot] += 1;
        }
        let mut kept = 0;
        for m in &prev.meetings {
            let (Some(&a), Some(&b)) = (index.get(m.a.as_str()), index.get(m.b.as_str())) else { continue };
            let Some(listed) = pair_index.get(&(a.min(b), a.max(b))) else { continue };
            if m.slot < 0 || m.slot >= self.slots as i64 {
                continue;
            }
            let s = m.slot as usize;
            let table = m
                .table
                .and_then(|t| usize::try_from(t).ok())
                .filter(|&t| t < self.tables && !tables_used.contains(&(s, t)));
            // A lock that was already in the previous schedule keeps its table too.
            if let Some(lock) = self.fixed.iter_mut().find(|f| listed.contains(&f.edge) && f.slot == s) {
                if lock.table.is_none() {
                    lock.table = table;
                    if let Some(t) = table {
                        tables_used.insert((s, t));
                    }
                    kept += 1;
                }
                continue;
            }
            // Otherwise one of the pair's meetings not yet fixed (locked elsewhere, or kept).
            let Some(&edge) = listed.iter().find(|&&e| !self.fixed.iter().any(|f| f.edge == e)) else { continue };
            let bit = 1u64 << s;
            let ok = self.allowed(edge) & bit != 0
                && busy[a] & bit == 0
                && busy[b] & bit == 0
                && deg[a] < self.cap[a]
                && deg[b] < self.cap[b]
                && per_slot[s] < self.tables;
            if !ok {
                continue;
            }
            if let Some(t) = table {
                tables_used.insert((s, t));
            }
            busy[a] |= bit;
            busy[b] |= bit;
            deg[a] += 1;
            deg[b] += 1;
            per_slot[s] += 1;
            self.fixed.push(Fixed { edge, slot: s, table });
            kept += 1;
        }
        kept
    }

    /// Splits the participants into two sides with every pair across, if possible.
    pub fn bipartition(&self) -> Option<Vec<bool>> {
        let n = self.ids.len();
        let mut adj = vec![Vec::new(); n];
        for e in &self.edges {
            adj[e.a].push(e.b);
            adj[e.b].push(e.a);
        }
        let mut side: Vec<Option<bool>> = vec![None; n];
        for start in 0..n {
            if side[start].is_some() {
                continue;
            }
            side[start] = Some(false);
            let mut stack = vec![start];
            while let Some(u) = stack.pop() {
                let su = side[u]?;
                for &v in &adj[u] {
                    match side[v] {
                        None => {
                            side[v] = Some(!su);
                            stack.push(v);
                        }
                        Some(sv) if sv == su => return None,
                        Some(_) => {}
                    }
                }
            }
        }
        side.into_iter().collect()
    }

    fn exact_case(&self) -> bool {
        let all = self.all_slots();
        self.fixed.is_empty() && self.avail.iter().all(|&m| m == all) && self.edges.iter().all(|e| e.mask == all)
    }
}

/// The relaxation: a maximum-weight b-matching of the non-fixed pairs, restricted by
/// availability, caps, locks and the slots' capacity, plus the fixed meetings' weight.
/// Returns the bound (scaled weights) and, per pair, how much of it the relaxation uses (0–2;
/// 2 means fully, 1 half, on the double cover of a non-bipartite graph).
pub fn relaxation(p: &Problem, sides: Option<&[bool]>) -> (i64, Vec<u8>) {
    let n = p.ids.len();
    let mut fixed_slots = vec![0u64; n];
    let mut fixed_deg = vec![0usize; n];
    let mut fixed_in_slot = vec![0usize; p.slots];
    let mut fixed_w = 0i64;
    let mut is_fixed = vec![false; p.edges.len()];
    for f in &p.fixed {
        let e = &p.edges[f.edge];
        fixed_slots[e.a] |= 1 << f.slot;
        fixed_slots[e.b] |= 1 << f.slot;
        fixed_deg[e.a] += 1;
        fixed_deg[e.b] += 1;
        fixed_in_slot[f.slot] += 1;
        fixed_w += e.w;
        is_fixed[f.edge] = true;
    }
    let free: Vec<u64> = (0..n).map(|v| p.avail[v] & !fixed_slots[v]).collect();
    let b: Vec<i64> = (0..n).map(|v| (p.cap[v] - fixed_deg[v]).min(free[v].count_ones() as usize) as i64).collect();
    let total: i64 = (0..p.slots)
        .map(|s| {
            let present = free.iter().filter(|&&m| m & (1 << s) != 0).count();
            ((p.tables - fixed_in_slot[s]).min(present / 2)) as i64
        })
        .sum();
    let usable = |i: usize| {
        let e = &p.edges[i];
        !is_fixed[i] && free[e.a] & free[e.b] & e.mask != 0 && b[e.a] > 0 && b[e.b] > 0
    };
    // Nodes: source, hub, left copies 0..n, right copies n..2n, sink.
    let (src, hub, sink) = (2 * n, 2 * n + 1, 2 * n + 2);
    let mut g = flow::FlowNetwork::new(2 * n + 3);
    let double = sides.is_none();
    g.add_arc(src, hub, if double { 2 * total } else { total }, 0);
    for v in 0..n {
        if b[v] == 0 {
            continue;
        }
        let left = sides.is_none_or(|s| !s[v]);
        let right = sides.is_none_or(|s| s[v]);
        if left {
            g.add_arc(hub, v, b[v], 0);
        }
        if right {
            g.add_arc(n + v, sink, b[v], 0);
        }
    }
    let mut arcs = Vec::new();
    for (i, e) in p.edges.iter().enumerate() {
        if !usable(i) {
            continue;
        }
        match sides {
            Some(s) => {
                let (l, r) = if s[e.a] { (e.b, e.a) } else { (e.a, e.b) };
                arcs.push((i, g.add_arc(l, n + r, 1, -e.w)));
            }
            None => {
                arcs.push((i, g.add_arc(e.a, n + e.b, 1, -e.w)));
                arcs.push((i, g.add_arc(e.b, n + e.a, 1, -e.w)));
            }
        }
    }
    let cost = -g.min_cost_any_flow(src, sink);
    let mut used = vec![0u8; p.edges.len()];
    for (i, arc) in arcs {
        if g.flow(arc) > 0 {
            used[i] += if double { 1 } else { 2 };
        }
    }
    let relaxed = if double { (cost + 1) / 2 } else { cost };
    (fixed_w + relaxed, used)
}

/// A solution: the slot of every scheduled pair, and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// `(edge, slot, table)`, sorted by slot then table.
    pub meetings: Vec<(usize, usize, usize)>,
    /// Scaled weight.
    pub weight: i64,
    /// Scaled upper bound.
    pub bound: i64,
}

/// Solver options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Seed of the local search's perturbations.
    pub seed: u64,
    /// Multiplies the local search's iteration budget (1 = default).
    pub effort: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self { seed: 0, effort: 1 }
    }
}

/// Solves a validated problem.
pub fn solve(p: &Problem, opts: Options) -> Solution {
    let sides = p.bipartition();
    let (bound, used) = relaxation(p, sides.as_deref());
    tracing::debug!(bound, bipartite = sides.is_some(), "schedule: relaxation solved");
    let mut slot_of: Vec<Option<usize>> = vec![None; p.edges.len()];
    let mut exact = false;
    if p.exact_case() && sides.is_some() {
        let chosen: Vec<usize> = (0..p.edges.len()).filter(|&i| used[i] == 2).collect();
        let pairs: Vec<(usize, usize)> = chosen.iter().map(|&i| (p.edges[i].a, p.edges[i].b)).collect();
        if let Some(colors) = coloring::equitable_bipartite(p.ids.len(), &pairs, p.slots, p.tables) {
            for (k, &i) in chosen.iter().enumerate() {
                slot_of[i] = Some(colors[k]);
            }
            exact = true;
        }
    }
    if !exact {
        slot_of = search::search(p, &used, opts);
    }
    let mut state = search::State::from_slots(p, &slot_of);
    state.reduce_gaps(exact);
    let slot_of = idle::improve(p, &state.slots_of_edges(), opts);
    let weight: i64 = slot_of.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| p.edges[i].w).sum();
    Solution { meetings: assign_tables(p, &slot_of), weight, bound: bound.max(weight) }
}

/// Numbers the tables of each slot: fixed meetings keep theirs, the others take the lowest free.
fn assign_tables(p: &Problem, slot_of: &[Option<usize>]) -> Vec<(usize, usize, usize)> {
    let mut taken: Vec<Vec<bool>> = vec![vec![false; p.tables]; p.slots];
    let mut table_of: HashMap<usize, usize> = HashMap::new();
    for f in &p.fixed {
        if let Some(t) = f.table
            && slot_of[f.edge] == Some(f.slot)
            && !taken[f.slot][t]
        {
            taken[f.slot][t] = true;
            table_of.insert(f.edge, t);
        }
    }
    let mut out = Vec::new();
    for (e, s) in slot_of.iter().enumerate() {
        let Some(s) = *s else { continue };
        let t = match table_of.get(&e) {
            Some(&t) => t,
            None => {
                let t = taken[s].iter().position(|x| !x).unwrap_or(0);
                taken[s][t] = true;
                t
            }
        };
        out.push((e, s, t));
    }
    out.sort_by_key(|&(e, s, t)| (s, t, e));
    out
}

/// Every participant's busy slots.
fn busy_of(p: &Problem, meetings: &[(usize, usize, usize)]) -> Vec<u64> {
    let mut busy = vec![0u64; p.ids.len()];
    for &(e, s, _) in meetings {
        busy[p.edges[e].a] |= 1 << s;
        busy[p.edges[e].b] |= 1 << s;
    }
    busy
}

/// Idle slots (block by block, planned breaks excused), summed over participants.
pub fn idle_gaps(p: &Problem, meetings: &[(usize, usize, usize)]) -> usize {
    busy_of(p, meetings).iter().map(|&m| p.idle(m)).sum()
}

/// Converts a solution to the output format.
pub fn output(p: &Problem, sol: &Solution, seconds: f64, kept: Option<usize>) -> ScheduleOut {
    let total: f64 = sol.meetings.iter().map(|&(e, _, _)| p.edges[e].weight).sum();
    let scale = if sol.weight > 0 { total / sol.weight as f64 } else { 0.0 };
    let optimal = sol.weight >= sol.bound;
    let busy = busy_of(p, &sol.meetings);
    ScheduleOut {
        meetings: sol
            .meetings
            .iter()
            .map(|&(e, s, t)| MeetingOut {
                a: p.ids[p.edges[e].a].clone(),
                b: p.ids[p.edges[e].b].clone(),
                slot: s,
                table: t,
            })
            .collect(),
        total_weight: total,
        upper_bound: if optimal { total } else { (sol.bound as f64 * scale).max(total) },
        optimal,
        seconds,
        idle_gaps: busy.iter().map(|&m| p.idle(m)).sum(),
        idle_runs: busy.iter().map(|&m| p.idle_runs(m)).sum(),
        idle_worst: busy.iter().map(|&m| p.idle(m)).max().unwrap_or(0),
        idle_lower_bound: (sol.meetings.len() == p.edges.len()).then(|| idle::lower_bound(p)),
        kept,
    }
}

/// Every constraint a schedule must satisfy; returns the first violation.
pub fn check(p: &Problem, meetings: &[(usize, usize, usize)]) -> Result<(), String> {
    let mut busy = vec![0u64; p.ids.len()];
    let mut deg = vec![0usize; p.ids.len()];
    let mut tables: HashMap<(usize, usize), usize> = HashMap::new();
    let mut pairs = std::collections::HashSet::new();
    for &(e, s, t) in meetings {
        let edge = &p.edges[e];
        if s >= p.slots || t >= p.tables {
            return Err(format!("meeting {e} at slot {s} table {t} is out of range"));
        }
        if !pairs.insert(e) {
            return Err(format!("pair {e} meets twice"));
        }
        if let Some(other) = tables.insert((s, t), e) {
            return Err(format!("pairs {other} and {e} share table {t} in slot {s}"));
        }
        if edge.mask & (1 << s) == 0 {
            return Err(format!("pair {e} meets in slot {s}, outside its slots"));
        }
        for v in [edge.a, edge.b] {
            if p.avail[v] & (1 << s) == 0 {
                return Err(format!("{} is not available in slot {s}", p.ids[v]));
            }
            if busy[v] & (1 << s) != 0 {
                return Err(format!("{} has two meetings in slot {s}", p.ids[v]));
            }
            busy[v] |= 1 << s;
            deg[v] += 1;
            if deg[v] > p.cap[v] {
                return Err(format!("{} exceeds its cap", p.ids[v]));
            }
        }
    }
    for f in &p.fixed[..p.locks] {
        if !meetings.iter().any(|&(e, s, _)| e == f.edge && s == f.slot) {
            return Err(format!("lock of pair {} in slot {} was not kept", f.edge, f.slot));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
