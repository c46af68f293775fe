//! Property tests on random instances, an exact integer-programming reference for small ones,
//! rescheduling, and every bad-input case.

use super::generate::{GenOptions, generate};
use super::*;

/// The exact optimum of a small instance by integer programming (microlp's branch and bound).
fn ilp_optimum(p: &Problem) -> f64 {
    use microlp::{ComparisonOp, OptimizationDirection, Problem as Lp};
    let mut lp = Lp::new(OptimizationDirection::Maximize);
    let mut vars = Vec::new(); // (edge, slot, var)
    for (i, e) in p.edges.iter().enumerate() {
        for s in 0..p.slots {
            if p.allowed(i) & (1 << s) != 0 {
                vars.push((i, s, lp.add_binary_var(e.weight)));
            }
        }
    }
    let add = |pred: &dyn Fn(usize, usize) -> bool, rhs: f64, lp: &mut Lp| {
        let terms: Vec<_> = vars.iter().filter(|(i, s, _)| pred(*i, *s)).map(|(_, _, v)| (*v, 1.0)).collect();
        if !terms.is_empty() {
            lp.add_constraint(&terms, ComparisonOp::Le, rhs);
        }
    };
    for i in 0..p.edges.len() {
        add(&|e, _| e == i, 1.0, &mut lp);
    }
    for v in 0..p.ids.len() {
        for s in 0..p.slots {
            add(&|e, t| t == s && (p.edges[e].a == v || p.edges[e].b == v), 1.0, &mut lp);
        }
        add(&|e, _| p.edges[e].a == v || p.edges[e].b == v, p.cap[v] as f64, &mut lp);
    }
    for s in 0..p.slots {
        add(&|_, t| t == s, p.tables as f64, &mut lp);
    }
    for f in &p.fixed {
        let terms: Vec<_> =
            vars.iter().filter(|(i, s, _)| *i == f.edge && *s == f.slot).map(|(_, _, v)| (*v, 1.0)).collect();
        lp.add_constraint(&terms, ComparisonOp::Ge, 1.0);
    }
    let outcome = lp.solve().expect("the reference ILP solves");
    assert!(outcome.is_optimal(), "the reference must be proven optimal: {outcome:?}");
    match outcome {
        microlp::SolveOutcome::Solution(sol) => sol.objective(),
        other => panic!("the reference ILP did not finish: {other:?}"),
    }
}

fn weight_of(p: &Problem, meetings: &[(usize, usize, usize)]) -> f64 {
    meetings.iter().map(|&(e, _, _)| p.edges[e].weight).sum()
}

fn small(seed: u64) -> GenOptions {
    let participants = 8 + (seed % 5) as usize * 3; // 8..20
    GenOptions {
        seed,
        participants,
        slots: 3 + (seed % 3) as usize,
        tables: 2 + (seed % 4) as usize,
        pairs: participants * 2,
        general: seed % 2 == 1,
        windows: if seed.is_multiple_of(3) { 0.0 } else { 0.4 },
        caps: if seed.is_multiple_of(4) { 0.0 } else { 0.3 },
        locks: (seed % 3) as usize,
        // Some instances with a break and meetings tied to a block.
        pauses_after: if seed % 4 == 1 { vec![1] } else { vec![] },
        blocks: if seed % 4 == 1 { 0.4 } else { 0.0 },
    }
}

#[test]
fn every_constraint_holds_and_never_below_greedy() {
    for seed in 0..60 {
        let mut o = small(seed);
        if seed % 5 == 0 {
            o.participants = 60;
            o.pairs = 300;
            o.slots = 8;
        }
        let p = Problem::new(&generate(&o)).unwrap();
        let sol = solve(&p, Options::default());
        check(&p, &sol.meetings).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let greedy_state = search::State::from_slots(&p, &greedy(&p));
        assert!(sol.weight >= greedy_state.weight, "seed {seed}: below greedy");
        assert!(sol.weight <= sol.bound, "seed {seed}: above its own bound");
    }
}

#[test]
fn near_optimal_against_the_exact_reference() {
    let mut worst = 1.0f64;
    for seed in 0..40 {
        let p = Problem::new(&generate(&small(seed))).unwrap();
        let sol = solve(&p, Options::default());
        let ours = weight_of(&p, &sol.meetings);
        let opt = ilp_optimum(&p);
        let bound = output(&p, &sol, 0.0, None).upper_bound;
        assert!(bound + 1e-6 >= opt, "seed {seed}: the bound {bound} is below the optimum {opt}");
        assert!(ours <= opt + 1e-6, "seed {seed}: {ours} beats the optimum {opt}?");
        worst = worst.min(ours / opt);
        eprintln!("seed {seed}: {:.4}", ours / opt);
        assert!(ours >= 0.99 * opt, "seed {seed}: {ours} < 0.99 × {opt}");
    }
    eprintln!("worst ratio to the exact optimum: {worst:.4}");
}

#[test]
fn bipartite_full_availability_is_exact() {
    for seed in 0..30 {
        let o = GenOptions {
            seed,
            participants: 10 + (seed % 7) as usize * 2,
            slots: 2 + (seed % 4) as usize,
            tables: 1 + (seed % 5) as usize,
            pairs: 30,
            caps: if seed % 2 == 0 { 0.5 } else { 0.0 },
            ..GenOptions::default()
        };
        let p = Problem::new(&generate(&o)).unwrap();
        let sol = solve(&p, Options::default());
        check(&p, &sol.meetings).unwrap();
        assert_eq!(sol.weight, sol.bound, "seed {seed}: flow optimum not reached");
        let out = output(&p, &sol, 0.0, None);
        assert!(out.optimal);
        let opt = ilp_optimum(&p);
        assert!((out.total_weight - opt).abs() < 1e-6, "seed {seed}: {} vs exact {opt}", out.total_weight);
    }
}

#[test]
fn large_bipartite_is_optimal() {
    let o = GenOptions { seed: 7, participants: 300, slots: 12, tables: 40, pairs: 4000, ..GenOptions::default() };
    let p = Problem::new(&generate(&o)).unwrap();
    let sol = solve(&p, Options::default());
    check(&p, &sol.meetings).unwrap();
    assert_eq!(sol.weight, sol.bound);
    assert_eq!(sol.meetings.len(), 12 * 40, "tables are scarce: every table is used");
}

#[test]
fn deterministic_for_a_seed() {
    let o = GenOptions {
        seed: 3,
        participants: 80,
        slots: 8,
        tables: 12,
        pairs: 500,
        windows: 0.5,
        caps: 0.3,
        locks: 5,
        general: true,
        pauses_after: vec![3],
        blocks: 0.3,
    };
    let p = Problem::new(&generate(&o)).unwrap();
    let a = solve(&p, Options { seed: 9, effort: 1 });
    let b = solve(&p, Options { seed: 9, effort: 1 });
    assert_eq!(a, b);
    assert_eq!(generate(&o).candidates.len(), generate(&o).candidates.len());
}

#[test]
fn idle_gaps_are_closed_when_weight_allows() {
    // One need holder, three offer holders, five slots, plenty of tables: three meetings in a row.
    let inst: Instance = serde_json::from_value(serde_json::json!({
        "slots": 5, "tables": 3,
        "participants": [{"id": "n"}, {"id": "o1"}, {"id": "o2"}, {"id": "o3"}],
        "candidates": [{"a": "n", "b": "o1", "weight": 3}, {"a": "n", "b": "o2", "weight": 2}, {"a": "n", "b": "o3", "weight": 1}]
    }))
    .unwrap();
    let p = Problem::new(&inst).unwrap();
    let sol = solve(&p, Options::default());
    assert_eq!(sol.meetings.len(), 3);
    assert_eq!(idle_gaps(&p, &sol.meetings), 0);
    // With windows (general path) too.
    let inst: Instance = serde_json::from_value(serde_json::json!({
        "slots": 6, "tables": 1,
        "participants": [{"id": "n", "available": [0, 1, 2, 3, 4, 5]}, {"id": "o1", "available": [0, 5]}, {"id": "o2"}],
        "candidates": [{"a": "n", "b": "o1", "weight": 3}, {"a": "n", "b": "o2", "weight": 2}]
    }))
    .unwrap();
    let p = Problem::new(&inst).unwrap();
    let sol = solve(&p, Options::default());
    assert_eq!(sol.meetings.len(), 2);
    assert_eq!(idle_gaps(&p, &sol.meetings), 0, "{:?}", sol.meetings);
}

#[test]
fn locks_are_kept() {
    for seed in 0..20 {
        let o = GenOptions {
            seed,
            participants: 30,
            slots: 6,
            tables: 4,
            pairs: 90,
            locks: 6,
            windows: 0.3,
            ..GenOptions::default()
        };
        let inst = generate(&o);
        assert!(!inst.locked.is_empty());
        let p = Problem::new(&inst).unwrap();
        let sol = solve(&p, Options::default());
        check(&p, &sol.meetings).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    }
}

#[test]
fn rescheduling_keeps_every_meeting_still_valid() {
    for seed in 0..15 {
        let o = GenOptions {
            seed,
            participants: 40,
            slots: 6,
            tables: 8,
            pairs: 150,
            windows: 0.3,
            caps: 0.2,
            ..GenOptions::default()
        };
        let mut inst = generate(&o);
        let p = Problem::new(&inst).unwrap();
        let first = output(&p, &solve(&p, Options::default()), 0.0, None);
        // Changes: a pair cancelled, a participant withdrawn, new pairs, an availability narrowed.
        let cancelled = (first.meetings[0].a.clone(), first.meetings[0].b.clone());
        inst.candidates.retain(|c| !(c.a == cancelled.0 && c.b == cancelled.1));
        let withdrawn = first.meetings[first.meetings.len() / 2].a.clone();
        inst.participants.retain(|x| x.id != withdrawn);
        inst.candidates.retain(|c| c.a != withdrawn && c.b != withdrawn);
        let narrowed = inst.participants[3].id.clone();
        inst.participants[3].available = Some(vec![0, 1]);
        inst.candidates.push(CandidateIn {
            a: inst.participants[0].id.clone(),
            b: inst.participants[39 - 2].id.clone(),
            weight: 500.0,
            slots: None,
        });
        inst.candidates.dedup_by(|x, y| x.a == y.a && x.b == y.b);
        let Ok(mut p2) = Problem::new(&inst) else { continue };
        let prev = PreviousSchedule {
            meetings: first
                .meetings
                .iter()
                .map(|m| PreviousMeeting {
                    a: m.a.clone(),
                    b: m.b.clone(),
                    slot: m.slot as i64,
                    table: Some(m.table as i64),
                })
                .collect(),
        };
        let kept = p2.keep_previous(&prev);
        let second = output(&p2, &solve(&p2, Options::default()), 0.0, Some(kept));
        let still_valid: Vec<&MeetingOut> = first
            .meetings
            .iter()
            .filter(|m| (m.a.clone(), m.b.clone()) != cancelled && m.a != withdrawn && m.b != withdrawn)
            .filter(|m| !(m.a == narrowed || m.b == narrowed) || m.slot <= 1)
            .collect();
        assert_eq!(kept, still_valid.len(), "seed {seed}");
        for m in still_valid {
            assert!(second.meetings.contains(m), "seed {seed}: {m:?} moved or dropped");
        }
        let ids: Vec<(usize, usize, usize)> = second
            .meetings
            .iter()
            .map(|m| {
                let e = p2.edges.iter().position(|e| p2.ids[e.a] == m.a && p2.ids[e.b] == m.b).unwrap();
                (e, m.slot, m.table)
            })
            .collect();
        check(&p2, &ids).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert!(second.meetings.len() >= kept);
    }
}

fn err(v: serde_json::Value) -> String {
    let inst: Instance = serde_json::from_value(v).expect("well-formed JSON");
    Problem::new(&inst).expect_err("must be refused").0
}

#[test]
fn bad_input_names_the_item() {
    let base = |extra: serde_json::Value| {
        let mut v = serde_json::json!({
            "slots": 4, "tables": 2,
            "participants": [{"id": "an"}, {"id": "binh"}, {"id": "chi"}],
            "candidates": [{"a": "an", "b": "binh", "weight": 2.5}]
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let cases = [
        (base(serde_json::json!({"slots": 0})), "slots"),
        (base(serde_json::json!({"slots": 65})), "slots"),
        (base(serde_json::json!({"tables": 0})), "tables"),
        // Found by fuzzing: a table count that the numbering of tables cannot hold in memory.
        (base(serde_json::json!({"tables": 111_111_111_111_111_i64})), "tables must be between 1 and 10000"),
        (base(serde_json::json!({"participants": [{"id": "an"}, {"id": "an"}]})), "\"an\" appears more than once"),
        (base(serde_json::json!({"participants": [{"id": ""}]})), "empty id"),
        (
            base(serde_json::json!({"participants": [{"id": "an", "available": [0, 4]}, {"id": "binh"}]})),
            "\"an\": available slot 4",
        ),
        (
            base(serde_json::json!({"participants": [{"id": "an", "max_meetings": -1}, {"id": "binh"}]})),
            "max_meetings -1",
        ),
        (
            base(serde_json::json!({"candidates": [{"a": "an", "b": "zoe", "weight": 1}]})),
            "unknown participant \"zoe\"",
        ),
        (base(serde_json::json!({"candidates": [{"a": "an", "b": "an", "weight": 1}]})), "itself"),
        (base(serde_json::json!({"candidates": [{"a": "an", "b": "binh", "weight": 0}]})), "weight 0"),
        (base(serde_json::json!({"candidates": [{"a": "an", "b": "binh", "weight": -2}]})), "weight -2"),
        (
            base(serde_json::json!({"candidates": [{"a": "an", "b": "binh", "weight": 1, "slots": [0, 9]}]})),
            "slot 9 is outside 0..3",
        ),
        (
            base(serde_json::json!({"candidates": [{"a": "an", "b": "binh", "weight": 1, "slots": []}]})),
            "its list of slots is empty",
        ),
        (
            base(serde_json::json!({
                "candidates": [{"a": "an", "b": "binh", "weight": 1, "slots": [2, 3]}],
                "locked": [{"a": "an", "b": "binh", "slot": 0}]
            })),
            "outside the slots the pair's meeting may take",
        ),
        (
            base(
                serde_json::json!({"locked": [{"a": "an", "b": "binh", "slot": 0}, {"a": "binh", "b": "an", "slot": 1}]}),
            ),
            "locked more times than it is listed",
        ),
        (base(serde_json::json!({"pauses_after": [4]})), "pauses_after: slot 4 is outside 0..3"),
        (base(serde_json::json!({"pauses_after": [-1]})), "pauses_after: slot -1"),
        (base(serde_json::json!({"locked": [{"a": "an", "b": "binh", "slot": 9}]})), "slot is outside"),
        (base(serde_json::json!({"locked": [{"a": "an", "b": "chi", "slot": 0}]})), "not a candidate pair"),
        (base(serde_json::json!({"locked": [{"a": "an", "b": "ghost", "slot": 0}]})), "unknown participant \"ghost\""),
        (
            base(serde_json::json!({
                "participants": [{"id": "an", "available": [1]}, {"id": "binh"}],
                "locked": [{"a": "an", "b": "binh", "slot": 0}]
            })),
            "\"an\" is not available in slot 0",
        ),
        (
            base(serde_json::json!({
                "candidates": [{"a": "an", "b": "binh", "weight": 1}, {"a": "an", "b": "chi", "weight": 1}],
                "locked": [{"a": "an", "b": "binh", "slot": 1}, {"a": "an", "b": "chi", "slot": 1}]
            })),
            "already has a locked meeting in slot 1",
        ),
        (
            base(serde_json::json!({
                "tables": 1,
                "participants": [{"id": "an"}, {"id": "binh"}, {"id": "chi"}, {"id": "dung"}],
                "candidates": [{"a": "an", "b": "binh", "weight": 1}, {"a": "chi", "b": "dung", "weight": 1}],
                "locked": [{"a": "an", "b": "binh", "slot": 2}, {"a": "chi", "b": "dung", "slot": 2}]
            })),
            "slot 2 already holds 1 locked meetings",
        ),
        (
            base(serde_json::json!({
                "participants": [{"id": "an", "max_meetings": 0}, {"id": "binh"}],
                "locked": [{"a": "an", "b": "binh", "slot": 0}]
            })),
            "exceed max_meetings",
        ),
    ];
    for (v, expected) in cases {
        let msg = err(v.clone());
        assert!(msg.contains(expected), "{v}\n→ {msg}\n(expected {expected:?})");
    }
    // Not representable in JSON, but reachable through the library.
    let mut inst: Instance = serde_json::from_value(base(serde_json::json!({}))).unwrap();
    inst.candidates[0].weight = f64::NAN;
    assert!(Problem::new(&inst).unwrap_err().0.contains("positive and finite"));
    inst.candidates[0].weight = f64::INFINITY;
    assert!(Problem::new(&inst).is_err());
}

#[test]
fn empty_and_degenerate_instances() {
    let inst: Instance =
        serde_json::from_value(serde_json::json!({"slots": 1, "tables": 1, "participants": [], "candidates": []}))
            .unwrap();
    let p = Problem::new(&inst).unwrap();
    let sol = solve(&p, Options::default());
    assert!(sol.meetings.is_empty());
    assert!(output(&p, &sol, 0.0, None).optimal);
}

#[test]
fn near_optimal_up_to_sixty_participants() {
    for seed in 0..24u64 {
        let o = GenOptions {
            seed: 100 + seed,
            participants: 40 + (seed as usize % 3) * 10,
            slots: 6,
            // Scarce tables, then tables that never bind (only availability and people do).
            tables: if seed % 2 == 0 { 5 + (seed as usize % 3) * 3 } else { 30 },
            pairs: 240,
            general: seed % 2 == 1,
            windows: 0.4,
            caps: 0.3,
            locks: 2,
            pauses_after: vec![],
            blocks: 0.0,
        };
        let p = Problem::new(&generate(&o)).unwrap();
        let sol = solve(&p, Options::default());
        let ours = weight_of(&p, &sol.meetings);
        let t = std::time::Instant::now();
        let opt = ilp_optimum(&p);
        eprintln!(
            "{} participants: {:.4} of the optimum (ILP {:.2}s)",
            o.participants,
            ours / opt,
            t.elapsed().as_secs_f64()
        );
        assert!(ours >= 0.99 * opt, "seed {seed}: {ours} < 0.99 × {opt}");
        assert!(output(&p, &sol, 0.0, None).upper_bound + 1e-6 >= opt);
    }
}

#[test]
fn a_pair_listed_twice_meets_twice() {
    let inst: Instance = serde_json::from_value(serde_json::json!({
        "slots": 4, "tables": 2,
        "participants": [{"id": "an"}, {"id": "binh"}],
        "candidates": [{"a": "an", "b": "binh", "weight": 1}, {"a": "binh", "b": "an", "weight": 1}],
        "locked": [{"a": "an", "b": "binh", "slot": 3}]
    }))
    .unwrap();
    let p = Problem::new(&inst).unwrap();
    let sol = solve(&p, Options::default());
    check(&p, &sol.meetings).unwrap();
    let slots: Vec<usize> = sol.meetings.iter().map(|&(_, s, _)| s).collect();
    assert_eq!(slots.len(), 2, "two meetings");
    assert!(slots.contains(&3) && slots.contains(&2), "the lock kept, the other meeting next to it: {slots:?}");
}

/// Meetings tied to a block and a planned break: every constraint holds, and with every meeting
/// placed the idle time is never above the greedy baseline's (first free slot, pair by pair).
#[test]
fn blocks_and_breaks_hold_and_idle_time_beats_greedy() {
    let mut compared = 0;
    for seed in 0..30u64 {
        let o = GenOptions {
            seed: 500 + seed,
            participants: 30 + (seed as usize % 4) * 10,
            slots: 10 + (seed as usize % 3) * 2,
            tables: 40,
            pairs: 120,
            general: seed % 2 == 0,
            windows: 0.0,
            caps: 0.0,
            locks: (seed % 3) as usize * 3,
            pauses_after: vec![4 + (seed as usize % 2)],
            blocks: 0.5,
        };
        let p = Problem::new(&generate(&o)).unwrap();
        let sol = solve(&p, Options::default());
        check(&p, &sol.meetings).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let g = greedy(&p);
        let greedy_meetings: Vec<(usize, usize, usize)> =
            g.iter().enumerate().filter_map(|(e, s)| s.map(|s| (e, s, 0))).collect();
        assert!(sol.meetings.len() >= greedy_meetings.len(), "seed {seed}: fewer meetings than greedy");
        if sol.meetings.len() == greedy_meetings.len() {
            let (ours, theirs) = (idle_gaps(&p, &sol.meetings), idle_gaps(&p, &greedy_meetings));
            assert!(ours <= theirs, "seed {seed}: idle {ours} > greedy's {theirs}");
            assert!(theirs == 0 || ours < theirs, "seed {seed}: idle {ours}, greedy's {theirs}");
            compared += 1;
        }
        let out = output(&p, &sol, 0.0, None);
        if let Some(bound) = out.idle_lower_bound {
            assert!(bound <= out.idle_gaps, "seed {seed}: the idle bound {bound} is above {}", out.idle_gaps);
        }
        assert!(out.idle_worst <= out.idle_gaps && out.idle_runs <= out.idle_gaps);
    }
    assert!(compared >= 5, "only {compared} instances where greedy placed as many meetings");
}
