"""Load scenarios for a district made by ``linli generate_city`` (issue 23): loopback only,
bounded by the run's ``-t`` and by the residents prepared (each votes, answers and registers
once, as the services allow).

User classes, one scenario each (run.py starts them one at a time):
``TrivialUser`` (GET /healthz, the in-run baseline), ``BrowseUser`` (a community's pages),
``SurveyUser`` (answer the open survey), ``VoteUser`` (cast a ballot in the open vote),
``MeetingUser`` (register for the coming meeting). Targets and tokens come from prepare.py
(``LINLI_LOAD_FIXTURE``).
"""

from __future__ import annotations

import json
import os
import random
import threading

from locust import HttpUser, constant, task
from locust.exception import StopUser

with open(os.environ.get("LINLI_LOAD_FIXTURE", "/tmp/linli-load.json")) as fixture:
    TARGETS = json.load(fixture)

_lock = threading.Lock()
_queues = {
    kind: iter([(t, token) for t in TARGETS for token in t["tokens"]])
    for kind in ("vote", "survey", "meeting")
}


def _next(kind: str) -> tuple[dict, str]:
    """A resident who has not yet done ``kind``: each token is used once per scenario."""
    with _lock:
        found = next(_queues[kind], None)
    if found is None:
        raise StopUser()
    return found


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


class TrivialUser(HttpUser):
    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="GET /healthz (baseline)")


class BrowseUser(HttpUser):
    wait_time = constant(0)
    pages = ("", "surveys/", "votes/", "meetings/", "proposals/", "volunteering/", "sharing/")

    @task
    def browse(self) -> None:
        slug = random.choice(TARGETS)["slug"]
        page = random.choice(self.pages)
        self.client.get(f"/c/{slug}/{page}", name=f"GET /c/[slug]/{page}")


class VoteUser(HttpUser):
    wait_time = constant(0)

    @task
    def cast(self) -> None:
        target, token = _next("vote")
        choice = random.choices(target["options"], weights=[4, 3, 2, 1][: len(target["options"])])
        body = {"answers": {str(target["question"]): choice}}
        url = f"/api/communities/{target['slug']}/votes/{target['vote']}/ballot"
        self.client.post(url, json=body, headers=_auth(token), name="POST ballot")


class SurveyUser(HttpUser):
    wait_time = constant(0)

    @task
    def answer(self) -> None:
        target, token = _next("survey")
        answers = {
            "q1": f"o{random.randint(1, 4)}",
            "q2": sorted(random.sample(["o1", "o2", "o3", "o4", "o5"], 2)),
            "q3": random.randint(1, 5),
        }
        url = f"/api/communities/{target['slug']}/surveys/{target['survey']}/responses"
        self.client.post(url, json={"answers": answers}, headers=_auth(token), name="POST survey")


class MeetingUser(HttpUser):
    wait_time = constant(0)

    @task
    def register(self) -> None:
        target, token = _next("meeting")
        url = f"/api/communities/{target['slug']}/meetings/{target['meeting']}/registration"
        self.client.post(url, json={}, headers=_auth(token), name="POST registration")
