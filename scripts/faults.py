"""Fault drills (issue 23): break things under load and check that nothing acknowledged is lost
or doubled, that mail is retried, and that pages say "try again" instead of showing a trace.

Everything runs on this machine and on services the script starts itself, so a drill never
restarts a PostgreSQL or Redis that anyone else uses: a private PostgreSQL cluster (port 5499)
and Redis (port 6399) in a temporary folder, ``linli serve`` (gunicorn, DEBUG off) on
127.0.0.1:8199, ``linli worker``, and a local SMTP server (aiosmtpd) on 127.0.0.1:2599. The load
is a bounded number of requests from a thread pool to 127.0.0.1 only.

Drills (``--drills``, all by default):

- ``web-kill``: residents cast ballots; one gunicorn worker is killed with SIGKILL mid-run.
- ``pg-restart``: residents answer the survey; PostgreSQL restarts (fast shutdown) mid-run.
- ``redis-restart``: residents register for the meeting; Redis restarts mid-run.
- ``worker-smtp``: the confirmation mails of the registrations are sent by ``linli worker``
  with SMTP down; the worker is killed with SIGKILL and started again; SMTP comes back; the
  retry schedule is fast-forwarded (queued mails made due now, as an hour passing would) and
  every mail must arrive exactly once.

After each load drill: every request answered 200/201 has exactly one row (roll entry and
ballot and ledger row; response; registration), no answer was a 500, and every refused
request got the 503 "try again" page or a JSON 503 (or a connection error while a worker died).

    PYTHONPATH=. .venv/bin/python scripts/faults.py [--drills web-kill,pg-restart] [--requests 400]
"""

from __future__ import annotations

# S608: the SQL here reads the drill's own database with ids from its own fixture (integers).
# S103: the work folder is readable by the postgres user, whose cluster lives in it.
# SIM115: the servers' log files stay open as long as the servers run.
# ruff: noqa: S608, S103, SIM115
import argparse
import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_PORT, REDIS_PORT, WEB_PORT, SMTP_PORT = 5499, 6399, 8199, 2599
PG_BIN = Path("/usr/lib/postgresql/15/bin")


class Services:
    """The private PostgreSQL, Redis, web server, worker and SMTP server of one run."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.pgdata = work / "pgdata"
        self.env = dict(os.environ)
        self.env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PORT}/linli",
            REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
            EMAIL_URL=f"smtp://127.0.0.1:{SMTP_PORT}",
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECRET_KEY="faults-drill-only-" + "x" * 40,
            LINLI_DATA_DIR=str(work / "data"),
            LINLI_LOG_FORMAT="text",
            LINLI_SWEEP_EVERY="0",
            DJANGO_SETTINGS_MODULE="linli.settings",
            PYTHONPATH=str(ROOT),
        )
        self.web: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None
        self.redis: subprocess.Popen[bytes] | None = None
        self.smtp: subprocess.Popen[bytes] | None = None

    def _as_postgres(self, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start_postgres(self) -> None:
        if not self.pgdata.exists():
            self.pgdata.mkdir(parents=True)
            shutil.chown(self.pgdata, "postgres", "postgres")
            self._as_postgres(
                str(PG_BIN / "initdb"), "-D", str(self.pgdata), "-A", "trust", "-U", "postgres"
            )
        self.pg_ctl("start")

    def pg_ctl(self, action: str) -> None:
        self._as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.pgdata),
            "-w",
            "-m",
            "fast",
            "-o",
            f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1",
            "-l",
            str(self.pgdata / "log"),
            action,
        )

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(REDIS_PORT),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def stop_redis(self) -> None:
        if self.redis:
            self.redis.terminate()
            self.redis.wait()

    def start_smtp(self) -> None:
        self.smtp = subprocess.Popen(
            [sys.executable, "-c", SMTP_SINK, str(SMTP_PORT), str(self.work / "mail.jsonl")]
        )
        time.sleep(1)

    def stop_smtp(self) -> None:
        if self.smtp:
            self.smtp.terminate()
            self.smtp.wait()
            self.smtp = None

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "linli.cli", *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout

    def start_web(self) -> None:
        self.web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "linli.cli",
                "serve",
                "--bind",
                f"127.0.0.1:{WEB_PORT}",
                "--workers",
                "3",
            ],
            env={**self.env, "LINLI_MIGRATE_ON_START": "0"},
            cwd=ROOT,
            stdout=open(self.work / "web.log", "a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(300):
            try:
                if request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("the web server did not start")

    def web_workers(self) -> list[int]:
        assert self.web is not None
        out = subprocess.run(["pgrep", "-P", str(self.web.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "linli.cli", "worker"],
            env=self.env,
            cwd=ROOT,
            stdout=open(self.work / "worker.log", "a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill_worker(self) -> None:
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGKILL)
            self.worker.wait()

    def stop_all(self) -> None:
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        self.stop_redis()
        self.stop_smtp()
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop")


SMTP_SINK = r"""
import json, sys, time
from aiosmtpd.controller import Controller
class Sink:
    async def handle_DATA(self, server, session, envelope):
        with open(sys.argv[2], "a") as out:
            out.write(json.dumps({"to": envelope.rcpt_tos, "size": len(envelope.content)}) + "\n")
        return "250 OK"
controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
try:
    time.sleep(3600)  # bounded: the drill stops it long before
finally:
    controller.stop()
"""


def request(method: str, path: str, body: dict | None = None, token: str = "") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=30)
    headers = {"Accept-Language": "zh-hans"}
    if token:
        headers.update(Authorization=f"Bearer {token}", **{"Content-Type": "application/json"})
    try:
        connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def load(calls: list[tuple[str, dict, str]], fault: callable, at: float = 0.3) -> list:  # type: ignore[valid-type]
    """Send ``calls`` (path, body, token) from 16 threads; run ``fault`` once ``at`` of them
    have been answered. Returns (token, status, body) per call; status 0 = no connection."""
    answered = 0
    lock = threading.Lock()
    fired = threading.Event()

    def one(call: tuple[str, dict, str]) -> tuple[str, int, str]:
        nonlocal answered
        path, body, token = call
        try:
            status, text = request("POST", path, body, token)
        except OSError as error:
            status, text = 0, str(error)
        with lock:
            answered += 1
            fire = answered >= at * len(calls) and not fired.is_set()
            if fire:
                fired.set()
        if fire:
            fault()
        return token, status, text

    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(one, calls))


def _readable(body: str) -> str:
    """The page, or the API's JSON ``detail`` (JSON escapes the Chinese)."""
    try:
        return str(json.loads(body).get("detail", body))
    except (ValueError, AttributeError):
        return body


def judge(name: str, results: list, rows_per_token: Counter) -> bool:  # type: ignore[type-arg]
    statuses = Counter(status for _t, status, _b in results)
    acknowledged = [t for t, status, _b in results if status in (200, 201)]
    lost = [t for t in acknowledged if rows_per_token[t] == 0]
    doubled = [t for t, n in rows_per_token.items() if n > 1]
    traces = [b for _t, s, b in results if s >= 500 and ("Traceback" in b or s != 503)]
    try_again = [b for _t, s, b in results if s == 503]
    worded = all("请过几分钟再试" in _readable(b) for b in try_again)
    ok = not lost and not doubled and not traces and worded
    print(
        f"{name}: answers {dict(statuses)}; acknowledged {len(acknowledged)}, lost {len(lost)},"
        f" doubled {len(doubled)}, 5xx other than the 503 page {len(traces)},"
        f" 503 pages translated: {'yes' if worded else 'NO'} -> {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return ok


def rows(services: Services, sql: str) -> Counter:  # type: ignore[type-arg]
    """Counts per API token prefix of the member's user, from one SQL query."""
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-d",
            "linli",
            "-At",
            "-F",
            "\t",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    counts: Counter = Counter()  # type: ignore[type-arg]
    for line in out.stdout.splitlines():
        user_id, n = line.split("\t")
        if user_id:  # residents without an account (paper ballots of the generated past)
            counts[int(user_id)] = int(n)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drills", default="web-kill,pg-restart,redis-restart,worker-smtp")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--households", type=int, default=900)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="linli-faults-"))
    os.chmod(work, 0o755)
    services = Services(work)
    results = {}
    try:
        services.start_postgres()
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                "-c",
                "CREATE DATABASE linli",
            ],
            check=True,
            capture_output=True,
        )
        services.start_redis()
        print(f"work folder {work}: migrating and generating a small district...", flush=True)
        services.manage("migrate", "--verbosity", "0")
        services.manage("generate_city", "--communities", "1", "--households", str(args.households))
        fixture = work / "load.json"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench/load/prepare.py"),
                "--out",
                str(fixture),
                "--communities",
                "1",
                "--per-community",
                str(args.requests),
            ],
            env=services.env,
            check=True,
            capture_output=True,
        )
        target = json.loads(fixture.read_text())[0]
        tokens = target["tokens"][: args.requests]
        owner = token_owners(services, tokens)
        services.start_web()
        slug = target["slug"]
        drills = args.drills.split(",")
        if "web-kill" in drills:
            calls = [
                (
                    f"/api/communities/{slug}/votes/{target['vote']}/ballot",
                    {"answers": {str(target["question"]): [random.choice(target["options"])]}},
                    t,
                )
                for t in tokens
            ]
            out = load(
                calls, lambda: os.kill(random.choice(services.web_workers()), signal.SIGKILL)
            )
            roll = rows(
                services,
                f"select m.user_id, count(*) from votes_rollentry r join core_member m"
                f" on m.id=r.member_id where r.vote_id={target['vote']} group by m.user_id",
            )
            ballots_ok = same_count(services, target["vote"])
            results["web-kill"] = (
                judge(
                    "kill -9 a web worker while residents vote",
                    [(owner[t], s, b) for t, s, b in out],
                    roll,
                )
                and ballots_ok
            )
        if "pg-restart" in drills:
            calls = [
                (
                    f"/api/communities/{slug}/surveys/{target['survey']}/responses",
                    {"answers": {"q1": "o1", "q2": ["o2"], "q3": 3}},
                    t,
                )
                for t in tokens
            ]
            out = load(calls, lambda: services.pg_ctl("restart"))
            answered = rows(
                services,
                f"select m.user_id, count(*) from surveys_response r join"
                f" core_member m on m.id=r.member_id where r.survey_id={target['survey']}"
                f" group by m.user_id",
            )
            results["pg-restart"] = judge(
                "restart PostgreSQL while residents answer",
                [(owner[t], s, b) for t, s, b in out],
                answered,
            )
        if "redis-restart" in drills:
            calls = [
                (f"/api/communities/{slug}/meetings/{target['meeting']}/registration", {}, t)
                for t in tokens
            ]

            def restart_redis() -> None:
                services.stop_redis()
                time.sleep(2)
                services.start_redis()

            out = load(calls, restart_redis)
            registered = rows(
                services,
                f"select m.user_id, count(*) from meetings_registration r"
                f" join core_member m on m.id=r.member_id where"
                f" r.meeting_id={target['meeting']} group by m.user_id",
            )
            results["redis-restart"] = judge(
                "restart Redis while residents register",
                [(owner[t], s, b) for t, s, b in out],
                registered,
            )
        if "worker-smtp" in drills:
            results["worker-smtp"] = mail_drill(services)
    finally:
        services.stop_all()
    print("faults:", ", ".join(f"{k} {'PASS' if v else 'FAIL'}" for k, v in results.items()))
    return 0 if results and all(results.values()) else 1


def token_owners(services: Services, tokens: list[str]) -> dict[str, int]:
    """token -> user id, through the token's prefix (the only part stored in clear)."""
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-d",
            "linli",
            "-At",
            "-F",
            "\t",
            "-c",
            "select prefix, user_id from core_apitoken",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    by_prefix = dict(line.split("\t") for line in out.stdout.splitlines())
    return {t: int(by_prefix[t[6:14]]) for t in tokens}  # as api_tokens.create_token stores it


def same_count(services: Services, vote: int) -> bool:
    sql = (
        f"select (select count(*) from votes_rollentry where vote_id={vote}),"
        f" (select count(*) from votes_ballot where vote_id={vote}),"
        f" (select count(*) from participation_act where source_type='votes.vote'"
        f" and source_id='{vote}')"
    )
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-d",
            "linli",
            "-At",
            "-F",
            " ",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    roll, ballots, acts = (int(n) for n in out.stdout.split())
    print(f"  roll entries {roll}, ballots {ballots}, ledger rows {acts}", flush=True)
    return roll == ballots == acts


def mail_drill(services: Services) -> bool:
    """Mail queued by the registrations: SMTP down, worker killed, both back, all sent once."""

    def outbox() -> Counter:  # type: ignore[type-arg]
        out = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                "-d",
                "linli",
                "-At",
                "-F",
                "\t",
                "-c",
                "select status, count(*) from core_outboundemail group by status",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return Counter(
            {s: int(n) for s, n in (line.split("\t") for line in out.stdout.splitlines())}
        )

    services.start_worker()
    time.sleep(20)  # SMTP is down: the worker tries, fails and reschedules
    services.kill_worker()
    down = outbox()
    services.start_smtp()
    services.start_worker()
    # An hour passes: every queued mail is due now (the retry schedule itself is tested in
    # tests/core); then the worker's next sweep and the command send them.
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-d",
            "linli",
            "-c",
            "update core_outboundemail set next_attempt_at = now() where status = 'queued'",
        ],
        check=True,
        capture_output=True,
    )
    services.manage("send_queued_mail")
    time.sleep(5)
    services.kill_worker()
    after = outbox()
    received = 0
    mail_log = services.work / "mail.jsonl"
    if mail_log.exists():
        received = sum(1 for _ in mail_log.open())
    ok = after.get("queued", 0) == 0 and after.get("failed", 0) == 0 and received == after["sent"]
    print(
        f"SMTP down, worker killed: outbox {dict(down)}; back: outbox {dict(after)},"
        f" received by SMTP {received} -> {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
