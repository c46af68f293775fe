//! The participants' waiting time, once the weight is settled: simulated annealing over moves that
//! keep every scheduled meeting scheduled — a meeting to another slot, or a Kempe swap of the
//! meetings two slots share through their participants — minimising the idle slots between each
//! participant's first and last meeting of every block (planned breaks excused), then the number
//! of separate waits. A meeting left out that becomes placeable on the way is placed: the weight
//! only ever grows. Bounded by iterations and seeded, so the same input gives the same schedule.
//!
//! Also a lower bound on the idle time: each participant on its own, its meetings in the
//! narrowest windows (one per block) that can hold them all.

use super::search::Rng;
use super::{Options, Problem};

const NONE: usize = usize::MAX;

/// Idle slots weigh more than any number of separate waits: the objective is lexicographic.
const IDLE: i64 = 1 << 20;

struct Schedule<'p> {
    p: &'p Problem,
    slot: Vec<usize>,
    at: Vec<usize>,
    busy: Vec<u64>,
    deg: Vec<usize>,
    count: Vec<usize>,
    /// Slots with a free table.
    open: u64,
    fixed: Vec<bool>,
}

impl<'p> Schedule<'p> {
    fn new(p: &'p Problem, slot_of: &[Option<usize>]) -> Self {
        let n = p.ids.len();
        let mut s = Self {
            p,
            slot: vec![NONE; p.edges.len()],
            at: vec![NONE; n * p.slots],
            busy: vec![0; n],
            deg: vec![0; n],
            count: vec![0; p.slots],
            open: p.all_slots(),
            fixed: vec![false; p.edges.len()],
        };
        for f in &p.fixed {
            s.fixed[f.edge] = true;
        }
        for (e, x) in slot_of.iter().enumerate() {
            if let Some(x) = *x {
                s.place(e, x);
            }
        }
        s
    }

    fn place(&mut self, e: usize, x: usize) {
        let edge = &self.p.edges[e];
        let t = self.p.slots;
        for v in [edge.a, edge.b] {
            self.at[v * t + x] = e;
            self.busy[v] |= 1 << x;
            self.deg[v] += 1;
        }
        self.count[x] += 1;
        if self.count[x] >= self.p.tables {
            self.open &= !(1 << x);
        }
        self.slot[e] = x;
    }

    fn remove(&mut self, e: usize) {
        let x = self.slot[e];
        let edge = &self.p.edges[e];
        let t = self.p.slots;
        for v in [edge.a, edge.b] {
            self.at[v * t + x] = NONE;
            self.busy[v] &= !(1 << x);
            self.deg[v] -= 1;
        }
        self.count[x] -= 1;
        self.open |= 1 << x;
        self.slot[e] = NONE;
    }

    fn cost_of(&self, v: usize) -> i64 {
        let m = self.busy[v];
        self.p.idle(m) as i64 * IDLE + self.p.idle_runs(m) as i64
    }

    fn cost(&self) -> i64 {
        (0..self.p.ids.len()).map(|v| self.cost_of(v)).sum()
    }

    /// Slots where `e` (not placed) fits as things stand.
    fn free_for(&self, e: usize) -> u64 {
        let p = self.p;
        let edge = &p.edges[e];
        if self.deg[edge.a] >= p.cap[edge.a] || self.deg[edge.b] >= p.cap[edge.b] {
            return 0;
        }
        p.allowed(e) & !self.busy[edge.a] & !self.busy[edge.b] & self.open
    }

    /// The meetings of slots `x` and `y` linked to `e` through shared participants (a path or a
    /// cycle: a participant has at most one meeting per slot). `None` when one of them is fixed
    /// or may not take the other slot.
    fn component(&self, e: usize, x: usize, y: usize, out: &mut Vec<usize>) -> bool {
        let p = self.p;
        let t = p.slots;
        out.clear();
        out.push(e);
        let mut i = 0;
        while i < out.len() {
            let f = out[i];
            i += 1;
            if self.fixed[f] {
                return false;
            }
            let here = self.slot[f];
            let there = if here == x { y } else { x };
            if p.allowed(f) & (1 << there) == 0 {
                return false;
            }
            let edge = &p.edges[f];
            for v in [edge.a, edge.b] {
                let g = self.at[v * t + there];
                if g != NONE && !out.contains(&g) {
                    out.push(g);
                }
            }
        }
        true
    }
}

/// Lowers the idle time of a schedule without dropping any of its meetings (and places any
/// meeting that becomes placeable). Returns the new slot of every pair.
///
/// A small session gets several independent annealing runs (different random streams, the best
/// kept): restarts find more than one long run, and a session of a few hundred meetings takes
/// milliseconds per run. A large one gets one.
pub fn improve(p: &Problem, slot_of: &[Option<usize>], opts: Options) -> Vec<Option<usize>> {
    let movable = slot_of.iter().filter(|s| s.is_some()).count().max(1);
    let runs = (1_200 / movable).clamp(1, 8) as u64;
    let best = (0..runs)
        .filter_map(|k| anneal(p, slot_of, opts.seed.wrapping_add(k.wrapping_mul(0x9e37_79b9)), opts.effort))
        .max_by_key(|(placed, cost, _)| (*placed, std::cmp::Reverse(*cost)));
    match best {
        Some((_, _, slots)) => slots.iter().map(|&x| (x != NONE).then_some(x)).collect(),
        None => slot_of.to_vec(),
    }
}

/// One annealing run: (meetings placed, cost, slots), or `None` when nothing can move.
fn anneal(p: &Problem, slot_of: &[Option<usize>], seed: u64, effort: u32) -> Option<(usize, i64, Vec<usize>)> {
    let mut s = Schedule::new(p, slot_of);
    let placed: Vec<usize> = (0..p.edges.len()).filter(|&e| s.slot[e] != NONE && !s.fixed[e]).collect();
    if placed.is_empty() || p.slots < 2 {
        return None;
    }
    // The meetings left out, by participant: a move can only make room for those of the
    // participants it touched.
    let mut left_out: Vec<Vec<usize>> = vec![Vec::new(); p.ids.len()];
    let mut left = 0usize;
    for e in (0..p.edges.len()).filter(|&e| s.slot[e] == NONE) {
        left_out[p.edges[e].a].push(e);
        left_out[p.edges[e].b].push(e);
        left += 1;
    }
    let mut rng = Rng(seed ^ 0x1d1e_7173);
    let effort = effort.max(1) as usize;
    let iterations = (100_000 + 20 * placed.len()) * effort;
    // Stops early once the best has not moved for this long.
    let patience = (30_000 + 10 * placed.len()) * effort;
    let mut last_better = 0;
    let mut cost = s.cost();
    let mut best = (cost, s.slot.clone());
    // From a temperature where one more idle slot is often accepted down to one where it never is.
    let (hot, cold) = (0.6 * IDLE as f64, 0.02 * IDLE as f64);
    let mut comp = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    let mut moves: Vec<(usize, usize)> = Vec::new();
    // Most moves start from a meeting of someone who waits (refreshed now and then): moving the
    // others rarely helps, and on a large session they are most of the meetings.
    let mut waiting: Vec<usize> = Vec::new();
    for it in 0..iterations {
        if cost == 0 || it - last_better > patience {
            break;
        }
        if it % 1024 == 0 {
            waiting.clear();
            waiting.extend(placed.iter().copied().filter(|&e| {
                let edge = &p.edges[e];
                s.cost_of(edge.a) > 0 || s.cost_of(edge.b) > 0
            }));
        }
        let temp = hot * (cold / hot).powf(it as f64 / iterations as f64);
        let e = if !waiting.is_empty() && rng.below(8) != 0 {
            waiting[rng.below(waiting.len())]
        } else {
            placed[rng.below(placed.len())]
        };
        let x = s.slot[e];
        let y = rng.below(p.slots);
        if y == x || p.allowed(e) & (1 << y) == 0 {
            continue;
        }
        if !s.component(e, x, y, &mut comp) {
            continue;
        }
        let to_y = comp.iter().filter(|&&f| s.slot[f] == x).count();
        let to_x = comp.len() - to_y;
        if s.count[y] + to_y - to_x > p.tables || s.count[x] + to_x - to_y > p.tables {
            continue;
        }
        touched.clear();
        for &f in &comp {
            let edge = &p.edges[f];
            touched.push(edge.a);
            touched.push(edge.b);
        }
        touched.sort_unstable();
        touched.dedup();
        let before: i64 = touched.iter().map(|&v| s.cost_of(v)).sum();
        moves.clear();
        moves.extend(comp.iter().map(|&f| (f, if s.slot[f] == x { y } else { x })));
        for &(f, _) in &moves {
            s.remove(f);
        }
        for &(f, to) in &moves {
            s.place(f, to);
        }
        let delta = touched.iter().map(|&v| s.cost_of(v)).sum::<i64>() - before;
        if delta <= 0 || rng.chance((-(delta as f64) / temp).exp()) {
            cost += delta;
            // A freed place may take a meeting that was left out.
            let mut more = false;
            if left > 0 {
                for &v in &touched {
                    for &g in &left_out[v] {
                        if s.slot[g] != NONE {
                            continue;
                        }
                        let free = s.free_for(g);
                        if free == 0 {
                            continue;
                        }
                        let edge = &p.edges[g];
                        let (a, b) = (edge.a, edge.b);
                        let before = s.cost_of(a) + s.cost_of(b);
                        s.place(g, free.trailing_zeros() as usize);
                        cost += s.cost_of(a) + s.cost_of(b) - before;
                        left -= 1;
                        more = true;
                    }
                }
            }
            if more || cost < best.0 {
                best = (cost, s.slot.clone());
                last_better = it;
            }
        } else {
            for &(f, _) in &moves {
                s.remove(f);
            }
            for &(f, to) in &moves {
                s.place(f, if to == x { y } else { x });
            }
        }
    }
    let count = best.1.iter().filter(|&&x| x != NONE).count();
    Some((count, best.0, best.1))
}

/// No schedule that places every pair idles less: each participant alone, its meetings in the
/// narrowest windows (one per block) into which they can all be matched.
pub fn lower_bound(p: &Problem) -> usize {
    let mut meetings: Vec<Vec<u64>> = vec![Vec::new(); p.ids.len()];
    for (e, edge) in p.edges.iter().enumerate() {
        meetings[edge.a].push(p.allowed(e));
        meetings[edge.b].push(p.allowed(e));
    }
    meetings.iter().map(|m| participant_bound(p, m)).sum()
}

/// The least idle time of one participant whose meetings may take the given slot sets.
fn participant_bound(p: &Problem, allowed: &[u64]) -> usize {
    let m = allowed.len();
    if m <= 1 || m > p.slots {
        return 0;
    }
    // Windows of each block: (mask, length); "empty" is a window of length 0.
    let windows: Vec<Vec<(u64, usize)>> = p
        .blocks
        .iter()
        .map(|&b| {
            let lo = b.trailing_zeros() as usize;
            let hi = 63 - b.leading_zeros() as usize;
            let mut w = vec![(0u64, 0usize)];
            for i in lo..=hi {
                for j in i..=hi {
                    let len = j - i + 1;
                    let mask = if len == 64 { u64::MAX } else { ((1u64 << len) - 1) << i };
                    w.push((mask, len));
                }
            }
            w
        })
        .collect();
    // The smallest total length L ≥ m of windows (one per block) that hold every meeting.
    for total in m..=p.slots {
        if fits(allowed, &windows, 0, 0, total) {
            return total - m;
        }
    }
    0
}

/// Whether some choice of windows for blocks `k..` with lengths summing to `left`, joined to
/// `mask`, lets every meeting take its own slot.
fn fits(allowed: &[u64], windows: &[Vec<(u64, usize)>], k: usize, mask: u64, left: usize) -> bool {
    if k == windows.len() {
        return left == 0 && matches_all(allowed, mask);
    }
    windows[k].iter().any(|&(w, len)| len <= left && fits(allowed, windows, k + 1, mask | w, left - len))
}

/// Whether every meeting can take a distinct slot of `mask` within its own slots (augmenting
/// paths; a participant has at most 64 meetings).
fn matches_all(allowed: &[u64], mask: u64) -> bool {
    let mut owner = [usize::MAX; 64];
    (0..allowed.len()).all(|i| augment(i, allowed, mask, &mut owner, &mut 0))
}

fn augment(i: usize, allowed: &[u64], mask: u64, owner: &mut [usize; 64], seen: &mut u64) -> bool {
    let mut cand = allowed[i] & mask & !*seen;
    while cand != 0 {
        let s = cand.trailing_zeros() as usize;
        cand &= cand - 1;
        *seen |= 1 << s;
        if owner[s] == usize::MAX || augment(owner[s], allowed, mask, owner, seen) {
            owner[s] = i;
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::{CandidateIn, Instance, ParticipantIn};
    use super::*;

    fn problem(slots: i64, pairs: &[(&str, &str, Option<Vec<i64>>)], pauses: Vec<i64>) -> Problem {
        let mut ids: Vec<&str> = pairs.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
        ids.sort_unstable();
        ids.dedup();
        Problem::new(&Instance {
            slots,
            tables: 10,
            participants: ids
                .iter()
                .map(|id| ParticipantIn { id: id.to_string(), available: None, max_meetings: None })
                .collect(),
            candidates: pairs
                .iter()
                .map(|(a, b, s)| CandidateIn { a: a.to_string(), b: b.to_string(), weight: 1.0, slots: s.clone() })
                .collect(),
            locked: vec![],
            pauses_after: pauses,
        })
        .unwrap()
    }

    #[test]
    fn idle_is_counted_block_by_block() {
        let p = problem(6, &[("a", "b", None)], vec![2]);
        // Meetings in slots 1 and 4: across the break, no idle time.
        assert_eq!(p.idle(0b01_0010), 0);
        // Slots 0 and 2 in the morning: one idle slot, one wait.
        assert_eq!(p.idle(0b00_0101), 1);
        assert_eq!(p.idle_runs(0b00_0101), 1);
        // 0, 2, 5 with 3 and 4 empty: one idle in the morning only (the afternoon has one meeting).
        assert_eq!(p.idle(0b10_0101), 1);
        // 3 and 5 in the afternoon, 0 and 2 in the morning: two waits of one slot.
        assert_eq!(p.idle(0b10_1101), 2);
        assert_eq!(p.idle_runs(0b10_1101), 2);
        let one_block = problem(6, &[("a", "b", None)], vec![]);
        assert_eq!(one_block.idle(0b10_0001), 4);
        assert_eq!(one_block.idle_runs(0b10_0101), 2);
        // A pause after the last slot changes nothing.
        let last = problem(6, &[("a", "b", None)], vec![5]);
        assert_eq!(last.idle(0b10_0001), 4);
    }

    #[test]
    fn the_bound_sees_a_participant_forced_apart() {
        // "a" meets b in slot 0 and c in slot 3 at the earliest/latest: two idle slots at least.
        let p = problem(4, &[("a", "b", Some(vec![0])), ("a", "c", Some(vec![3]))], vec![]);
        assert_eq!(lower_bound(&p), 2);
        // With a break after slot 1 the two meetings are in different blocks: no idle time.
        let p = problem(4, &[("a", "b", Some(vec![0])), ("a", "c", Some(vec![3]))], vec![1]);
        assert_eq!(lower_bound(&p), 0);
        let free = problem(4, &[("a", "b", None), ("a", "c", None), ("a", "d", None)], vec![]);
        assert_eq!(lower_bound(&free), 0);
    }

    #[test]
    fn improving_keeps_every_meeting_and_lowers_idle_time() {
        let p = problem(6, &[("a", "b", None), ("a", "c", None), ("b", "c", None), ("d", "a", None)], vec![]);
        let start = vec![Some(0), Some(5), Some(2), Some(3)];
        let before: usize = {
            let m: Vec<(usize, usize, usize)> = start.iter().enumerate().map(|(e, s)| (e, s.unwrap(), 0)).collect();
            super::super::idle_gaps(&p, &m)
        };
        let after = improve(&p, &start, Options::default());
        assert!(after.iter().all(Option::is_some), "every meeting kept");
        let m: Vec<(usize, usize, usize)> = after.iter().enumerate().map(|(e, s)| (e, s.unwrap(), e)).collect();
        assert!(super::super::check(&p, &m).is_ok());
        assert!(super::super::idle_gaps(&p, &m) < before);
        assert_eq!(super::super::idle_gaps(&p, &m), 0);
    }
}
