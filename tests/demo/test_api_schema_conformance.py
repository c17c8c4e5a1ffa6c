"""Schemathesis against /api/openapi.json: no 5xx and no answer that contradicts the schema.

It runs on the demo community with an organiser's and a resident's API token, on a small,
derandomized budget (8 examples an operation, no shrinking) so that the normal suite and CI
run it in about two minutes. Ids come from the demo's collections, so real objects are reached.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from linli.core.api_tokens import SCOPES, create_token
from linli.core.models import User

EXAMPLES_PER_OPERATION = 8
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
]


@pytest.fixture
def wsgi_app(demo: None, db: None) -> Iterator[object]:
    # The test runs in one transaction; Django closes "old" connections at the start and end of
    # each WSGI request, which would end it (on PostgreSQL). Django's own test client
    # disconnects the same signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _real_ids(client: Client, headers: dict[str, str], path: str, slug: str) -> list[int]:
    """A few ids from the collection an operation's {pk} belongs to (GET .../things). Sent
    through WSGI like the cases: Django's test client would connect the signals above again."""
    if "{pk}" not in path:
        return []
    collection = path.split("/{pk}")[0].replace("{slug}", slug)
    response = client.get(collection, headers=headers)
    if response.status_code != 200:
        return []
    items = response.get_json()
    return [item["id"] for item in items[:3] if isinstance(item, dict) and "id" in item]


def _fuzz(schema: schemathesis.BaseSchema, app: object, token: str, slug: str) -> list[str]:
    """Run every operation with a small budget; return the failures as readable lines."""
    failures: list[str] = []
    headers = {"Authorization": f"Bearer {token}"}
    client = Client(app)
    for result in schema.get_all_operations():
        operation = result.ok()
        path_parameters = {"slug": slug} if "{slug}" in operation.path else None
        strategies = [operation.as_strategy(path_parameters=path_parameters)]
        # Random ids mostly miss; real ones from the collection reach the code behind them.
        for pk in _real_ids(client, headers, operation.path, slug):
            strategies.append(operation.as_strategy(path_parameters={"slug": slug, "pk": pk}))
        strategy = st.one_of(strategies)

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case: schemathesis.Case) -> None:
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            run()
        # Collect every operation's failures, so that one run shows everything to fix.
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.label}: {type(error).__name__}: {str(error)[:1500]}")
    return failures


def test_the_api_gives_no_server_error_and_no_schema_mismatch(wsgi_app: object) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    failures: list[str] = []
    for email in ["organiser@example.org", "resident@example.org"]:
        token = create_token(User.objects.get(email=email), "schemathesis", scopes=SCOPES)
        failures += [f"[{email}] {line}" for line in _fuzz(schema, wsgi_app, token, "yinxing")]
    assert not failures, "\n\n".join(failures)
