"""Casting votes over HTTP on PostgreSQL with several gunicorn workers, at 50 concurrent voters.

Measures votes per second and p95 latency of ``POST /api/communities/<slug>/votes/<id>/ballot``
(each voter casts once, so every request writes a roll entry, a ballot and a ledger row), and of
the trivial ``GET /healthz`` (one ``SELECT 1``) in the same run, and prints the ratio.

    PYTHONPATH=. .venv/bin/python bench/bench_vote_http.py [--voters 2000] [--workers 4]
        [--box 20000] [--database linli_bench] [--port 8765] [--code /path/to/a/checkout]

``--box`` puts that many ballots in the box first (written straight in, with their roll
entries), so each ballot of the run pays the mix of a box that size; ``--code`` serves another
checkout's ``linli`` (e.g. main's, for a before-and-after in the same conditions).

Needs PostgreSQL on 127.0.0.1:5432 (trust auth); uses a scratch database (``--database``,
dropped and created afresh).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/linli_bench"
PORT = 8765  # --port
CONCURRENCY = 50


def django_env(data_dir: str, code: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": PG_BENCH,
        "LINLI_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "linli.settings",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LINLI_TASKS": "immediate",
        "PYTHONPATH": str(code),
    }


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        name = PG_BENCH.rsplit("/", 1)[1]
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


SETUP = """
import json, sys
from datetime import timedelta
import django
django.setup()
from django.core.management import call_command
from django.utils import timezone
from linli.core.models import Community, Household, Member, Place, User
from linli.core.api_tokens import create_token
from linli.core.services import place_path
from linli.votes import services
from linli.votes.models import Question, Vote

call_command("migrate", verbosity=0)
n = int(sys.argv[1])
community = Community.objects.create(name="基准社区", slug="bench", languages=["zh-hans"])
organiser = User.objects.create_user(email="org@bench.org", password="x", name="org")
Member.objects.create(community=community, user=organiser, name="org", role="organiser", status="verified")
vote = Vote.objects.create(community=community, title="bench", opens_at=timezone.now() - timedelta(hours=1),
                           closes_at=timezone.now() + timedelta(days=1))
question = services.save_question(organiser, vote, Question(text="q", ballot_type="ranked"), [f"o{i}" for i in range(10)])
vote.status = "published"; vote.save()
tokens = []
for i in range(n):
    flat = place_path(community, [f"院{i % 9}", f"{i % 7}栋", "1单元", f"{i}"], "old_courtyard")
    household = Household.objects.create(community=community, flat=flat, area=flat.area)
    user = User.objects.create_user(email=f"v{i}@bench.org", password=None, name=f"v{i}")
    Member.objects.create(community=community, user=user, household=household, name=user.name, status="verified")
    tokens.append(create_token(user, "bench", scopes=("read", "vote")))
options = list(question.options.values_list("pk", flat=True))
box = int(sys.argv[2])
if box:  # ballots already cast, written straight in (as generate_city does), with their roll
    import random
    from linli.votes.models import Ballot, RollEntry
    others = [User(email=f"b{i}@bench.org", name=f"b{i}") for i in range(box)]
    User.objects.bulk_create(others, batch_size=2000)
    voters = Member.objects.bulk_create(
        [Member(community=community, user=u, name=u.name, status="verified") for u in others],
        batch_size=2000,
    )
    RollEntry.objects.bulk_create(
        [RollEntry(vote=vote, member=m, channel="online") for m in voters], batch_size=2000
    )
    Ballot.objects.bulk_create(
        [Ballot(vote=vote, channel="online", choices={str(question.pk): random.sample(options, 4)},
                replace_hash=f"{random.getrandbits(256):064x}") for _ in range(box)],
        batch_size=2000,
    )
print(json.dumps({"vote": vote.pk, "question": question.pk, "options": options, "tokens": tokens}))
"""


def request(
    method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - started


def run(calls: list[tuple[str, str, bytes | None, dict[str, str]]]) -> dict[str, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        results = list(pool.map(lambda c: request(*c), calls))
    elapsed = time.perf_counter() - started
    failures = [s for s, _ in results if s != 200]
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. status {failures[0]}")
    latencies = sorted(t for _, t in results)
    return {
        "per_second": len(calls) / elapsed,
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * len(latencies)) - 1],
    }


def main() -> int:
    global PG_BENCH, PORT
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--box", type=int, default=0, help="ballots in the box before the run")
    parser.add_argument("--database", default="linli_bench")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--code", default=str(ROOT), help="the checkout whose linli is served")
    args = parser.parse_args()
    PG_BENCH = PG_BENCH.rsplit("/", 1)[0] + "/" + args.database
    PORT = args.port
    recreate_database()
    begun = time.perf_counter()
    with tempfile.TemporaryDirectory() as data_dir:
        env = django_env(data_dir, Path(args.code))
        setup = subprocess.run(
            [sys.executable, "-c", SETUP, str(args.voters), str(args.box)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        fixture = json.loads(setup.stdout.strip().splitlines()[-1])
        print(f"set up in {time.perf_counter() - begun:.0f} s", file=sys.stderr, flush=True)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "linli.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(args.workers),
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            for _ in range(100):
                try:
                    request("GET", "/healthz", None, {})
                    break
                except OSError:
                    time.sleep(0.2)
            run([("GET", "/healthz", None, {})] * 200)  # every worker up and warm before timing
            trivial = run([("GET", "/healthz", None, {})] * args.voters)
            path = f"/api/communities/bench/votes/{fixture['vote']}/ballot"
            options = fixture["options"]
            calls = []
            for i, token in enumerate(fixture["tokens"]):
                ranking = options[i % 10 :] + options[: i % 10]
                body = json.dumps({"answers": {str(fixture["question"]): ranking[:4]}}).encode()
                headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
                calls.append(("POST", path, body, headers))
            votes = run(calls)
        finally:
            server.terminate()
            server.wait()
    print(
        f"code: {args.code}; voters: {args.voters}, ballots already in the box: {args.box}, "
        f"concurrency: {CONCURRENCY}, gunicorn workers: {args.workers}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"GET /healthz (baseline): {trivial['per_second']:.0f} req/s, "
        f"p50 {trivial['p50'] * 1000:.0f} ms, p95 {trivial['p95'] * 1000:.0f} ms"
    )
    print(
        f"POST ballot: {votes['per_second']:.0f} votes/s, "
        f"p50 {votes['p50'] * 1000:.0f} ms, p95 {votes['p95'] * 1000:.0f} ms"
    )
    print(
        f"ratio (ballot / baseline): throughput {votes['per_second'] / trivial['per_second']:.2f}x, "
        f"p95 {votes['p95'] / trivial['p95']:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
