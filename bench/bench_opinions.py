"""Opinion groups of the largest real Pol.is conversation (Bowling Green: 2,031 participants,
896 statements) with ``linli opinions analyse``'s code, timed against loading its CSV files.

Prints seconds and ratios to a baseline measured in the same process (reading the export folder
into a vote matrix), so results compare across machines; then the whole command in a fresh
process against starting Python and importing NumPy. Run from the checkout:
``.venv/bin/python bench/bench_opinions.py [FOLDER]`` (default ../shared/data/polis/...).
"""

from __future__ import annotations

import os
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


def best_of(runs: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    conversation = polis_export.read_folder(folder)
    active = [s.moderated >= 0 for s in conversation.statements]
    print(
        f"{folder.name}: {len(conversation.participants)} participants, "
        f"{len(conversation.statements)} statements ({sum(active)} not moderated out)"
    )
    baseline = best_of(3, lambda: polis_export.read_folder(folder))
    print(f"baseline: read the export folder           {baseline:7.3f} s      1.0x")
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
        seconds = best_of(3, job)
        print(f"{name:40s} {seconds:7.3f} s  {seconds / baseline:6.1f}x")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> None:
        subprocess.run([sys.executable, *args], check=True, env=env, stdout=subprocess.DEVNULL)

    start_numpy = best_of(3, lambda: run("-c", "import numpy"))
    command = best_of(3, lambda: run("-m", "linli.cli", "opinions", "analyse", str(folder)))
    print(f"fresh process: python -c 'import numpy'   {start_numpy:7.3f} s      1.0x")
    print(
        f"fresh process: linli opinions analyse     {command:7.3f} s  {command / start_numpy:6.1f}x"
    )


if __name__ == "__main__":
    main()
