"""Tally 100,000 ranked ballots over 10 options with instant-runoff and Schulze.

Prints seconds and the ratio to a baseline measured in the same process (counting first choices of
the same ballots), so results compare across machines.  Run: .venv/bin/python bench/bench_tally.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from linli.votes import tally

OPTIONS = list(range(1, 11))


def make_ballots(n: int, seed: int = 5) -> list[tuple[int, ...]]:
    rng = random.Random(seed)
    weights = [rng.random() for _ in OPTIONS]  # some options are more popular, as in real votes
    ballots = []
    for _ in range(n):
        order = sorted(OPTIONS, key=lambda o: -weights[o - 1] * rng.random())
        ballots.append(tuple(order[: rng.randint(1, 10)]))
    return ballots


def best_of(runs: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ballots = make_ballots(100_000)
    baseline = best_of(3, lambda: tally.plurality(OPTIONS, tally.aggregate(ballots)))
    print(f"ballots: {len(ballots)}, distinct: {len(tally.aggregate(ballots))}")
    print(f"baseline (aggregate + plurality): {baseline:.3f} s")
    for name, count in [("instant-runoff", tally.instant_runoff), ("schulze", tally.schulze)]:
        seconds = best_of(3, lambda count=count: count(OPTIONS, tally.aggregate(ballots)))
        print(f"{name}: {seconds:.3f} s  ({seconds / baseline:.1f}x baseline)")


if __name__ == "__main__":
    main()
