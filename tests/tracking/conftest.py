"""A funded budget project and an awarded grant, built through their apps' services; messages
in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from linli.budgeting import services as budgeting
from tests.budgeting.conftest import closed_process, make_voters
from tests.grants.conftest import call, neighbours, panelists  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def lead(resident):  # type: ignore[no-untyped-def]
    from linli.core.models import Member

    return Member.objects.get(user=resident)


@pytest.fixture
def funded(community, organiser):  # type: ignore[no-untyped-def]
    """A budget project funded by a published outcome, with nobody on it yet."""
    process, _ideas = closed_process(community, organiser, make_voters(community, 4))
    return budgeting.funded(process)[0]
