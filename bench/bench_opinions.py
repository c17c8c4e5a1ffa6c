"""Opinion groups of the largest real Pol.is conversation (Bowling Green: 2,031 participants,
896 statements) with ``linli opinions analyse``'s code, timed against loading its CSV files.

Prints seconds and ratios to a baseline measured in the same process (reading the export folder
into a vote matrix), so results compare across machines; then the whole command in a fresh
process against starting Python and importing NumPy. Each line gives wall-clock time and CPU time
(user + system): on a machine shared with other work the wall clock mostly measures the others.
Run from the checkout:
``.venv/bin/python bench/bench_opinions.py [FOLDER]`` (default ../shared/data/polis/...).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

# As `linli opinions analyse` does: OpenBLAS threads only slow these small products down on a
# shared machine. Set before NumPy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linli.opinions import cli, clustering, polis_export  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "polis" / "american-assembly.bowling-green"


def best_of(runs: int, job: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of the fastest run; CPU includes finished child processes."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        cpu_before, wall_before = _cpu(), time.perf_counter()
        job()
        wall, cpu = time.perf_counter() - wall_before, _cpu() - cpu_before
        best = min(best, (wall, cpu))
    return best


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def line(name: str, seconds: tuple[float, float], baseline: tuple[float, float]) -> str:
    wall, cpu = seconds
    return (
        f"{name:40s} wall {wall:6.3f} s ({wall / baseline[0]:5.1f}x)"
        f"   cpu {cpu:6.3f} s ({cpu / baseline[1]:5.1f}x)"
    )


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    conversation = polis_export.read_folder(folder)
    active = [s.moderated >= 0 for s in conversation.statements]
    print(
        f"{folder.name}: {len(conversation.participants)} participants, "
        f"{len(conversation.statements)} statements ({sum(active)} not moderated out)"
    )
    baseline = best_of(3, lambda: polis_export.read_folder(folder))
    print(line("baseline: read the export folder", baseline, baseline))
    steps: list[tuple[str, Callable[[], object]]] = [
        (
            "analyse (map, groups, statements)",
            lambda: clustering.analyse(
                conversation.votes, conversation.participants, active=active
            ),
        ),
        ("read + analyse + JSON (the command)", lambda: cli.analyse_folder(folder)),
    ]
    for name, job in steps:
        print(line(name, best_of(3, job), baseline))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> None:
        subprocess.run([sys.executable, *args], check=True, env=env, stdout=subprocess.DEVNULL)

    start_numpy = best_of(3, lambda: run("-c", "import numpy"))
    command = best_of(3, lambda: run("-m", "linli.cli", "opinions", "analyse", str(folder)))
    print(line("fresh process: python -c 'import numpy'", start_numpy, start_numpy))
    print(line("fresh process: linli opinions analyse", command, start_numpy))


if __name__ == "__main__":
    main()
