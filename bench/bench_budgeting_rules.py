"""Every budgeting rule on every election in ../shared/data/pabulib, linli beside pabutools.

For each file and each rule recorded in expected_pabutools.json this times linli's rule (the rule
alone: the file is read and the ballots aggregated once per file, and that time is printed too),
then runs the same rule in pabutools in a subprocess with a time limit, skipping the runs that
pabutools needed longer than ``--pabutools-limit`` seconds for when the reference was recorded
(or that did not finish then). It prints both times, the ratio, and whether the funded sets agree.

Run: PYTHONPATH=. .venv/bin/python bench/bench_budgeting_rules.py [--pabutools-limit 60]
     [--only FILE_PREFIX] [--no-pabutools]
pabutools is a test-only dependency (GPL): it runs in the subprocess only, never in linli.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from linli.budgeting import pabulib, rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "pabulib"

# The pabutools side, run as ``python -c`` so a slow run can be killed: prints seconds and ids.
PABUTOOLS = r"""
import json, sys, time
from pabutools.election import parse_pabulib, Cost_Sat, Cardinality_Sat, Additive_Cardinal_Sat
from pabutools.election import ApprovalProfile, ApprovalBallot
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.rules import exhaustion_by_budget_increase
path, key = sys.argv[1], sys.argv[2]
instance, profile = parse_pabulib(path)
kind, util, *rest = key.split("_")
if util == "points":
    sat = Additive_Cardinal_Sat
else:
    sat = {"cost": Cost_Sat, "card": Cardinality_Sat}[util]
    if not isinstance(profile, ApprovalProfile):  # every project on the ballot counts as approved
        profile = ApprovalProfile([ApprovalBallot(list(b)) for b in profile])
profile = profile.as_multiprofile()  # identical ballots once, as the reference was recorded
start = time.perf_counter()
if kind == "greedy":
    out = greedy_utilitarian_welfare(instance, profile, sat_class=sat)
elif not rest:
    out = method_of_equal_shares(instance, profile, sat_class=sat)
else:
    if rest == ["add1"]:
        out = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=1)
    else:
        out = exhaustion_by_budget_increase(
            instance, profile, method_of_equal_shares, {"sat_class": sat}
        )
    out = greedy_utilitarian_welfare(
        instance, profile, sat_class=sat, initial_budget_allocation=out
    )
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "selected": sorted(p.name for p in out)}))
"""


def linli_rule(pb, projects, approvals, points, key: str) -> list[str]:
    kind, utility_key, *rest = key.split("_")
    utility = {"cost": "cost", "card": "cardinality", "points": "points"}[utility_key]
    profile = points if utility == "points" else approvals
    if kind == "greedy":
        return rules.greedy(projects, pb.budget, profile, utility=utility).selected
    if not rest:
        return rules.equal_shares(projects, pb.budget, profile, utility=utility).selected
    increment = 1 if rest == ["add1"] else pb.budget / approvals.voters / 100
    return rules.equal_shares(
        projects,
        pb.budget,
        profile,
        utility=utility,
        completion="add1u",
        increment=increment,
        exhaustive_over="supported" if rest == ["add1"] else "all",
    ).selected


def pabutools_rule(path: Path, key: str, limit: float) -> dict | None:
    try:
        done = subprocess.run(
            [sys.executable, "-c", PABUTOOLS, str(path), key],
            capture_output=True,
            text=True,
            timeout=limit + 120,  # parsing the large files takes a while too
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pabutools-limit", type=float, default=60.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--no-pabutools", action="store_true")
    args = parser.parse_args()
    expected = json.loads((DATA / "expected_pabutools.json").read_text())
    worst = 0.0
    ratios = []
    print(f"{'file':44} {'rule':16} {'linli s':>8} {'pabutools s':>11} {'ratio':>8}  same")
    for entry in expected:
        if not entry["file"].startswith(args.only):
            continue
        path = DATA / entry["file"]
        start = time.perf_counter()
        pb = pabulib.read_file(path)
        projects = [rules.Project(pid, cost) for pid, cost in pb.costs().items()]
        approvals = rules.Profile.from_approvals(pb.approvals())
        points = rules.Profile.from_points(pb.points()) if pb.vote_type == "cumulative" else None
        print(f"{entry['file'][:44]:44} {'(read file)':16} {time.perf_counter() - start:8.3f}")
        for key, recorded in entry["rules"].items():
            start = time.perf_counter()
            ours = linli_rule(pb, projects, approvals, points, key)
            seconds = time.perf_counter() - start
            worst = max(worst, seconds)
            theirs = None
            note = ""
            if args.no_pabutools:
                note = "not run"
            elif recorded["status"] != "ok" or recorded["seconds"] > args.pabutools_limit:
                note = f"skipped (recorded: {recorded['status']}, {recorded['seconds']:.0f} s)"
            else:
                theirs = pabutools_rule(path, key, args.pabutools_limit)
                note = "timeout" if theirs is None else ""
            reference = theirs["selected"] if theirs else recorded.get("selected")
            same = "-" if not reference else ("yes" if sorted(ours) == sorted(reference) else "NO")
            if theirs:
                ratio = theirs["seconds"] / max(seconds, 1e-6)
                ratios.append((ratio, entry["file"], key))
                print(
                    f"{'':44} {key:16} {seconds:8.3f} {theirs['seconds']:11.3f} {ratio:7.0f}x  {same}",
                    flush=True,
                )
            else:
                print(f"{'':44} {key:16} {seconds:8.3f} {note:>20}  {same}", flush=True)
    print(f"slowest linli rule: {worst:.3f} s")
    if ratios:
        low = min(ratios)
        print(f"smallest speed-up over pabutools: {low[0]:.1f}x ({low[1]} {low[2]})")
        print(f"median speed-up: {sorted(r for r, _, _ in ratios)[len(ratios) // 2]:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
