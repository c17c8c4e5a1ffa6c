"""Role x route tables: what each role gets from each page and API call (issue 24).

Each app keeps its table in ``tests/<app>/routes.py``::

    ROUTES = {
        #                      anonymous outsider pending resident leader organiser c_admin site
        "budgeting:idea_new": "GET  login  403      403     200      200    200       200     200",
    }
    UNREQUESTED = {"budgeting:results_pb": "why no test can request it yet"}
    SAMPLES = {"budgeting:appeal": appeal_of_first_idea}  # slug -> URL, for routes no page links

Columns follow :data:`ROLES`. An outcome is an HTTP status (``200``, ``403``, ``404``...), ``login``
(a redirect to the sign-in page: for the anonymous visitor only) or ``302`` (any other redirect:
a success that goes on to another page, never a signed-in denial). The method is the one the
route is requested with: ``GET``, or ``POST`` with an empty form for routes that only take POST
(each POST runs in a savepoint that is rolled back). ``tests/core/test_every_route_has_a_role_table.py``
checks that every URL pattern of every linli app is in a table and requests each one as each role
against the demo. A route whose objects no demo page links to (an API call with an id, a form
behind a phase the crawl does not reach) gives ``SAMPLES`` a function that builds its URL from the
first fitting demo object, so it is requested too rather than left in ``UNREQUESTED``. A new app adds
``tests/<app>/routes.py``; nothing else changes.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

TESTS = Path(__file__).resolve().parent
ROLES = (
    "anonymous",
    "outsider",
    "pending",
    "resident",
    "leader",
    "organiser",
    "community_admin",
    "site_admin",
)
OUTCOME = re.compile(r"^(login|\d{3})$")


@dataclass(frozen=True)
class Expectation:
    name: str
    method: str
    outcomes: dict[str, str]
    table: str


def app_of(callback_module: str, name: str) -> str:
    """The app whose table holds a route: the linli app of its view; ``api`` for the API."""
    if name.startswith("api:"):
        return "api"
    return callback_module.split(".")[1]


def linli_routes() -> dict[str, tuple[str, str]]:
    """Every named URL pattern of every linli app: name -> (app, route pattern)."""
    found: dict[str, tuple[str, str]] = {}

    def walk(resolver: URLResolver, namespace: str, prefix: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern, inner, route)
                continue
            assert isinstance(pattern, URLPattern)
            module = getattr(pattern.callback, "__module__", "") or ""
            name = namespace + (pattern.name or "")
            if not pattern.name:
                continue
            if module.startswith("linli.") or name.startswith("api:"):
                found.setdefault(name, (app_of(module, name), route))

    walk(get_resolver(), "", "/")
    return found


def table_files() -> list[Path]:
    return sorted(TESTS.glob("*/routes.py"))


def load_tables() -> tuple[dict[str, Expectation], dict[str, str]]:
    """All tables: the expectations by route name, and the routes declared not requested yet."""
    expectations: dict[str, Expectation] = {}
    unrequested: dict[str, str] = {}
    for path in table_files():
        module = importlib.import_module(f"tests.{path.parent.name}.routes")
        for name, row in getattr(module, "ROUTES", {}).items():
            assert name not in expectations, f"{name} is in two tables"
            expectations[name] = parse_row(name, row, str(path.relative_to(TESTS.parent)))
        for name, why in getattr(module, "UNREQUESTED", {}).items():
            assert name not in expectations and name not in unrequested, f"{name} twice"
            unrequested[name] = why
    return expectations, unrequested


def load_samples() -> dict[str, Callable[[str], str | None]]:
    """Routes no demo page links to: name -> a function of the community's slug giving the URL
    of a demo object for it (None when the demo has none, which the role test reports)."""
    samples: dict[str, Callable[[str], str | None]] = {}
    for path in table_files():
        module = importlib.import_module(f"tests.{path.parent.name}.routes")
        for name, make in getattr(module, "SAMPLES", {}).items():
            assert name not in samples, f"{name} has two samples"
            samples[name] = make
    return samples


def parse_row(name: str, row: str, table: str) -> Expectation:
    method, *outcomes = row.split()
    assert method in ("GET", "POST"), f"{table}: {name}: method {method!r}"
    assert len(outcomes) == len(ROLES), f"{table}: {name}: {len(ROLES)} outcomes, one per role"
    for role, outcome in zip(ROLES, outcomes, strict=True):
        assert OUTCOME.match(outcome), f"{table}: {name}: {role}: {outcome!r}"
        assert role == "anonymous" or outcome != "login", (
            f"{table}: {name}: {role} is signed in: a denial is 403 or 404, not the login page"
        )
    return Expectation(name, method, dict(zip(ROLES, outcomes, strict=True)), table)


def format_row(method: str, outcomes: dict[str, str]) -> str:
    return " ".join([f"{method:4}", *(f"{outcomes[role]:5}" for role in ROLES)]).rstrip()
