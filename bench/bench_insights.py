"""Representativeness and the depth ladder over a district: 50,000 households, 1,000,000 acts.

A synthetic district (40 courtyards; tenure, language, age of the eldest, all skewed the way a
real roster is) and a ledger of a million acts over two years (member, household, depth,
channel, time), as the pages would read them from ``participation.Act`` with one
``values_list`` query. Each step is timed best of ``--repeat`` runs and printed as a ratio to
the baseline measured in the same process: one plain NumPy count over the acts (acts per
household with ``np.bincount``), the least any page over the ledger must do.

Steps:
- representativeness of one year: who took part (households with an act in the year), counts
  per group on four dimensions and jointly (tenure x language), rates, scores, flags;
- the same published with small-cell suppression, with two filtered views (online acts; one
  courtyard) whose differences with the whole are protected;
- the ladder: every resident's level on two dates, the transition table, cohorts by quarter,
  levels by courtyard; and the transition table and the courtyard table published with
  suppression. On the pages the database groups the ledger by resident
  (``queries.ladder_rows``); here ``grouped`` does the same grouping with NumPy once, outside
  the timing, so the step times what ``ladder`` does with one row per resident.

Run: PYTHONPATH=. .venv/bin/python bench/bench_insights.py [--households 50000]
     [--acts 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from linli.insights import ladder as ladder_module
from linli.insights.representativeness import assess, publish, tabulate

COURTYARDS = [f"courtyard {i:02d}" for i in range(40)]
TENURE = (["owner", "tenant", "public housing"], [0.55, 0.35, 0.10])
LANGUAGE = (["zh", "bo", "yi", "en", "other"], [0.86, 0.06, 0.04, 0.02, 0.02])
ELDEST = (["under 60", "60-79", "80+"], [0.55, 0.35, 0.10])


def district(households: int, acts: int, seed: int = 17) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    roster = {
        "courtyard": rng.choice(COURTYARDS, households),
        "tenure": rng.choice(TENURE[0], households, p=TENURE[1]),
        "language": rng.choice(LANGUAGE[0], households, p=LANGUAGE[1]),
        "eldest": rng.choice(ELDEST[0], households, p=ELDEST[1]),
    }
    # About 1.6 members per household; tenants and Tibetan speakers take part less often.
    members = int(households * 1.6)
    household_of_member = rng.integers(0, households, members)
    reach = np.where(roster["tenure"] == "tenant", 0.4, 1.0) * np.where(
        roster["language"] == "bo", 0.3, 1.0
    )
    # Most residents never act; the active ones act often (a heavy tail of regulars).
    active = rng.random(members) < 0.45 * reach[household_of_member]
    weight = np.where(active, rng.lognormal(0.0, 1.0, members), 0.0)
    member = rng.choice(members, acts, p=weight / weight.sum())
    return {
        "roster": roster,
        "household_of_member": household_of_member,
        "member": member.astype(np.int64),
        "household": household_of_member[member],
        "depth": rng.choice([1, 2, 3, 4, 5], acts, p=[0.45, 0.3, 0.15, 0.07, 0.03]),
        "online": rng.random(acts) < 0.4,
        "when": np.datetime64("2024-01-01T00:00:00")
        + rng.integers(0, 730 * 86400, acts).astype("timedelta64[s]"),
    }


def grouped(data: dict[str, Any], before: str, after: str, members: int) -> Any:
    """What ``queries.ladder_rows`` asks the database for: per resident, the deepest act in each
    date's window and the first act up to the later date."""
    levels = []
    for on in (before, after):
        start, end = (np.datetime64(day, "s") for day in ladder_module.window(on))
        inside = (data["when"] >= start) & (data["when"] < end)
        level = np.zeros(members, dtype=np.int64)
        np.maximum.at(level, data["member"][inside], data["depth"][inside])
        levels.append(level)
    end_after = np.datetime64(ladder_module.window(after)[1], "s")
    upto = data["when"] < end_after
    never = np.iinfo(np.int64).max
    first = np.full(members, never, dtype=np.int64)
    np.minimum.at(first, data["member"][upto], data["when"][upto].astype(np.int64))
    acted = first != never
    return ladder_module.Residents.of(
        np.flatnonzero(acted),
        levels[0][acted],
        levels[1][acted],
        first[acted].astype("datetime64[s]"),
    )


def best_of(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--acts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = district(args.households, args.acts)
    roster = data["roster"]
    n = args.households
    year_start = np.datetime64("2025-01-01T00:00:00")
    year_end = np.datetime64("2026-01-01T00:00:00")

    def baseline() -> Any:
        return np.bincount(data["household"], minlength=n)

    def who_took_part(mask: Any) -> Any:
        return np.bincount(data["household"][mask], minlength=n) > 0

    in_year = (data["when"] >= year_start) & (data["when"] < year_end)

    def representativeness() -> Any:
        took = who_took_part(in_year)
        base, took_part, joint = tabulate(roster, took, joint=("tenure", "language"))
        return assess(base, took_part, joint=joint)

    def published() -> Any:
        whole = representativeness()
        online = who_took_part(in_year & data["online"])
        b, t, j = tabulate(roster, online, joint=("tenure", "language"))
        inside = roster["courtyard"] == COURTYARDS[0]
        took = who_took_part(in_year)
        b2, t2, j2 = tabulate(
            {k: v[inside] for k, v in roster.items()},
            took[inside],
            joint=("tenure", "language"),
        )
        return publish(
            whole, {"online": assess(b, t, joint=j), COURTYARDS[0]: assess(b2, t2, joint=j2)}
        )

    members = np.arange(len(data["household_of_member"]))
    rows = grouped(data, "2024-12-31", "2025-12-31", len(members))

    def ladder() -> Any:
        result = ladder_module.ladder(rows, "2024-12-31", "2025-12-31", members=members)
        courtyard_of_member = roster["courtyard"][data["household_of_member"]]
        return (
            result,
            result.transitions,
            ladder_module.cohorts(result, period="quarter"),
            ladder_module.by_group(result, courtyard_of_member),
        )

    def ladder_published() -> Any:
        result, _, _, by_courtyard = ladder()
        return (
            ladder_module.publish_transitions(result),
            ladder_module.publish_table(by_courtyard),
        )

    base_time, _ = best_of(args.repeat, baseline)
    print(f"households: {n}, members: {len(members)}, acts: {args.acts}")
    print(f"{'baseline: count acts per household (np.bincount)':58} {base_time:8.4f} s      1x")
    steps = [
        ("representativeness of a year (4 dims + joint)", representativeness),
        ("  + 2 filtered views, all published with suppression", published),
        ("ladder: levels on 2 dates, transitions, cohorts, courtyards", ladder),
        ("  + transitions and courtyards published with suppression", ladder_published),
    ]
    for label, step in steps:
        seconds, _ = best_of(args.repeat, step)
        print(f"{label:58} {seconds:8.4f} s {seconds / base_time:6.0f}x")
    assessment = representativeness()
    flagged = ", ".join(f"{g.dimension}={g.group}" for g in assessment.flagged)
    print(f"overall score {assessment.overall or 0.0:.2f}; flagged: {flagged}")


if __name__ == "__main__":
    main()
