//! Schedules for the general case (availability windows, caps, locks, non-bipartite pairs):
//! construction from the relaxation's pairs, insertion with moves, ejection of lighter meetings,
//! and seeded perturbation — every change journaled so a failed attempt is undone exactly.

use super::{Options, Problem};

const NONE: usize = usize::MAX;

/// Idle slots between the first and last bit of a busy mask.
pub fn gaps_of(mask: u64) -> usize {
    if mask == 0 {
        return 0;
    }
    let span = 64 - mask.leading_zeros() - mask.trailing_zeros();
    (span - mask.count_ones()) as usize
}

/// A small, seeded, portable PRNG (SplitMix64): the same seed gives the same search (and the same
/// generated instance) everywhere.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Occupancy of a schedule under construction.
#[derive(Clone)]
pub struct State<'p> {
    p: &'p Problem,
    /// `at[v * slots + s]`: the pair participant `v` meets in slot `s`.
    at: Vec<usize>,
    busy: Vec<u64>,
    deg: Vec<usize>,
    count: Vec<usize>,
    in_slot: Vec<Vec<usize>>,
    slot: Vec<usize>,
    fixed: Vec<bool>,
    pub weight: i64,
    journal: Option<Vec<(bool, usize, usize)>>,
    /// Per slot, its lightest movable meeting (`DIRTY` when it must be recomputed).
    lightest_in_slot: Vec<usize>,
}

const DIRTY: usize = usize::MAX - 1;

impl<'p> State<'p> {
    /// The fixed meetings only.
    pub fn new(p: &'p Problem) -> Self {
        let n = p.ids.len();
        let mut st = Self {
            p,
            at: vec![NONE; n * p.slots],
            busy: vec![0; n],
            deg: vec![0; n],
            count: vec![0; p.slots],
            in_slot: vec![Vec::new(); p.slots],
            slot: vec![NONE; p.edges.len()],
            fixed: vec![false; p.edges.len()],
            weight: 0,
            journal: None,
            lightest_in_slot: vec![DIRTY; p.slots],
        };
        for f in &p.fixed {
            st.place(f.edge, f.slot);
            st.fixed[f.edge] = true;
        }
        st
    }

    /// The fixed meetings plus the given slots (which must be feasible together).
    pub fn from_slots(p: &'p Problem, slots: &[Option<usize>]) -> Self {
        let mut st = Self::new(p);
        for (e, s) in slots.iter().enumerate() {
            if let Some(s) = *s
                && st.slot[e] == NONE
                && st.feasible(e) & (1 << s) != 0
            {
                st.place(e, s);
            }
        }
        st
    }

    /// The slot of every pair, `None` when it does not meet.
    pub fn slots_of_edges(&self) -> Vec<Option<usize>> {
        self.slot.iter().map(|&s| (s != NONE).then_some(s)).collect()
    }

    fn open_slots(&self) -> u64 {
        let mut m = 0u64;
        for s in 0..self.p.slots {
            if self.count[s] < self.p.tables {
                m |= 1 << s;
            }
        }
        m
    }

    /// Slots where pair `e` could be placed now without touching anything else.
    fn feasible(&self, e: usize) -> u64 {
        let edge = &self.p.edges[e];
        let (a, b) = (edge.a, edge.b);
        if self.slot[e] != NONE || self.deg[a] >= self.p.cap[a] || self.deg[b] >= self.p.cap[b] {
            return 0;
        }
        self.p.allowed(e) & !self.busy[a] & !self.busy[b] & self.open_slots()
    }

    fn place(&mut self, e: usize, s: usize) {
        let edge = &self.p.edges[e];
        let (a, b) = (edge.a, edge.b);
        let t = self.p.slots;
        self.at[a * t + s] = e;
        self.at[b * t + s] = e;
        self.busy[a] |= 1 << s;
        self.busy[b] |= 1 << s;
        self.deg[a] += 1;
        self.deg[b] += 1;
        self.count[s] += 1;
        self.in_slot[s].push(e);
        self.lightest_in_slot[s] = DIRTY;
        self.slot[e] = s;
        self.weight += edge.w;
        if let Some(j) = &mut self.journal {
            j.push((true, e, s));
        }
    }

    fn remove(&mut self, e: usize) {
        let s = self.slot[e];
        let edge = &self.p.edges[e];
        let (a, b) = (edge.a, edge.b);
        let t = self.p.slots;
        self.at[a * t + s] = NONE;
        self.at[b * t + s] = NONE;
        self.busy[a] &= !(1 << s);
        self.busy[b] &= !(1 << s);
        self.deg[a] -= 1;
        self.deg[b] -= 1;
        self.count[s] -= 1;
        self.lightest_in_slot[s] = DIRTY;
        if let Some(i) = self.in_slot[s].iter().position(|&x| x == e) {
            self.in_slot[s].swap_remove(i);
        }
        self.slot[e] = NONE;
        self.weight -= edge.w;
        if let Some(j) = &mut self.journal {
            j.push((false, e, s));
        }
    }

    /// Starts recording changes; returns the mark to roll back to.
    fn mark(&mut self) -> usize {
        self.journal.get_or_insert_with(Vec::new).len()
    }

    /// Undoes every change since `mark`.
    fn rollback(&mut self, mark: usize) {
        let mut j = self.journal.take().unwrap_or_default();
        while j.len() > mark {
            if let Some((placed, e, s)) = j.pop() {
                if placed {
                    self.remove(e);
                } else {
                    self.place(e, s);
                }
            }
        }
        self.journal = Some(j);
    }

    /// Among `mask`, the slot that keeps the pair's participants' days compact.
    fn pick(&self, e: usize, mask: u64) -> usize {
        let edge = &self.p.edges[e];
        let near = (self.busy[edge.a] | self.busy[edge.b]) << 1 | (self.busy[edge.a] | self.busy[edge.b]) >> 1;
        let preferred = mask & near;
        let m = if preferred != 0 { preferred } else { mask };
        m.trailing_zeros() as usize
    }

    fn meeting_at(&self, v: usize, s: usize) -> usize {
        self.at[v * self.p.slots + s]
    }

    /// Places `e`, moving at most the meetings that block it to other slots. Returns success;
    /// on failure nothing changed.
    fn insert_with_moves(&mut self, e: usize) -> bool {
        let mask = self.feasible(e);
        if mask != 0 {
            self.place(e, self.pick(e, mask));
            return true;
        }
        let edge = &self.p.edges[e];
        let (a, b) = (edge.a, edge.b);
        if self.slot[e] != NONE || self.deg[a] >= self.p.cap[a] || self.deg[b] >= self.p.cap[b] {
            return false;
        }
        let mut cand = self.p.allowed(e);
        while cand != 0 {
            let s = cand.trailing_zeros() as usize;
            cand &= cand - 1;
            let bit = 1u64 << s;
            let mark = self.mark();
            let blockers: Vec<usize> =
                [self.meeting_at(a, s), self.meeting_at(b, s)].into_iter().filter(|&x| x != NONE).collect();
            if blockers.iter().any(|&x| self.fixed[x]) {
                continue;
            }
            let mut blockers = blockers;
            blockers.dedup();
            if self.open_slots() & !bit == 0 {
                // Every other slot is full: nothing blocking `e` here can move anywhere.
                continue;
            }
            if blockers.is_empty() && self.count[s] >= self.p.tables {
                // The slot is full: move one of its meetings elsewhere to free a table.
                let movable: Vec<usize> = self.in_slot[s].iter().copied().filter(|&m| !self.fixed[m]).collect();
                let mut done = false;
                for m in movable {
                    self.remove(m);
                    let to = self.feasible(m) & !bit;
                    if to != 0 {
                        self.place(m, self.pick(m, to));
                        self.place(e, s);
                        done = true;
                        break;
                    }
                    self.place(m, s);
                }
                if done {
                    return true;
                }
                self.rollback(mark);
                continue;
            }
            for &x in &blockers {
                self.remove(x);
            }
            if self.feasible(e) & bit == 0 {
                self.rollback(mark);
                continue;
            }
            self.place(e, s);
            let mut ok = true;
            for &x in &blockers {
                let to = self.feasible(x);
                if to == 0 {
                    ok = false;
                    break;
                }
                self.place(x, self.pick(x, to));
            }
            if ok {
                return true;
            }
            self.rollback(mark);
        }
        self.kempe_insert(e)
    }

    /// Kempe-chain insertion: with `a` free in slot α and `b` free in slot β, swaps α and β along
    /// the alternating path of meetings starting at `b`, which frees `b` in α; then `e` goes to α.
    /// Every meeting on the path must be available in its new slot. On failure nothing changed.
    fn kempe_insert(&mut self, e: usize) -> bool {
        let p = self.p;
        let edge = &p.edges[e];
        let (a, b) = (edge.a, edge.b);
        if self.slot[e] != NONE || self.deg[a] >= p.cap[a] || self.deg[b] >= p.cap[b] {
            return false;
        }
        let common = p.allowed(e);
        for (x, y) in [(a, b), (b, a)] {
            let mut free_x = common & !self.busy[x];
            while free_x != 0 {
                let alpha = free_x.trailing_zeros() as usize;
                free_x &= free_x - 1;
                let mut free_y = common & !self.busy[y];
                while free_y != 0 {
                    let beta = free_y.trailing_zeros() as usize;
                    free_y &= free_y - 1;
                    // A swap between two full slots can never make room for one more meeting.
                    if self.count[alpha] >= p.tables && self.count[beta] >= p.tables {
                        continue;
                    }
                    if let Some(path) = self.kempe_path(y, x, alpha, beta) {
                        let alphas = path.iter().filter(|&&f| self.slot[f] == alpha).count();
                        let betas = path.len() - alphas;
                        // After the swap and the new meeting: α gains betas − alphas + 1, β the opposite.
                        let new_alpha = self.count[alpha] + betas + 1 - alphas;
                        let new_beta = self.count[beta] + alphas - betas;
                        if new_alpha > p.tables || new_beta > p.tables {
                            continue;
                        }
                        for &f in &path {
                            self.remove(f);
                        }
                        for (i, &f) in path.iter().enumerate() {
                            self.place(f, if i % 2 == 0 { beta } else { alpha });
                        }
                        self.place(e, alpha);
                        return true;
                    }
                }
            }
        }
        false
    }

    /// The α/β alternating path from `start` (beginning with its α meeting), if every meeting on it
    /// is movable, available in the other slot, and the path avoids `avoid`.
    fn kempe_path(&self, start: usize, avoid: usize, alpha: usize, beta: usize) -> Option<Vec<usize>> {
        let p = self.p;
        let mut path = Vec::new();
        let (mut v, mut c, mut other) = (start, alpha, beta);
        loop {
            let f = self.meeting_at(v, c);
            if f == NONE {
                return Some(path);
            }
            let edge = &p.edges[f];
            if self.fixed[f] || p.allowed(f) & (1 << other) == 0 || path.len() > 4 * p.slots + 64 {
                return None;
            }
            path.push(f);
            v = if edge.a == v { edge.b } else { edge.a };
            if v == avoid {
                return None;
            }
            std::mem::swap(&mut c, &mut other);
        }
    }

    /// Tries to schedule `e` by removing lighter meetings in its way and re-placing them where
    /// possible. Keeps the change only if the total weight grows.
    fn eject_for(&mut self, e: usize) -> bool {
        let p = self.p;
        let edge = &p.edges[e];
        let (a, b, w) = (edge.a, edge.b, edge.w);
        if self.slot[e] != NONE {
            return false;
        }
        let mut cand = p.allowed(e);
        while cand != 0 {
            let s = cand.trailing_zeros() as usize;
            cand &= cand - 1;
            let mut removal: Vec<usize> = Vec::with_capacity(4);
            let mut ok = true;
            for v in [a, b] {
                let m = self.meeting_at(v, s);
                if m != NONE && !removal.contains(&m) {
                    ok &= !self.fixed[m];
                    removal.push(m);
                }
            }
            if !ok {
                continue;
            }
            for v in [a, b] {
                let freed = removal.iter().filter(|&&m| p.edges[m].a == v || p.edges[m].b == v).count();
                if self.deg[v] - freed >= p.cap[v] {
                    match self.lightest(v, &removal) {
                        Some(m) => removal.push(m),
                        None => ok = false,
                    }
                }
            }
            if !ok {
                continue;
            }
            let in_s = removal.iter().filter(|&&m| self.slot[m] == s).count();
            if self.count[s] - in_s >= p.tables {
                let lightest = match self.lightest_movable(s) {
                    Some(m) if !removal.contains(&m) => Some(m),
                    _ => self.in_slot[s]
                        .iter()
                        .copied()
                        .filter(|m| !self.fixed[*m] && !removal.contains(m))
                        .min_by_key(|&m| (p.edges[m].w, m)),
                };
                match lightest {
                    Some(m) => removal.push(m),
                    None => continue,
                }
            }
            let loss: i64 = removal.iter().map(|&m| p.edges[m].w).sum();
            if loss >= w {
                continue;
            }
            let before = self.weight;
            let mark = self.mark();
            for &m in &removal {
                self.remove(m);
            }
            if self.feasible(e) & (1 << s) == 0 {
                self.rollback(mark);
                continue;
            }
            self.place(e, s);
            removal.sort_by_key(|&m| (std::cmp::Reverse(p.edges[m].w), m));
            for &m in &removal {
                self.insert_with_moves(m);
            }
            if self.weight > before {
                return true;
            }
            self.rollback(mark);
        }
        false
    }

    /// The lightest movable meeting in slot `s`, cached until the slot changes.
    fn lightest_movable(&mut self, s: usize) -> Option<usize> {
        if self.lightest_in_slot[s] == DIRTY {
            self.lightest_in_slot[s] = self.in_slot[s]
                .iter()
                .copied()
                .filter(|&m| !self.fixed[m])
                .min_by_key(|&m| (self.p.edges[m].w, m))
                .unwrap_or(NONE);
        }
        let m = self.lightest_in_slot[s];
        (m != NONE).then_some(m)
    }

    /// The lightest movable meeting of `v` not already in `except`.
    fn lightest(&self, v: usize, except: &[usize]) -> Option<usize> {
        (0..self.p.slots)
            .map(|s| self.meeting_at(v, s))
            .filter(|&m| m != NONE && !self.fixed[m] && !except.contains(&m))
            .min_by_key(|&m| (self.p.edges[m].w, m))
    }

    /// One pass over the unscheduled pairs, heaviest first: insert, else eject.
    fn improve(&mut self, order: &[usize]) -> bool {
        let mut any = false;
        for &e in order {
            if self.slot[e] == NONE && (self.insert_with_moves(e) || self.eject_for(e)) {
                any = true;
            }
            // Top level: nothing to roll back to, so the journal need not grow.
            if let Some(j) = &mut self.journal {
                j.clear();
            }
        }
        any
    }

    /// Moves meetings to other feasible slots while that lowers the idle gaps; with `free_order`
    /// (full availability, nothing fixed) whole slots are also swapped.
    pub fn reduce_gaps(&mut self, free_order: bool) {
        let p = self.p;
        if free_order {
            self.permute_slots();
        }
        for _ in 0..8 {
            let mut improved = false;
            for e in 0..p.edges.len() {
                if self.slot[e] == NONE || self.fixed[e] {
                    continue;
                }
                let edge = &p.edges[e];
                let (a, b, s) = (edge.a, edge.b, self.slot[e]);
                let before = p.idle(self.busy[a]) + p.idle(self.busy[b]);
                self.remove(e);
                let mask = self.feasible(e);
                let mut best = (before, s);
                let mut m = mask;
                while m != 0 {
                    let t = m.trailing_zeros() as usize;
                    m &= m - 1;
                    let g = p.idle(self.busy[a] | 1 << t) + p.idle(self.busy[b] | 1 << t);
                    if g < best.0 {
                        best = (g, t);
                    }
                }
                self.place(e, best.1);
                improved |= best.1 != s;
            }
            if !improved {
                break;
            }
        }
    }

    /// Relabels whole slots (hill climbing on swaps of two slots) to lower the idle gaps. Valid
    /// only when every participant is available in every slot and nothing is fixed.
    fn permute_slots(&mut self) {
        let t = self.p.slots;
        let p = self.p;
        let total = |busy: &[u64]| busy.iter().map(|&m| p.idle(m)).sum::<usize>();
        let swap_bits = |m: u64, i: usize, j: usize| {
            let bi = (m >> i) & 1;
            let bj = (m >> j) & 1;
            let m = m & !(1 << i) & !(1 << j);
            m | bi << j | bj << i
        };
        let mut perm: Vec<usize> = (0..t).collect();
        let mut busy = self.busy.clone();
        let mut current = total(&busy);
        for _ in 0..4 {
            let mut improved = false;
            for i in 0..t {
                for j in i + 1..t {
                    let trial: Vec<u64> = busy.iter().map(|&m| swap_bits(m, i, j)).collect();
                    let g = total(&trial);
                    if g < current {
                        current = g;
                        busy = trial;
                        perm.swap(i, j);
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
        // perm[new position] = old slot: move every meeting of old slot perm[k] to slot k.
        let moves: Vec<(usize, usize)> =
            (0..t).flat_map(|k| self.in_slot[perm[k]].iter().map(move |&e| (e, k)).collect::<Vec<_>>()).collect();
        for &(e, _) in &moves {
            self.remove(e);
        }
        for (e, k) in moves {
            self.place(e, k);
        }
    }
}

/// The greedy baseline: pairs by decreasing weight, each in the first slot free for both with a
/// free table.
pub fn greedy(p: &Problem) -> Vec<Option<usize>> {
    let mut st = State::new(p);
    for e in by_weight(p) {
        let mask = st.feasible(e);
        if mask != 0 {
            st.place(e, mask.trailing_zeros() as usize);
        }
    }
    st.slots_of_edges()
}

fn by_weight(p: &Problem) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.edges.len()).collect();
    order.sort_by_key(|&e| (std::cmp::Reverse(p.edges[e].w), e));
    order
}

/// Builds and improves a schedule; `used` is the relaxation's use of every pair (0–2).
pub fn search(p: &Problem, used: &[u8], opts: Options) -> Vec<Option<usize>> {
    let order = by_weight(p);
    let mut hinted = order.clone();
    hinted.sort_by_key(|&e| std::cmp::Reverse(used[e]));

    // Build from the relaxation's pairs first, then every other pair by weight.
    let mut st = State::new(p);
    for &e in &hinted {
        if used[e] == 0 {
            break;
        }
        if st.slot[e] == NONE {
            st.insert_with_moves(e);
        }
    }
    tracing::debug!(weight = st.weight, "schedule: constructed");
    for _ in 0..20 {
        if !st.improve(&order) {
            break;
        }
    }
    tracing::debug!(weight = st.weight, "schedule: improved");
    perturb(&mut st, &order, opts);
    tracing::debug!(weight = st.weight, "schedule: perturbed");
    // Never worse than the greedy baseline.
    let base = State::from_slots(p, &greedy(p));
    if base.weight > st.weight { base.slots_of_edges() } else { st.slots_of_edges() }
}

/// Iterated local search: remove the meetings of a random participant, re-fill around it, keep
/// the result unless the total weight fell.
fn perturb(st: &mut State, order: &[usize], opts: Options) {
    let p = st.p;
    let n = p.ids.len();
    if n == 0 || p.edges.is_empty() {
        return;
    }
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &e in order {
        incident[p.edges[e].a].push(e);
        incident[p.edges[e].b].push(e);
    }
    let mut rng = Rng(opts.seed ^ 0x6b65_746e_6f69);
    let rounds = 2_000 * opts.effort.max(1) as usize;
    for _ in 0..rounds {
        let v = rng.below(n);
        let victims: Vec<usize> =
            (0..p.slots).map(|s| st.meeting_at(v, s)).filter(|&m| m != NONE && !st.fixed[m]).collect();
        if victims.is_empty() {
            continue;
        }
        let before = st.weight;
        let mark = st.mark();
        let k = 1 + rng.below(victims.len().min(3));
        let mut touched = vec![v];
        for i in 0..k {
            let m = victims[(i + rng.below(victims.len())) % victims.len()];
            if st.slot[m] != NONE {
                touched.push(p.edges[m].a);
                touched.push(p.edges[m].b);
                st.remove(m);
            }
        }
        let mut local: Vec<usize> = touched.iter().flat_map(|&u| incident[u].iter().copied()).collect();
        local.sort_by_key(|&e| (std::cmp::Reverse(p.edges[e].w), e));
        local.dedup();
        // Re-fill in a shuffled-but-heavy-first order so different rounds explore differently.
        for i in (1..local.len()).rev() {
            if rng.below(4) == 0 {
                let j = rng.below(i + 1);
                local.swap(i, j);
            }
        }
        for &e in &local {
            if st.slot[e] == NONE {
                st.insert_with_moves(e);
            }
        }
        for &e in &local {
            if st.slot[e] == NONE {
                st.eject_for(e);
            }
        }
        if st.weight < before {
            st.rollback(mark);
        }
        // Keep the journal from growing without bound.
        if let Some(j) = &mut st.journal {
            j.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_count_holes_between_meetings() {
        assert_eq!(gaps_of(0), 0);
        assert_eq!(gaps_of(0b1), 0);
        assert_eq!(gaps_of(0b1011), 1);
        assert_eq!(gaps_of(0b1000_0001), 6);
    }
}
