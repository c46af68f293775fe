//! The schedule instance: any JSON checked into a problem and, when valid, solved (the answer
//! must pass the schedule's own check).

use ketnoi::matching::schedule::{self, Instance, Problem};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Ok(inst) = serde_json::from_slice::<Instance>(data) else { return };
        let Ok(p) = Problem::new(&inst) else { return };
        // Bounded: the fuzzer looks for crashes, not for the solver's limits.
        if p.all_slots() > 64 || inst.participants.len() > 64 || inst.candidates.len() > 256 {
            return;
        }
        let sol = schedule::solve(&p, schedule::Options { seed: 1, effort: 1 });
        if let Err(e) = schedule::check(&p, &sol.meetings) {
            panic!("the solver's answer breaks the rules: {e}");
        }
    });
}
