"""The demo community, loaded once for every test in this folder.

Loading the demo runs every module's services (about a minute on a busy machine), so the tests that
check what the demo holds share one load: it happens inside an outer transaction that is rolled
back when the last test here has run, and each test runs in a savepoint inside it (pytest-django's
``db``), so a test that changes demo data leaves the next one the demo as loaded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import connections, transaction


@pytest.fixture(scope="package")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connections.close_all()
