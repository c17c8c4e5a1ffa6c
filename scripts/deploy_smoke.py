#!/usr/bin/env python3
"""A real deployment on one machine, end to end, as docs/deployment.md describes it.

Brings up a fresh PostgreSQL database (on a running server), Redis (a running server, one of its
numbered databases), `linli serve` with several gunicorn workers, `linli worker` (RQ) and a local
SMTP server; sets the site up by command (migrate, createsuperuser, community create/appoint);
imports households over HTTP as the site administrator; a resident joins with the code from the
letter, answers a survey and casts a vote over HTTP; a meeting reminder goes out through SMTP;
then a backup is taken, restored into a new database, and the data checked there.

    python scripts/deploy_smoke.py [--postgres postgres://postgres@127.0.0.1:5432]
                                   [--redis redis://127.0.0.1:6379/14] [--workers 3]

Exit status 0 when every step worked. Needs the `test` extra (aiosmtpd) and psycopg.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Smoke-test-pass-2026"

# Content an organiser makes on the survey, vote and meeting pages (each covered by its own
# tests); made here through the same services so the smoke test stays within minutes.
CONTENT = """
import json
from datetime import timedelta
from django.utils import timezone
from linli.core.models import Community, Household, User
from linli.surveys import services as surveys
from linli.surveys.models import Question as SurveyQuestion, Survey
from linli.votes import services as votes
from linli.votes.models import Question as VoteQuestion, Vote
from linli.meetings import services as meetings
from linli.meetings.models import Meeting

community = Community.objects.get(slug="smoke")
organiser = User.objects.get(email="organiser@smoke.example")
now = timezone.now()
survey = surveys.create_survey(organiser, community, Survey(
    title={"zh-hans": "院坝调查", "en": "Courtyard survey"}, languages=["zh-hans", "en"],
    mode=Survey.Mode.IDENTIFIED, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=7)))
surveys.save_question(organiser, survey, SurveyQuestion(
    survey=survey, section=survey.sections.get(), kind="single",
    text={"zh-hans": "您常去院坝吗？", "en": "Do you use the courtyard?"}, required=True),
    [{"zh-hans": "常去", "en": "Yes"}, {"zh-hans": "不去", "en": "No"}], None)
surveys.publish(organiser, survey)
vote = Vote.objects.create(community=community, title="先做哪一项？", unit=Vote.Unit.PERSON,
    results_shown=Vote.ResultsShown.AT_CLOSE, opens_at=now + timedelta(minutes=1),
    closes_at=now + timedelta(days=7), created_by=organiser)
question = votes.save_question(organiser, vote, VoteQuestion(text="你最希望先做哪一项？",
    ballot_type=VoteQuestion.BallotType.SINGLE), ["彩绘", "花园", "凉亭"])
votes.publish(organiser, vote)
Vote.objects.filter(pk=vote.pk).update(opens_at=now - timedelta(minutes=1))
starts = now + timedelta(hours=47)
meeting = Meeting(community=community, kind=Meeting.Kind.BRIEFING, title="院坝宣讲会",
    place="院坝", starts_at=starts, ends_at=starts + timedelta(hours=2))
meetings.save_meeting(organiser, meeting)
meetings.publish(organiser, meeting)
code = Household.objects.get(community=community, flat__name="101").invitation_code
print("CONTENT " + json.dumps({"survey": survey.pk, "vote": vote.pk,
    "question": vote.questions.get().pk,
    "options": list(vote.questions.get().options.values_list("pk", flat=True)),
    "meeting": meeting.pk, "code": code}))
"""

COUNTS = """
import json
from linli.core.models import Community, Household, Member
from linli.surveys.models import Response
from linli.votes.models import Ballot
from linli.meetings.models import Registration
print("COUNTS " + json.dumps({
    "communities": list(Community.objects.values_list("slug", flat=True)),
    "households": Household.objects.count(),
    "verified": Member.objects.filter(status="verified").count(),
    "responses": Response.objects.count(),
    "ballots": Ballot.objects.count(),
    "registrations": Registration.objects.count(),
}))
"""


def say(message: str) -> None:
    print(f"[deploy-smoke] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Site:
    """Runs `linli` commands and processes with one environment."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.processes: list[subprocess.Popen[bytes]] = []

    def run(self, *args: str, extra: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "linli.cli", *args],
            env={**self.env, **(extra or {})},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise SystemExit(f"linli {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def shell(self, code: str, marker: str) -> Any:
        out = self.run("shell", "-c", code)
        line = next(line for line in out.splitlines() if line.startswith(marker + " "))
        return json.loads(line[len(marker) + 1 :])

    def start(self, *args: str, log: Path) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "linli.cli", *args],
            env=self.env,
            cwd=ROOT,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


class Browser:
    """A cookie-keeping HTTP client that sends Django's CSRF token like a browser form does."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(
        self, path: str, data: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None
    ) -> tuple[int, str]:
        if not self._csrf():
            self.get(path)
        fields = {**data, "csrfmiddlewaretoken": self._csrf()}
        if files:
            boundary = uuid.uuid4().hex
            parts: list[bytes] = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(  # noqa: S310 - the base is always http://127.0.0.1
            self.base + path,
            data=body,
            headers={"Content-Type": content_type, "Referer": self.base + path},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def login(self, email: str, password: str) -> None:
        status, page = self.post("/accounts/login/", {"username": email, "password": password})
        if "/accounts/logout/" not in page:
            raise SystemExit(f"could not sign in as {email} ({status})")


def wait_until(what: str, check: Any, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except (OSError, urllib.error.URLError):
            result = None
        if result:
            return result
        time.sleep(0.5)
    raise SystemExit(f"timed out waiting for {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the databases and folders")
    args = parser.parse_args(argv)

    import psycopg
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self) -> None:
            self.messages: list[tuple[list[str], bytes]] = []

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    tag = uuid.uuid4().hex[:8]
    databases = [f"linli_smoke_{tag}", f"linli_smoke_{tag}_restored"]
    admin_db = psycopg.connect(f"{args.postgres}/postgres", autocommit=True)
    for name in databases:
        admin_db.execute(f'CREATE DATABASE "{name}"')
    import redis

    redis.Redis.from_url(args.redis).flushdb()
    work = Path(tempfile.mkdtemp(prefix="linli-smoke-"))
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    port = free_port()
    base_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LINLI_", "DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"))
    }
    env = {
        **base_env,
        "PYTHONPATH": str(ROOT),
        "LINLI_DATA_DIR": str(work / "data"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{args.postgres}/{databases[0]}",
        "REDIS_URL": args.redis,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "LINLI_MIGRATE_ON_START": "0",
        "LOG_LEVEL": "INFO",
    }
    site = Site(env)
    try:
        say("first run by command: migrate, createsuperuser, community create, appoint")
        site.run("migrate", "--verbosity", "0")
        site.run(
            "createsuperuser",
            "--noinput",
            extra={
                "DJANGO_SUPERUSER_EMAIL": "office@smoke.example",
                "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
                "DJANGO_SUPERUSER_NAME": "街道办",
            },
        )
        site.run("community", "create", "--slug", "smoke", "--name", "烟测社区", "--city", "成都市")
        site.run(
            "community",
            "appoint",
            "--slug",
            "smoke",
            "--email",
            "organiser@smoke.example",
            "--role",
            "organiser",
            "--name",
            "社工",
        )

        say(f"linli serve with {args.workers} workers, linli worker")
        web = site.start(
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            log=work / "web.log",
        )
        site.start("worker", log=work / "worker.log")
        browser = Browser(f"http://127.0.0.1:{port}")
        health = wait_until("the web processes", lambda: browser.get("/healthz"))
        assert json.loads(health[1]) == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "queue": "ok",
        }, health
        say("the organiser was invited by mail through SMTP")
        invitation = wait_until(
            "the invitation mail",
            lambda: [m for m in inbox.messages if "organiser@smoke.example" in m[0]],
        )
        link = re.search(
            rb"http://127\.0\.0\.1:\d+(/accounts/password/reset/\S+/)",
            invitation[0][1].replace(b"=\r\n", b""),
        )
        assert link, invitation[0][1][:2000]
        organiser = Browser(browser.base)
        # The link redirects to a set-password address (the token moves into the session).
        with organiser.opener.open(browser.base + link.group(1).decode(), timeout=60) as response:
            set_password = urllib.parse.urlparse(response.geturl()).path
        organiser.post(set_password, {"new_password1": PASSWORD, "new_password2": PASSWORD})
        organiser.login("organiser@smoke.example", PASSWORD)

        say("the site administrator imports households over HTTP")
        office = Browser(browser.base)
        office.login("office@smoke.example", PASSWORD)
        csv = "院落,栋,单元,户号,人数,联系人,电话\n梧桐院,1栋,1单元,101,3,王秀英,13800000001\n梧桐院,1栋,1单元,102,2,李建国,\n"
        status, page = office.post(
            "/c/smoke/manage/households/import/",
            {},
            files={"file": ("households.csv", csv.encode())},
        )
        token = re.search(r'name="token" value="([^"]+)"', page)
        assert token, page[:3000]
        office.post("/c/smoke/manage/households/import/", {"confirm": "1", "token": token.group(1)})

        content = site.shell(CONTENT, "CONTENT")
        say("a resident joins with the letter's code, answers the survey and votes over HTTP")
        resident = Browser(browser.base)
        status, page = resident.post(
            "/accounts/register/",
            {
                "name": "王秀英",
                "email": "wang@smoke.example",
                "phone": "",
                "password": PASSWORD,
                "language": "zh-hans",
                "code": content["code"],
                "community": "",
                "address": "",
            },
        )
        assert "/accounts/logout/" in page, page[:3000]
        survey_url = f"/c/smoke/surveys/{content['survey']}/answer/"
        resident.get(survey_url)
        status, page = resident.post(survey_url, {"section": "s1", "q1": "o1", "action": "next"})
        vote_url = f"/c/smoke/votes/{content['vote']}/"
        resident.get(vote_url)
        status, page = resident.post(
            vote_url, {f"q{content['question']}": str(content["options"][1])}
        )
        assert status == 200, page[:3000]
        meeting_url = f"/c/smoke/meetings/{content['meeting']}/"
        resident.get(meeting_url)
        resident.post(meeting_url, {"register": "1"})

        say("the sweep sends the 48-hour meeting reminder through SMTP")

        def mails_to_resident() -> int:
            return len([m for m in inbox.messages if "wang@smoke.example" in m[0]])

        time.sleep(3)  # let any confirmation of the registration arrive first
        before = mails_to_resident()
        site.run("sweep")  # every module's sweep, the meeting reminders included
        wait_until("the reminder mail", lambda: mails_to_resident() > before)

        counts = site.shell(COUNTS, "COUNTS")
        assert (
            counts["responses"] == 1 and counts["ballots"] == 1 and counts["registrations"] == 1
        ), counts
        logs = (work / "web.log").read_text().splitlines()
        requests = [
            json.loads(line) for line in logs if line.startswith("{") and '"request"' in line
        ]
        assert any(
            entry.get("path") == "/healthz" and entry.get("status") == 200 for entry in requests
        ), logs[-20:]

        say("backup, restore into a new database, check the data")
        archive = work / "backup.tar.gz"
        site.run("backup", str(archive))
        restored = Site(
            {
                **env,
                "DATABASE_URL": f"{args.postgres}/{databases[1]}",
                "LINLI_DATA_DIR": str(work / "restored"),
            }
        )
        restored.run("restore", str(archive))
        restored.run("migrate", "--verbosity", "0")
        again = restored.shell(COUNTS, "COUNTS")
        assert again == counts, (again, counts)
        web.poll()
        say(f"all steps passed: {json.dumps(counts, ensure_ascii=False)}")
        return 0
    finally:
        site.stop()
        smtp.stop()
        if not args.keep:
            for name in databases:
                admin_db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"kept {work} and databases {databases}")
        admin_db.close()


if __name__ == "__main__":
    sys.exit(main())
