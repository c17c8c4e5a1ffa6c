"""GETs never write: crawl the demo site as each kind of person and fail on any INSERT, UPDATE or
DELETE the database sees while a GET is being served.

The crawl follows same-site links from the home page and the demo community's pages, one URL per
URL pattern name and person (the first link found), skipping logging out and downloads, within a
time budget per person so the whole test stays under a minute. Only request state may be written
while reading: the session, the throttles' counters, the cache table and ``last_login``."""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve

from linli.core.models import User

PEOPLE = [
    None,
    "resident@example.org",
    "leader@example.org",
    "organiser@example.org",
    "admin@example.org",
]
SECONDS_PER_PERSON = 10.0
START = ["/", "/c/yinxing/", "/me/", "/me/notifications/"]

# Paths never followed: leaving, files, the Django admin (its own app), the API's JSON.
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/api/", "/accounts/logout", "/logout")
DOWNLOAD = re.compile(r"\.(pdf|csv|json|ics|xlsx|zip|svg|png|jpg|txt)(\?|$)|[?&](format|download)=")

# Tables written as request state, not data: allowed during a GET.
REQUEST_STATE_TABLES = {"django_session", "linli_cache", "django_cache"}
REQUEST_STATE_PREFIXES = ("axes_", "ratelimit")

# GET writes found by this test in modules being fixed elsewhere (issue 16); the merge empties it.
# Each is a URL pattern name whose GET writes a model today.
# Every GET that once wrote (reviews' term expiry, the calendar feed, the sharing box, sealing
# the ballot box, issuing a certificate) now writes through a command or a sweep: none is excused.
KNOWN_GET_WRITES: set[str] = set()

WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)[\"`]?", re.IGNORECASE)


def written_table(sql: str) -> str | None:
    """The table an INSERT/UPDATE/DELETE writes, or None for a read or request state."""
    match = WRITE.match(sql)
    if match is None:
        return None
    table = match.group(2).lower()
    if table in REQUEST_STATE_TABLES or table.startswith(REQUEST_STATE_PREFIXES):
        return None
    if table == "core_user" and _sets_only_last_login(sql):
        return None  # signing in records when; nothing else about the account
    return table


def _sets_only_last_login(sql: str) -> bool:
    assignments = re.split(r"\bWHERE\b", sql, flags=re.I)[0].split("SET", 1)[-1]
    return "last_login" in assignments and "," not in assignments


@contextmanager
def writes_recorded(into: list[str]) -> Iterator[None]:
    def watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        table = written_table(sql)
        if table is not None:
            into.append(table)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.found.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    paths = []
    for href in parser.found:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # another site, mailto:, tel:, a fragment on this page
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(SKIP_PREFIXES) or DOWNLOAD.search(path):
            continue
        paths.append(path)
    return paths


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


# URL names some person's crawl has reached: the next person visits names new to the whole crawl
# first, so the time budget is spent where it adds most.
REACHED: set[str] = set()


def crawl(client: Client, budget: float) -> tuple[dict[str, list[str]], set[str]]:
    """The URL names reached and, for those whose GET wrote, the tables written."""
    found: dict[str, list[str]] = {}
    seen: set[str] = set()
    fresh, again = deque(START), deque[str]()
    stop = time.monotonic() + budget
    while (fresh or again) and time.monotonic() < stop:
        path = fresh.popleft() if fresh else again.popleft()
        name = url_name(path)
        if name is None or name in seen:
            continue
        if name in REACHED and fresh and path not in START:
            again.append(path)
            continue
        seen.add(name)
        REACHED.add(name)
        written: list[str] = []
        with writes_recorded(written):
            response = client.get(path)
        if written:
            found[name] = sorted(set(written))
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            fresh.extend(links_in(response.content.decode("utf-8", "replace")))
    return found, seen


@pytest.mark.parametrize("email", PEOPLE, ids=lambda e: (e or "anonymous").split("@")[0])
def test_no_get_writes_anything_but_request_state(demo, db, email):
    client = Client()
    if email is not None:
        client.force_login(User.objects.get(email=email))
    found, seen = crawl(client, SECONDS_PER_PERSON)
    assert len(seen) >= 10, f"the crawl reached too little: {sorted(seen)}"
    unexpected = {name: tables for name, tables in found.items() if name not in KNOWN_GET_WRITES}
    assert unexpected == {}, "a GET wrote: move the write into a command run by a POST"


def test_the_write_detector_tells_writes_from_request_state():
    assert written_table('INSERT INTO "core_notification" ("user_id") VALUES (1)')
    assert written_table('UPDATE "votes_vote" SET "sealed_at" = now()') == "votes_vote"
    assert written_table('DELETE FROM "core_demographics" WHERE id = 1')
    assert written_table('SELECT * FROM "core_user"') is None
    assert written_table('UPDATE "django_session" SET "session_data" = 1') is None
    assert written_table('UPDATE "core_user" SET "last_login" = 1 WHERE "id" = 2') is None
    assert written_table('UPDATE "core_user" SET "last_login" = 1, "name" = 2 WHERE "id" = 2')
