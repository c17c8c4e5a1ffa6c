"""``linli pb tally`` end to end, as a process, against pabutools doing the same in a process.

The rule is MES with the Add1U completion and a greedy fill (``--rule mes-completed``, the
pabutools side ``method_of_equal_shares(voter_budget_increment=1)`` then
``greedy_utilitarian_welfare``), on Poland_Czestochowa_2020 from ``../shared/data/pabulib``.
Each side starts a fresh interpreter, reads the file and prints the funded projects; the two
lists must match. Baseline in the same run: a fresh ``python -c pass``. Wall-clock and CPU time
(user + system of the child) are both printed: on a shared machine the wall clock also measures
the neighbours, the CPU time does not.

    PYTHONPATH=. .venv/bin/python bench/bench_pb_tally.py [--file NAME] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "pabulib"

PABUTOOLS = r"""
import json, sys
from pabutools.election import parse_pabulib, Cost_Sat
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
instance, profile = parse_pabulib(sys.argv[1])
merged = profile.as_multiprofile()
out = method_of_equal_shares(instance, merged, sat_class=Cost_Sat, voter_budget_increment=1)
out = greedy_utilitarian_welfare(instance, merged, sat_class=Cost_Sat, initial_budget_allocation=out)
print(json.dumps(sorted(p.name for p in out)))
"""


def run(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def best(command: list[str], runs: int) -> tuple[float, float, str]:
    results = [run(command) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results), results[-1][2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", default="Poland_Czestochowa_2020.pb")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pabutools-runs", type=int, default=1)
    args = parser.parse_args()
    path = str(DATA / args.file)
    python = sys.executable
    env_note = os.environ.get("NUMBA_CACHE_DIR", "default")
    print(f"file: {args.file}; best of {args.runs} (pabutools: {args.pabutools_runs})")
    print(f"numba cache: {env_note}; load average: {os.getloadavg()[0]:.1f}")
    run([python, "-m", "linli.cli", "pb", "tally", path, "--rule", "mes-completed"])  # warm cache
    baseline = best([python, "-c", "pass"], args.runs)
    linli = best(
        [python, "-m", "linli.cli", "pb", "tally", path, "--rule", "mes-completed"], args.runs
    )
    pabutools = best([python, "-c", PABUTOOLS, path], args.pabutools_runs)
    same = sorted(json.loads(linli[2])) == json.loads(pabutools[2])
    rows = [
        ("baseline: python -c pass", baseline),
        ("linli pb tally --rule mes-completed", linli),
        ("pabutools MES add1 + greedy fill", pabutools),
    ]
    for label, (wall, cpu, _out) in rows:
        print(f"{label:38s} wall {wall:7.3f} s   cpu {cpu:7.3f} s")
    print(
        f"speed-up over pabutools: wall {pabutools[0] / linli[0]:.1f}x, cpu {pabutools[1] / linli[1]:.1f}x;"
        f" same projects funded: {'yes' if same else 'NO'}"
    )


if __name__ == "__main__":
    main()
