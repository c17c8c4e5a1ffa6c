"""Every route of every linli app has a role table, and answers each role exactly as it says.

The tables are in ``tests/<app>/routes.py`` (see ``tests/route_tables.py``). The routes are taken
from the URL conf, so a new page or API call without a table fails here with its name. Each route
is then requested as each of eight roles against the demo community (loaded once for this file),
with the ids of real demo objects found by following the links of the demo's own pages, and the
outcome must be exactly the table's: a signed-in person who may not is answered 403 or 404, never
sent to the sign-in page.

``ROUTE_TABLES_WRITE=1`` writes the observed outcomes of the routes missing from the tables into
the tables (to start a new app's table; review every line before committing it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from linli.core.models import Community, Member, Role, User
from tests.route_tables import (
    ROLES,
    TESTS,
    format_row,
    linli_routes,
    load_samples,
    load_tables,
)

# The databases are created only for a session whose tests ask for them.
pytestmark = pytest.mark.django_db

DEMO = "yinxing"
WRITE = os.environ.get("ROUTE_TABLES_WRITE") == "1"
LINK = re.compile(r"""(?:href|action|formaction|hx-post|hx-get|data-url)=["']([^"'#]+)["']""")


def test_every_route_is_in_a_role_table():
    expectations, unrequested = load_tables()
    routes = linli_routes()
    missing = sorted(set(routes) - set(expectations) - set(unrequested))
    assert not missing or WRITE, (
        "routes without a role table (add them to tests/<app>/routes.py): "
        + ", ".join(f"{name} ({routes[name][1]})" for name in missing)
    )
    gone = sorted((set(expectations) | set(unrequested)) - set(routes))
    assert gone == [], f"role tables name routes that no longer exist: {gone}"
    # A sample is for a route the tables request: one left unrequested would be built for nothing.
    idle = sorted(set(load_samples()) - set(expectations))
    assert idle == [], f"samples for routes without a row in a role table: {idle}"


def test_few_routes_are_left_unrequested():
    """Routes in ``UNREQUESTED`` are ones no demo page links to yet; the list only shrinks."""
    _expectations, unrequested = load_tables()
    # 115 when the tables were made; +6 with governance, feedback, disclosure, the certificate's
    # download and the paper score sheets and the signature of an inspection, whose objects no demo page links to yet;
    # +1 for the disclosure API's objection (a JSON POST no page links to); -12 when the routes
    # issue 24 named (reviews sign, conflict, release; governance resign; proposals edit and
    # add_coauthor; budgeting appeal and merge; the API's get_call, get_team, get_activity and
    # toggle_support) were requested at the demo objects their tables' SAMPLES find; +3 for a
    # hearing's forms (to speak, testimony, the response: each shown only in its phase); +1 for
    # sharing's waiting list, offered only on an item that cannot be borrowed today (issue 22).
    assert len(unrequested) <= 115, sorted(unrequested)


# --- the demo and its people ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_people(django_db_setup, django_db_blocker) -> Iterator[dict[str, User | None]]:  # type: ignore[no-untyped-def]
    """The demo, loaded once inside a transaction rolled back at the end, and one user per role."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield _people()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connections.close_all()


def _person(email: str, community: Community, role: str, status: str) -> User:
    user = User.objects.create_user(email=email, password="a-Strong-pass-42", name=email[:8])
    Member.objects.create(
        community=community,
        user=user,
        name=user.name,
        role=role,
        status=status,
        verified_at=timezone.now() if status == Member.Status.VERIFIED else None,
    )
    return user


def _people() -> dict[str, User | None]:
    main = Community.objects.get(slug=DEMO)
    other = Community.objects.exclude(slug=DEMO).order_by("pk").first()
    assert other is not None
    verified, pending = Member.Status.VERIFIED, Member.Status.PENDING
    return {
        "anonymous": None,
        "outsider": _person("routes-outsider@test.org", other, Role.RESIDENT, verified),
        "pending": _person("routes-pending@test.org", main, Role.RESIDENT, pending),
        "resident": User.objects.get(email="resident@example.org"),
        "leader": User.objects.get(email="leader@example.org"),
        "organiser": User.objects.get(email="organiser@example.org"),
        "community_admin": _person("routes-admin@test.org", main, Role.COMMUNITY_ADMIN, verified),
        "site_admin": User.objects.get(email="admin@example.org"),
    }


def _client(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def outcome(response) -> str:  # type: ignore[no-untyped-def]
    if response.status_code in (301, 302, 303):
        target = urlsplit(response["Location"]).path
        return "login" if target == reverse("core:login") else "302"
    return str(response.status_code)


def request(client: Client, method: str, url: str):  # type: ignore[no-untyped-def]
    """One request whose writes are rolled back, so the next one sees the demo as loaded."""
    cache.clear()  # throttles count per test elsewhere; here every request starts afresh
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return response


# --- finding a real object for each route ---------------------------------------------------------


def _fill(route: str) -> str | None:
    """A URL for a route whose only parameter is the community (or none)."""
    params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    if any(name != "slug" for _converter, name in params) or "(?P" in route:
        return None
    return re.sub(r"<(?:\w+:)?slug>", DEMO, route)


@pytest.fixture(scope="module")
def sample_urls(demo_people) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """One URL per route name, found by following the demo's links as the people who see most."""
    routes = linli_routes()
    found: dict[str, str] = {}
    queue: list[str] = []
    for name, (_app, route) in routes.items():
        url = _fill(route)
        if url is not None:
            found[name] = url
            queue.append(url)
    for role in ("site_admin", "resident"):  # who sees most, and who sees their own things
        client = _client(demo_people[role])
        seen: set[str] = set()
        pending = list(queue) + [u for u in found.values() if u not in queue]
        # Other objects' pages of routes already found (a closed budget's page beside the open
        # one's): crawled only after the first pass, so what that pass finds stays the same.
        others: list[tuple[str, str]] = []
        for _round in range(2):
            while pending and len(found) < len(routes):
                url = pending.pop(0)
                if url in seen:
                    continue
                seen.add(url)
                response = request(client, "GET", url)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for link in LINK.findall(response.content.decode("utf-8", "replace")):
                    path = urlsplit(unescape(link)).path
                    if not path.startswith("/") or path.startswith("/static/"):
                        continue
                    try:
                        match = resolve(path)
                    except Resolver404:
                        continue
                    if match.view_name not in routes or match.kwargs.get("slug", DEMO) != DEMO:
                        continue
                    if match.view_name not in found:
                        found[match.view_name] = path
                        pending.append(path)
                    elif path not in seen and sum(o == match.view_name for o, _p in others) < 3:
                        others.append((match.view_name, path))
            pending = [path for _name, path in others]
            others = []
    for name, make in load_samples().items():
        if name not in found:  # a page that links to it is the better witness
            url = make(DEMO)
            if url is not None:
                found[name] = url
    return found


# --- the outcomes ------------------------------------------------------------------------------


def observe(demo_people, url: str, method: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {role: outcome(request(_client(demo_people[role]), method, url)) for role in ROLES}


def _apps() -> list[str]:
    return sorted({app for app, _route in linli_routes().values()})


@pytest.mark.parametrize("app", _apps())
def test_each_route_answers_each_role_as_its_table_says(app, demo_people, sample_urls):
    expectations, unrequested = load_tables()
    routes = {name: route for name, (owner, route) in linli_routes().items() if owner == app}
    if WRITE:
        _write_table(app, routes, expectations, unrequested, demo_people, sample_urls)
        return
    wrong = []
    for name in sorted(routes):
        if name in unrequested:
            continue
        expected = expectations[name]
        url = sample_urls.get(name)
        assert url is not None, (
            f"{name}: no demo page links to it any more; move it to UNREQUESTED with why"
        )
        got = observe(demo_people, url, expected.method)
        if got != expected.outcomes:
            diff = ", ".join(
                f"{role} {expected.outcomes[role]}->{got[role]}"
                for role in ROLES
                if got[role] != expected.outcomes[role]
            )
            wrong.append(f"{name} {expected.method} {url}: {diff}")
    assert wrong == [], "outcomes differ from the role tables:\n" + "\n".join(wrong)


def _write_table(app, routes, expectations, unrequested, demo_people, sample_urls) -> None:  # type: ignore[no-untyped-def]
    rows: dict[str, str] = {}
    left: dict[str, str] = {}
    for name in sorted(routes):
        if name in expectations or name in unrequested:
            continue
        url = sample_urls.get(name)
        if url is None:
            left[name] = "no demo page links to an object for it"
            continue
        method = "GET"
        if request(_client(demo_people["site_admin"]), "GET", url).status_code == 405:
            method = "POST"
        rows[name] = format_row(method, observe(demo_people, url, method))
    if not rows and not left:
        return
    path = TESTS / app / "routes.py"
    path.parent.mkdir(exist_ok=True)
    (path.parent / "__init__.py").touch()
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER.format(app=app)
    text += "\nROUTES |= {\n" + "".join(f'    "{n}": "{r}",\n' for n, r in rows.items()) + "}\n"
    text += "\nUNREQUESTED |= {\n" + "".join(f'    "{n}": "{w}",\n' for n, w in left.items())
    text += "}\n"
    path.write_text(text, encoding="utf-8")


_HEADER = '''"""Role table of {app}: what each role gets from each route (see tests/route_tables.py)."""

from __future__ import annotations

# fmt: off
#        method anonymous outsider pending resident leader organiser community_admin site_admin
ROUTES: dict[str, str] = {{}}
UNREQUESTED: dict[str, str] = {{}}
'''
