"""Every budgeting rule on every election in ../shared/data/pabulib, linli beside pabutools.

For each file and each rule recorded in expected_pabutools.json this times linli's rule and
pabutools' same rule in the same run. Both sides are timed the same way (``timed``): the file is
read and the ballots aggregated once, outside the timing; each rule is called in batches long
enough to time with ``time.perf_counter`` (at least 20 ms), batches are repeated until
``--min-time`` seconds are used (at least three, unless one call takes that long) and the
fastest batch counts, per call. (An earlier version took the fastest single call by CPU time:
on this machine the process CPU clock advances in scheduler ticks, so sub-millisecond calls
often measured 0.) pabutools runs in one subprocess per file (its rules one after the other,
each with a limit of ``--pabutools-limit`` seconds of CPU time, enforced by SIGPROF); rules it
needed longer than the limit for when the reference was recorded (or did not finish then) are
skipped and marked with the recorded time. pabutools' fastest equivalent calls are used:
identical ballots merged (``as_multiprofile``), as the reference was recorded. Loading linli's
compiled MES loops (Numba) happens once per process, before the timings, and is printed.

Run: PYTHONPATH=. .venv/bin/python bench/bench_budgeting_rules.py [--pabutools-limit 60]
     [--only FILE_PREFIX] [--rules mes_cost_add1,...] [--min-time 0.2] [--no-pabutools]
pabutools is a test-only dependency (GPL): it runs in the subprocess only, never in linli.
"""

from __future__ import annotations

import argparse
import inspect
import json
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from linli.budgeting import pabulib, rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "pabulib"

# The pabutools side: one process per file, one JSON line per rule (seconds, repetitions, ids).
PABUTOOLS = r"""
import json, signal, sys, time
from pabutools.election import parse_pabulib, Cost_Sat, Cardinality_Sat, Additive_Cardinal_Sat
from pabutools.election import ApprovalProfile, ApprovalBallot
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.rules import exhaustion_by_budget_increase
path, keys, limit, min_time = sys.argv[1], sys.argv[2].split(","), float(sys.argv[3]), float(sys.argv[4])
instance, profile = parse_pabulib(path)
approvals = profile
if not isinstance(profile, ApprovalProfile):  # every project on the ballot counts as approved
    approvals = ApprovalProfile([ApprovalBallot(list(b)) for b in profile])
started = time.perf_counter()
merged = {"points": profile.as_multiprofile(), "approval": approvals.as_multiprofile()}
print(json.dumps({"key": "_merge", "seconds": time.perf_counter() - started}), flush=True)

class Late(Exception):
    pass

def late(*_):
    raise Late

signal.signal(signal.SIGPROF, late)

def run(key):
    kind, util, *rest = key.split("_")
    sat = {"cost": Cost_Sat, "card": Cardinality_Sat, "points": Additive_Cardinal_Sat}[util]
    prof = merged["points" if util == "points" else "approval"]
    if kind == "greedy":
        return greedy_utilitarian_welfare(instance, prof, sat_class=sat)
    if not rest:
        return method_of_equal_shares(instance, prof, sat_class=sat)
    if rest == ["add1"]:
        out = method_of_equal_shares(instance, prof, sat_class=sat, voter_budget_increment=1)
    else:
        out = exhaustion_by_budget_increase(instance, prof, method_of_equal_shares, {"sat_class": sat})
    return greedy_utilitarian_welfare(instance, prof, sat_class=sat, initial_budget_allocation=out)

exec(sys.argv[5])  # the timer: ``timed`` of the benchmark itself
for key in keys:
    signal.setitimer(signal.ITIMER_PROF, limit)
    try:
        best, reps, out = timed(lambda: run(key), min_time)
    except Late:
        print(json.dumps({"key": key, "timeout": limit}), flush=True)
        continue
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    result = {"key": key, "seconds": best, "reps": reps, "selected": sorted(p.name for p in out)}
    print(json.dumps(result), flush=True)
"""


def timed(call, min_time):
    """Fastest time per call: calls are timed in batches long enough for the clock
    (``time.perf_counter``), batches are repeated until ``min_time`` seconds are used (at least
    three batches, unless one call alone takes that long), and the fastest batch counts.
    Returns (seconds per call, calls made, the last result). The pabutools subprocess runs this
    same function (its source is passed along)."""
    import time

    number, spent, reps, best = 1, 0.0, 0, float("inf")
    while True:
        start = time.perf_counter()
        for _ in range(number):
            out = call()
        took = time.perf_counter() - start
        spent, reps = spent + took, reps + number
        if took < 0.02 and reps < 100_000:  # too short to time well: a longer batch first
            number *= 2 if took * 10 > 0.02 else 10
            continue
        best = min(best, took / number)
        if spent >= min_time and (reps // number >= 3 or took >= min_time):
            return best, reps, out


def linli_rule(budget, projects, approvals, points, key: str) -> list[str]:
    """linli's rule ``key``; ``budget`` is read from the file once, outside the timing, as
    pabutools' instance is."""
    kind, utility_key, *rest = key.split("_")
    utility = {"cost": "cost", "card": "cardinality", "points": "points"}[utility_key]
    profile = points if utility == "points" else approvals
    if kind == "greedy":
        return rules.greedy(projects, budget, profile, utility=utility).selected
    if not rest:
        return rules.equal_shares(projects, budget, profile, utility=utility).selected
    increment = 1 if rest == ["add1"] else budget / approvals.voters / 100
    return rules.equal_shares(
        projects,
        budget,
        profile,
        utility=utility,
        completion="add1u",
        increment=increment,
        exhaustive_over="supported" if rest == ["add1"] else "all",
    ).selected


def pabutools_rules(path: Path, keys: list[str], limit: float, min_time: float) -> dict:
    """pabutools on ``keys`` for one file: {key: result}; a rule over ``limit`` gets
    {"timeout": limit}."""
    if not keys:
        return {}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PABUTOOLS,
            str(path),
            ",".join(keys),
            str(limit),
            str(min_time),
            inspect.getsource(timed),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {r["key"]: r for r in results}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pabutools-limit", type=float, default=60.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--rules", default="")
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--no-pabutools", action="store_true")
    args = parser.parse_args()
    expected = json.loads((DATA / "expected_pabutools.json").read_text())
    started = time.perf_counter()
    rules.load_compiled()
    print(
        f"loading the compiled MES loops, once per process: {time.perf_counter() - started:.2f} s"
    )
    wanted = set(filter(None, args.rules.split(",")))
    worst = (0.0, "", "")
    ratios = []
    print(
        f"{'file':44} {'rule':16} {'linli s':>9} {'calls':>5} {'pabutools s':>11} {'calls':>5}"
        f" {'ratio':>7}  same"
    )
    for entry in expected:
        if not entry["file"].startswith(args.only):
            continue
        path = DATA / entry["file"]
        keys = [k for k in entry["rules"] if not wanted or k in wanted]
        if not keys:
            continue
        pb = pabulib.read_file(path)
        projects = [rules.Project(pid, cost) for pid, cost in pb.costs().items()]
        started = time.perf_counter()
        approvals = rules.Profile.from_approvals(pb.approvals())
        points = rules.Profile.from_points(pb.points()) if pb.vote_type == "cumulative" else None
        merged = time.perf_counter() - started
        runnable = [
            k
            for k in keys
            if entry["rules"][k]["status"] == "ok"
            and entry["rules"][k]["seconds"] <= args.pabutools_limit
        ]
        theirs_all = (
            {}
            if args.no_pabutools
            else pabutools_rules(path, runnable, args.pabutools_limit, args.min_time)
        )
        theirs_merge = theirs_all.get("_merge", {}).get("seconds")
        print(
            f"  (ballots merged once for all rules, not in the times below: linli {merged:.4f} s"
            + (f", pabutools {theirs_merge:.4f} s)" if theirs_merge is not None else ")")
        )
        for key in keys:
            recorded = entry["rules"][key]
            seconds, reps, ours = timed(
                partial(linli_rule, pb.budget, projects, approvals, points, key), args.min_time
            )
            worst = max(worst, (seconds, entry["file"], key))
            theirs = theirs_all.get(key)
            reference = theirs.get("selected") if theirs else None
            reference = reference or recorded.get("selected")
            same = "-" if not reference else ("yes" if sorted(ours) == sorted(reference) else "NO")
            head = f"{entry['file'][:44]:44} {key:16} {seconds:9.6f} {reps:5}"
            if theirs and "seconds" in theirs:
                ratio = theirs["seconds"] / max(seconds, 1e-9)
                ratios.append((ratio, entry["file"], key))
                print(f"{head} {theirs['seconds']:11.6f} {theirs['reps']:5} {ratio:6.0f}x  {same}")
            elif theirs:
                print(
                    f"{head} {'> ' + format(theirs['timeout'], '.0f') + ' s (timeout)':>25}  {same}"
                )
            elif args.no_pabutools:
                print(f"{head} {'not run':>25}  {same}")
            else:
                note = f"not run (recorded: {recorded['status']}, {recorded['seconds']:.0f} s)"
                print(f"{head} {note:>41}  {same}")
            sys.stdout.flush()
    print(f"slowest linli rule: {worst[0]:.3f} s ({worst[1]} {worst[2]})")
    if ratios:
        low = min(ratios)
        print(f"smallest speed-up over pabutools: {low[0]:.1f}x ({low[1]} {low[2]})")
        print(f"median speed-up: {sorted(r for r, _, _ in ratios)[len(ratios) // 2]:.0f}x")
        print(
            f"rules compared side by side: {len(ratios)}, at least 20x: "
            f"{sum(r >= 20 for r, _, _ in ratios)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
