"""CP-SAT reference for ketnoi's meeting scheduler (see scripts/cpsat-schedule)."""
import json
import pathlib
import sys
import time

from ortools.sat.python import cp_model


def blocks_of(inst):
    slots = inst["slots"]
    pauses = set(inst.get("pauses_after", []))
    blocks, start = [], 0
    for s in range(slots):
        if s in pauses or s == slots - 1:
            blocks.append(list(range(start, s + 1)))
            start = s + 1
    return blocks


def model(inst, min_meetings=None):
    m = cp_model.CpModel()
    slots, tables = inst["slots"], inst["tables"]
    avail = {p["id"]: set(p.get("available", range(slots))) for p in inst["participants"]}
    cap = {p["id"]: p.get("max_meetings", slots) for p in inst["participants"]}
    locks = {(l["a"], l["b"]): l["slot"] for l in inst.get("locked", [])}
    x = {}
    placed = []
    for i, c in enumerate(inst["candidates"]):
        allowed = set(c.get("slots", range(slots))) & avail[c["a"]] & avail[c["b"]]
        lock = locks.get((c["a"], c["b"]), locks.get((c["b"], c["a"])))
        vs = []
        for s in sorted(allowed):
            v = m.NewBoolVar(f"x{i}_{s}")
            x[i, s] = v
            vs.append(v)
            if lock is not None:
                m.Add(v == (1 if s == lock else 0))
        y = m.NewBoolVar(f"y{i}")
        m.Add(sum(vs) == y)
        placed.append(y)
    by_person = {}
    for (i, s), v in x.items():
        c = inst["candidates"][i]
        for who in (c["a"], c["b"]):
            by_person.setdefault(who, {}).setdefault(s, []).append(v)
    busy = {}
    for who, per_slot in by_person.items():
        for s in range(slots):
            vs = per_slot.get(s, [])
            b = m.NewBoolVar(f"b_{who}_{s}")
            m.Add(sum(vs) == b) if vs else m.Add(b == 0)
            busy[who, s] = b
        m.Add(sum(busy[who, s] for s in range(slots)) <= cap[who])
    for s in range(slots):
        m.Add(sum(v for (i, t), v in x.items() if t == s) <= tables)
    idle = []
    for who in by_person:
        for block in blocks_of(inst):
            before, after = {}, {}
            for k, s in enumerate(block):
                before[s] = m.NewBoolVar("")
                if k > 0:
                    prev = block[k - 1]
                    m.Add(before[s] >= before[prev])
                    m.Add(before[s] >= busy[who, prev])
                else:
                    m.Add(before[s] == 0)
            for k, s in reversed(list(enumerate(block))):
                after[s] = m.NewBoolVar("")
                if k < len(block) - 1:
                    nxt = block[k + 1]
                    m.Add(after[s] >= after[nxt])
                    m.Add(after[s] >= busy[who, nxt])
                else:
                    m.Add(after[s] == 0)
            for s in block:
                z = m.NewBoolVar("")
                m.Add(z >= before[s] + after[s] - busy[who, s] - 1)
                idle.append(z)
    total_placed = sum(placed)
    if min_meetings is None:
        m.Maximize(total_placed)
    else:
        m.Add(total_placed >= min_meetings)
        m.Minimize(sum(idle))
    return m, total_placed, idle


def solve(inst, seconds):
    started = time.time()
    # Phase 1: the most meetings (a quarter of the time at most).
    m, total, _ = model(inst)
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = seconds / 4
    s.parameters.num_workers = 2
    st = s.Solve(m)
    most = int(s.Value(total)) if st in (cp_model.OPTIMAL, cp_model.FEASIBLE) else 0
    most_proven = st == cp_model.OPTIMAL
    # Phase 2: with that many meetings, the least idle time.
    m, total, idle = model(inst, most)
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(1.0, seconds - (time.time() - started))
    s.parameters.num_workers = 2
    st = s.Solve(m)
    ok = st in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {
        "meetings": most,
        "meetings_proven": most_proven,
        "idle": int(s.ObjectiveValue()) if ok else None,
        "idle_bound": int(s.BestObjectiveBound()) if ok else None,
        "idle_proven": st == cp_model.OPTIMAL,
        "seconds": round(time.time() - started, 1),
    }


def main():
    folder, seconds, out = pathlib.Path(sys.argv[1]), float(sys.argv[2]), pathlib.Path(sys.argv[3])
    results = json.loads(out.read_text()) if out.exists() else {}
    for f in sorted(folder.glob("*.json")):
        inst = json.loads(f.read_text())
        r = solve(inst, seconds)
        results[f.stem] = r
        print(f.stem, r, flush=True)
        out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    meta = {"solver": "OR-Tools CP-SAT", "seconds_per_instance": seconds, "workers": 2,
            "command": f"scripts/cpsat-schedule {folder} {int(seconds)}"}
    results["_about"] = meta
    out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
