"""Run the load scenarios against ``linli serve`` (gunicorn) + PostgreSQL + Redis on loopback.

Starts the server on 127.0.0.1 with DEBUG off, then each scenario of locustfile.py in turn
(headless, ``--users`` at once, for ``--seconds`` at most), and prints throughput and p95 per
scenario with the ratio to the trivial view measured in the same run. Every request goes to
127.0.0.1; every scenario stops by itself (time limit, and the prepared residents run out).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/linli_scale REDIS_URL=redis://127.0.0.1:6379/7 \
      PYTHONPATH=. .venv/bin/python bench/load/run.py --locust /tmp/locust-venv/bin/locust

(the district from ``linli generate_city``; prepare.py is run first unless --fixture is given).
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCENARIOS = ["TrivialUser", "BrowseUser", "VoteUser", "SurveyUser", "MeetingUser"]


def wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} in {seconds:.0f} s")


def aggregated(prefix: str) -> dict[str, float]:
    with open(f"{prefix}_stats.csv") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                return {
                    "requests": float(row["Request Count"]),
                    "failures": float(row["Failure Count"]),
                    "per_second": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "max": float(row["100%"]),
                }
    raise SystemExit(f"no aggregated row in {prefix}_stats.csv")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--locust", default="locust")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=45)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--fixture", default="")
    parser.add_argument("--communities", type=int, default=5)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="linli-load-"))
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY=env.get("SECRET_KEY", "load-test-only-" + "x" * 40),
        LINLI_DATA_DIR=env.get("LINLI_DATA_DIR", str(work / "data")),
        LINLI_LOG_FORMAT="text",
        LINLI_MIGRATE_ON_START="0",
        PYTHONPATH=str(ROOT),
    )
    fixture = args.fixture or str(work / "load.json")
    if not args.fixture:
        subprocess.run(
            [
                sys.executable,
                str(HERE / "prepare.py"),
                "--out",
                fixture,
                "--communities",
                str(args.communities),
            ],
            env=env,
            check=True,
        )
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "linli.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
        ],
        env=env,
        cwd=ROOT,
        stdout=open(work / "server.log", "w"),  # noqa: SIM115 - closed with the process
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    results = {}
    try:
        wait_for(f"{base}/healthz")
        for scenario in args.scenarios.split(","):
            prefix = str(work / scenario)
            subprocess.run(
                [
                    args.locust,
                    "-f",
                    str(HERE / "locustfile.py"),
                    scenario,
                    "--headless",
                    "-u",
                    str(args.users),
                    "-r",
                    str(args.users),
                    "-t",
                    f"{args.seconds}s",
                    "--host",
                    base,
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--stop-timeout",
                    "10",
                ],
                env={**env, "LINLI_LOAD_FIXTURE": fixture},
                check=False,  # locust exits 1 when any request failed; the table says how many
                stdout=subprocess.DEVNULL,
                stderr=open(work / f"{scenario}.log", "w"),  # noqa: SIM115
                timeout=args.seconds + 120,
            )
            results[scenario] = aggregated(prefix)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    base_rate = results.get("TrivialUser", {}).get("per_second") or 1.0
    print(f"users: {args.users}, gunicorn workers: {args.workers}, logs in {work}")
    print(
        f"{'scenario':14s} {'requests':>8s} {'failed':>6s} {'req/s':>7s} {'p50 ms':>7s}"
        f" {'p95 ms':>7s} {'max ms':>7s} {'x trivial':>9s}"
    )
    for scenario, r in results.items():
        print(
            f"{scenario:14s} {r['requests']:8.0f} {r['failures']:6.0f} {r['per_second']:7.1f}"
            f" {r['p50']:7.0f} {r['p95']:7.0f} {r['max']:7.0f} {r['per_second'] / base_rate:9.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
