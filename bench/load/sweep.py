"""The page sweep: every page type an organiser or a resident reaches, served by ``linli serve``
(gunicorn, DEBUG off), timed one request at a time on loopback: p50, p95 and max per page type.

The pages are those of ``tests/scale/pages.py`` (the query-count test's list), in the first
``--communities`` communities of a district made by ``linli generate_city``; an organiser
(organiser@example.org) fetches the organiser pages and a resident with an account in each
community the resident pages, ``--rounds`` times each after one warm-up round. Requests go one at
a time over a kept-alive connection to 127.0.0.1, so a request's time is the server's plus well
under a millisecond of loopback; ``/healthz`` is timed the same way as the in-run baseline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/linli_scale REDIS_URL=redis://127.0.0.1:6379/7 \
      PYTHONPATH=. .venv/bin/python bench/load/sweep.py [--communities 3] [--rounds 5]
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def server_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECRET_KEY=env.get("SECRET_KEY", "load-test-only-" + "x" * 40),
        LINLI_DATA_DIR=env.get("LINLI_DATA_DIR", str(work / "data")),
        LINLI_LOG_FORMAT="text",
        LINLI_MIGRATE_ON_START="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def sessions_and_urls(communities: int) -> list[tuple[str, str, str, str]]:
    """(who, page type, url, session cookie) for every page to fetch."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from linli.core.models import Community, Member, Role, User
    from tests.scale.pages import ORGANISER_PAGES, RESIDENT_PAGES, page_urls

    def session(user: User) -> str:
        client = Client()
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )

    organiser = session(User.objects.get(email="organiser@example.org"))
    rows = []
    for community in Community.objects.filter(slug__regex=r"^c\d\d$").order_by("slug")[
        :communities
    ]:
        urls = page_urls(community)
        member = (
            Member.objects.filter(community=community, role=Role.RESIDENT, user__isnull=False)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        assert member is not None and member.user is not None
        resident = session(member.user)
        rows += [("organiser", name, urls[name], organiser) for name in ORGANISER_PAGES]
        rows += [("resident", name, urls[name], resident) for name in RESIDENT_PAGES]
    return rows


def fetch(connection: http.client.HTTPConnection, url: str, cookie: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection.request("GET", url, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    answer = connection.getresponse()
    answer.read()
    return answer.status, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8124)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="linli-sweep-"))
    env = server_env(work)
    os.environ.update({k: v for k, v in env.items() if k not in ("PYTHONPATH",)})
    sys.path.insert(0, str(ROOT))
    pages = sessions_and_urls(args.communities)
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "linli.cli", "serve"),
            *("--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)),
        ],
        env=env,
        cwd=ROOT,
        stdout=open(work / "server.log", "w"),  # noqa: SIM115 - closed with the process
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    times: dict[tuple[str, str], list[float]] = {}
    failed: list[tuple[str, str, int]] = []
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
                if fetch(connection, "/healthz", "")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer /healthz in 120 s")
            time.sleep(0.5)
        for _warm in range(1):
            for _who, _name, url, cookie in pages:
                fetch(connection, url, cookie)
        for _round in range(args.rounds):
            times.setdefault(("-", "trivial view (/healthz)"), []).append(
                fetch(connection, "/healthz", "")[1]
            )
            for who, name, url, cookie in pages:
                status, seconds = fetch(connection, url, cookie)
                if status != 200:
                    failed.append((who, url, status))
                times.setdefault((who, name), []).append(seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    load = Path("/proc/loadavg").read_text().split()[0]
    every = [s for key, values in times.items() if key[0] != "-" for s in values]
    print(
        f"communities: {args.communities}, rounds: {args.rounds}, gunicorn workers: "
        f"{args.workers}, requests: {len(every)}, load average: "
        f"{load}, logs in {work}"
    )
    print(f"{'who':9s} {'page type':28s} {'n':>4s} {'p50 ms':>7s} {'p95 ms':>7s} {'max ms':>7s}")
    for (who, name), values in sorted(times.items(), key=lambda kv: -max(kv[1])):
        print(
            f"{who:9s} {name:28s} {len(values):4d} {1000 * percentile(values, 0.5):7.0f}"
            f" {1000 * percentile(values, 0.95):7.0f} {1000 * max(values):7.0f}"
        )
    print(
        f"all pages: p95 {1000 * percentile(every, 0.95):.0f} ms, max {1000 * max(every):.0f} ms;"
        f" over 300 ms: {sum(s > 0.3 for s in every)}, over 1 s: {sum(s > 1 for s in every)}"
    )
    for who, url, status in failed:
        print(f"FAILED {who} {url}: {status}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
