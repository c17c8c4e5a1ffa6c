"""``linli votes recount FILE --method ...``: count a ballot file alone and print JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from . import tally
from .ballot_files import BallotFile, digest, read_any

METHODS = ["plurality", "approval", "score", "irv", "schulze", "knapsack", "cumulative"]


def recount(path: Path, method: str) -> dict[str, Any]:
    ballots = read_any(path)
    options = sorted(ballots.options) or sorted({o for r in ballots.rankings for o in r})
    result: dict[str, Any] = {
        "file": path.name,
        "sha256": digest(path.read_bytes()),
        "method": method,
        "options": {str(k): v for k, v in ballots.options.items()},
    }
    if method == "irv":
        runoff = tally.instant_runoff(options, ballots.rankings)
        result["winner"] = runoff.winner
        result["rounds"] = [
            {
                "round": r.number,
                "counts": {str(k): v for k, v in r.counts.items()},
                "active": r.active,
                "exhausted": r.exhausted,
                **({"eliminated": r.eliminated} if r.eliminated is not None else {}),
                **({"elected": r.elected} if r.elected is not None else {}),
            }
            for r in runoff.rounds
        ]
    elif method == "schulze":
        found = tally.schulze(options, ballots.rankings)
        result["winner"] = found.winner
        result["winners"] = list(found.winners)
        result["ranking"] = list(found.ranking)
        result["condorcet"] = found.condorcet
        result["pairwise"] = {
            str(a): {str(b): int(found.pairwise[i, j]) for j, b in enumerate(options) if a != b}
            for i, a in enumerate(options)
        }
    else:
        if method == "plurality":
            count = tally.plurality(options, ballots.rankings)
        elif method in ("approval", "knapsack"):
            count = tally.approval(options, ballots.approvals)
        else:
            count = tally.score(options, ballots.scores)
        result["winner"] = count.winner
        result["winners"] = list(count.winners)
        result["counts"] = {str(k): v for k, v in count.counts.items()}
        result["ballots"] = count.ballots
        if method == "knapsack":
            result.update(_knapsack_check(ballots))
        if method == "cumulative":
            result.update(_cumulative_check(ballots))
    return result


def _knapsack_check(ballots: BallotFile) -> dict[str, Any]:
    """The budget and costs from the file's header, and how many ballots break the budget
    (a correct count has none: such ballots were refused or entered as spoiled)."""
    budget = int(ballots.params.get("budget", "0") or 0)
    costs = {
        int(number): int(cost)
        for number, _sep, cost in (
            item.partition(":") for item in ballots.params.get("costs", "").split(",") if item
        )
        if cost.isdigit()
    }
    over = sum(
        n
        for chosen, n in ballots.approvals.items()
        if sum(costs.get(o, 0) for o in chosen) > budget
    )
    return {"budget": budget, "costs": {str(k): v for k, v in costs.items()}, "over_budget": over}


def _cumulative_check(ballots: BallotFile) -> dict[str, Any]:
    """Voters giving each option any points, and ballots giving more than the points to share."""
    total = int(ballots.params.get("points", "0") or 0)
    supporters: dict[str, int] = {}
    over = 0
    for points, n in ballots.scores:
        for option, value in points.items():
            if value:
                supporters[str(option)] = supporters.get(str(option), 0) + n
        if sum(points.values()) > total:
            over += n
    return {"points": total, "supporters": supporters, "over_points": over}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="linli votes recount", description="Recount a ballot file."
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--method", choices=METHODS, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(recount(args.file, args.method), ensure_ascii=False, indent=1))
    return 0
