//! Min-cost flow by successive shortest paths (Dijkstra with Johnson potentials), used to solve
//! the maximum-weight b-matching relaxation of a schedule exactly. After each Dijkstra, every
//! shortest path it revealed is used before the next one (primal–dual: augmenting paths made of
//! arcs of zero reduced cost), which cuts the number of Dijkstra runs by an order of magnitude on
//! unit-capacity matching networks.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A flow network with integer capacities and costs.
#[derive(Debug, Clone, Default)]
pub struct FlowNetwork {
    adj: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
}

impl FlowNetwork {
    /// A network of `n` nodes and no arcs.
    pub fn new(n: usize) -> Self {
        Self { adj: vec![Vec::new(); n], ..Self::default() }
    }

    /// Adds an arc and its residual twin; returns the arc's index (the twin is `index ^ 1`).
    pub fn add_arc(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        let i = self.to.len();
        self.adj[from].push(i);
        self.to.push(to);
        self.cap.push(cap);
        self.cost.push(cost);
        self.adj[to].push(i + 1);
        self.to.push(from);
        self.cap.push(0);
        self.cost.push(-cost);
        i
    }

    /// The flow on arc `i`.
    pub fn flow(&self, i: usize) -> i64 {
        self.cap[i ^ 1]
    }

    /// Sends flow from `s` to `t` along cheapest paths for as long as a path costs less than zero,
    /// which yields a minimum-cost flow of any value (here: a maximum-profit one). Returns its cost.
    pub fn min_cost_any_flow(&mut self, s: usize, t: usize) -> i64 {
        let n = self.adj.len();
        // Initial potentials by Bellman–Ford: arcs may have negative costs.
        let mut h = vec![i64::MAX; n];
        h[s] = 0;
        for _ in 0..n {
            let mut changed = false;
            for u in 0..n {
                if h[u] == i64::MAX {
                    continue;
                }
                for &i in &self.adj[u] {
                    if self.cap[i] > 0 && h[u] + self.cost[i] < h[self.to[i]] {
                        h[self.to[i]] = h[u] + self.cost[i];
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for x in h.iter_mut() {
            if *x == i64::MAX {
                *x = 0;
            }
        }
        let mut total = 0i64;
        let mut dist = vec![i64::MAX; n];
        loop {
            dist.iter_mut().for_each(|d| *d = i64::MAX);
            dist[s] = 0;
            let mut heap = BinaryHeap::new();
            heap.push(Reverse((0i64, s)));
            while let Some(Reverse((d, u))) = heap.pop() {
                if d > dist[u] {
                    continue;
                }
                if u == t {
                    // Nodes farther than the sink do not matter for this augmentation.
                    break;
                }
                for &i in &self.adj[u] {
                    if self.cap[i] <= 0 {
                        continue;
                    }
                    let v = self.to[i];
                    let nd = d + self.cost[i] + h[u] - h[v];
                    if nd < dist[v] {
                        dist[v] = nd;
                        heap.push(Reverse((nd, v)));
                    }
                }
            }
            if dist[t] == i64::MAX {
                break;
            }
            let path_cost = dist[t] + h[t] - h[s];
            if path_cost >= 0 {
                break;
            }
            // Potentials stay feasible when every node moves by min(dist, dist[t]).
            let dt = dist[t];
            for v in 0..n {
                h[v] += dist[v].min(dt);
            }
            total += self.augment_shortest(s, t, &h, path_cost);
        }
        total
    }

    /// Sends flow along every path of arcs with zero reduced cost under potentials `h` (each
    /// costs `path_cost`) that a depth-first search with current-arc pointers finds; returns the
    /// cost. Finds at least the path the last Dijkstra run found.
    fn augment_shortest(&mut self, s: usize, t: usize, h: &[i64], path_cost: i64) -> i64 {
        let n = self.adj.len();
        let mut next = vec![0usize; n];
        let mut on_path = vec![false; n];
        let mut total = 0;
        let mut stack: Vec<usize> = Vec::new();
        let mut arcs: Vec<usize> = Vec::new();
        loop {
            stack.clear();
            arcs.clear();
            stack.push(s);
            on_path[s] = true;
            while let Some(&u) = stack.last() {
                if u == t {
                    break;
                }
                let mut advanced = false;
                while next[u] < self.adj[u].len() {
                    let i = self.adj[u][next[u]];
                    let v = self.to[i];
                    if self.cap[i] > 0 && !on_path[v] && self.cost[i] + h[u] - h[v] == 0 {
                        stack.push(v);
                        arcs.push(i);
                        on_path[v] = true;
                        advanced = true;
                        break;
                    }
                    next[u] += 1;
                }
                if !advanced {
                    // A dead end for this round: retreat and skip the arc that led here.
                    on_path[u] = false;
                    stack.pop();
                    arcs.pop();
                    if let Some(&w) = stack.last() {
                        next[w] += 1;
                    }
                }
            }
            for &v in &stack {
                on_path[v] = false;
            }
            if stack.last() != Some(&t) {
                return total;
            }
            let push = arcs.iter().map(|&i| self.cap[i]).min().unwrap_or(0);
            if push <= 0 {
                return total;
            }
            for &i in &arcs {
                self.cap[i] -= push;
                self.cap[i ^ 1] += push;
            }
            total += push * path_cost;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_heavier_matching() {
        // Two left, two right; weights favour the cross pairs: 5 + 5 beats 6 + 1.
        let mut g = FlowNetwork::new(6);
        let (s, t) = (4, 5);
        for v in 0..2 {
            g.add_arc(s, v, 1, 0);
            g.add_arc(2 + v, t, 1, 0);
        }
        let a = g.add_arc(0, 2, 1, -6);
        let b = g.add_arc(0, 3, 1, -5);
        let c = g.add_arc(1, 2, 1, -5);
        let d = g.add_arc(1, 3, 1, -1);
        assert_eq!(g.min_cost_any_flow(s, t), -10);
        assert_eq!((g.flow(a), g.flow(b), g.flow(c), g.flow(d)), (0, 1, 1, 0));
    }

    #[test]
    fn stops_when_more_flow_would_cost() {
        let mut g = FlowNetwork::new(3);
        g.add_arc(0, 1, 5, -2);
        g.add_arc(1, 2, 5, 3);
        assert_eq!(g.min_cost_any_flow(0, 2), 0);
    }
}
