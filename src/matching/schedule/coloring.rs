//! Proper edge colouring of a bipartite graph with Δ colours (König's theorem), made equitable
//! so that no colour class — no time slot — holds more meetings than there are tables.

const NONE: usize = usize::MAX;

/// Edge colouring state: `at[v][c]` is the edge of colour `c` at vertex `v`, if any.
struct Coloring<'a> {
    edges: &'a [(usize, usize)],
    color: Vec<usize>,
    at: Vec<Vec<usize>>,
}

impl<'a> Coloring<'a> {
    fn other(&self, e: usize, v: usize) -> usize {
        let (a, b) = self.edges[e];
        if a == v { b } else { a }
    }

    fn set(&mut self, e: usize, c: usize) {
        let (a, b) = self.edges[e];
        self.color[e] = c;
        self.at[a][c] = e;
        self.at[b][c] = e;
    }

    fn unset(&mut self, e: usize) {
        let (a, b) = self.edges[e];
        let c = self.color[e];
        self.at[a][c] = NONE;
        self.at[b][c] = NONE;
        self.color[e] = NONE;
    }

    /// The maximal path from `start` whose edges alternate colours `first`, `second`, ….
    fn alternating_path(&self, start: usize, first: usize, second: usize) -> Vec<usize> {
        let mut path = Vec::new();
        let (mut v, mut c) = (start, first);
        loop {
            let e = self.at[v][c];
            if e == NONE {
                return path;
            }
            path.push(e);
            v = self.other(e, v);
            c = if c == first { second } else { first };
        }
    }

    /// Swaps colours `a` and `b` on the edges of `path`.
    fn flip(&mut self, path: &[usize], a: usize, b: usize) {
        let colors: Vec<usize> = path.iter().map(|&e| self.color[e]).collect();
        for &e in path {
            self.unset(e);
        }
        for (&e, &c) in path.iter().zip(&colors) {
            self.set(e, if c == a { b } else { a });
        }
    }
}

/// Colours the edges of a bipartite graph on `n` vertices with `colors` colours so that no vertex
/// has two edges of one colour and every colour is used by at most `max_per_color` edges.
/// Returns `None` if a vertex has more than `colors` edges or `edges.len() > colors * max_per_color`
/// (then no such colouring exists); the graph must be bipartite.
pub fn equitable_bipartite(
    n: usize,
    edges: &[(usize, usize)],
    colors: usize,
    max_per_color: usize,
) -> Option<Vec<usize>> {
    let mut degree = vec![0usize; n];
    for &(a, b) in edges {
        degree[a] += 1;
        degree[b] += 1;
    }
    if degree.iter().any(|&d| d > colors) || edges.len() > colors.saturating_mul(max_per_color) {
        return None;
    }
    let mut g = Coloring { edges, color: vec![NONE; edges.len()], at: vec![vec![NONE; colors]; n] };
    for (e, &(u, v)) in edges.iter().enumerate() {
        let alpha = (0..colors).find(|&c| g.at[u][c] == NONE)?;
        let beta = (0..colors).find(|&c| g.at[v][c] == NONE)?;
        if g.at[v][alpha] != NONE {
            // Kempe chain: in a bipartite graph the α/β path from v never reaches u.
            let path = g.alternating_path(v, alpha, beta);
            g.flip(&path, alpha, beta);
        }
        g.set(e, alpha);
    }
    // Equalise: move one edge at a time from the fullest colour to the emptiest along an
    // alternating path that has one more edge of the fuller colour.
    let target = edges.len().div_ceil(colors.max(1));
    loop {
        let mut count = vec![0usize; colors];
        for &c in &g.color {
            count[c] += 1;
        }
        let (a, &ca) = count.iter().enumerate().max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i)))?;
        let (b, &cb) = count.iter().enumerate().min_by_key(|&(i, c)| (*c, i))?;
        if ca <= target || ca <= cb + 1 {
            break;
        }
        let mut moved = false;
        for v in 0..n {
            if g.at[v][a] != NONE && g.at[v][b] == NONE {
                let path = g.alternating_path(v, a, b);
                if path.len() % 2 == 1 {
                    g.flip(&path, a, b);
                    moved = true;
                    break;
                }
            }
        }
        if !moved {
            break;
        }
    }
    let mut count = vec![0usize; colors];
    for &c in &g.color {
        count[c] += 1;
    }
    (count.iter().all(|&c| c <= max_per_color)).then_some(g.color)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(n: usize, edges: &[(usize, usize)], colors: usize, cap: usize) {
        let col = equitable_bipartite(n, edges, colors, cap).expect("colourable");
        let mut seen = std::collections::HashSet::new();
        let mut count = vec![0; colors];
        for (e, &(a, b)) in edges.iter().enumerate() {
            assert!(seen.insert((a, col[e])) && seen.insert((b, col[e])), "vertex reuses a colour");
            count[col[e]] += 1;
        }
        assert!(count.iter().all(|&c| c <= cap), "{count:?}");
    }

    #[test]
    fn complete_bipartite_needs_exactly_delta_colours() {
        let mut edges = Vec::new();
        for a in 0..5 {
            for b in 5..10 {
                edges.push((a, b));
            }
        }
        check(10, &edges, 5, 5);
        assert!(equitable_bipartite(10, &edges, 4, 10).is_none());
    }

    #[test]
    fn balances_to_the_table_limit() {
        // A star plus a matching: 7 edges in 4 colours, at most 2 per colour.
        let edges = [(0, 4), (0, 5), (0, 6), (1, 7), (2, 8), (3, 9), (1, 8)];
        check(10, &edges, 4, 2);
        assert!(equitable_bipartite(10, &edges, 3, 2).is_none());
    }
}
