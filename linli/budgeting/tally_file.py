"""``linli pb tally FILE.pb --rule ...``: compute a pabulib file's outcome and print it as JSON.

Pure (no Django), so it runs without a database. ``--rule``: ``greedy`` (most votes first),
``greedy-cost`` (most votes per unit of cost), ``mes`` (Method of Equal Shares), ``mes-completed``
(MES with the Add1U completion and a greedy fill). ``--utility`` chooses MES's utilities
(``cost``, ``cardinality``, or ``points`` for cumulative ballots; with ``greedy``, ``points``
means most points per unit of cost).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import pabulib, rules

RULES = ["greedy", "greedy-cost", "mes", "mes-completed"]


def tally(path: Path, rule: str, utility: str = "cost") -> rules.Outcome:
    pb = pabulib.read_file(path)
    pb.check()
    projects = [rules.Project(pid, cost) for pid, cost in pb.costs().items()]
    if utility == "points":
        if pb.vote_type not in {"cumulative", "scoring"}:
            raise pabulib.PabulibError("--utility points needs cumulative or scoring ballots")
        profile = rules.Profile.from_points(pb.points())
    else:
        profile = rules.Profile.from_approvals(pb.approvals())
    if rule == "greedy":
        return rules.greedy(
            projects, pb.budget, profile, utility="points" if utility == "points" else "cost"
        )
    if rule == "greedy-cost":
        return rules.greedy(projects, pb.budget, profile, utility="cardinality")
    completion = "add1u" if rule == "mes-completed" else None
    return rules.equal_shares(projects, pb.budget, profile, utility=utility, completion=completion)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="linli pb tally", description="Print the projects a rule funds in a .pb file."
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--rule", choices=RULES, default="greedy")
    parser.add_argument("--utility", choices=list(rules.UTILITIES), default="cost")
    parser.add_argument(
        "--explain", action="store_true", help="print every project's explanation as well"
    )
    args = parser.parse_args(argv)
    try:
        outcome = tally(args.file, args.rule, args.utility)
    except (OSError, ValueError) as exc:  # PabulibError is a ValueError
        print(f"linli pb tally: {exc}", file=sys.stderr)
        return 2
    if args.explain:
        print(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(json.dumps(outcome.selected))
    return 0
