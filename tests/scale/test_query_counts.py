"""Each page type an organiser or a resident reaches takes as many queries in a community three
times larger: no query per row (issue 23).

Two communities are generated alike, one of 100 households and one of 300 (three times the
members, responses, ballots, ledger rows ...); each page is fetched in both and the counts
compared. ``ALLOWED_GROWTH`` lists, with the reason, the pages allowed a few more queries.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.core.models import Community, Member, Role, User
from linli.scale.city import generate
from tests.conftest import client_for

from .pages import ORGANISER_PAGES, RESIDENT_PAGES, page_urls

pytestmark = pytest.mark.django_db

SMALL, LARGE = 100, 300

# Pages whose query count may grow by a documented constant between the two sizes (none now).
ALLOWED_GROWTH: dict[str, int] = {}

# Pages known to take a query per row, in code the branch that found them could not change, with
# where (none now). The test fails once such a page stops growing, so the entry goes with the fix.
KNOWN_PER_ROW: dict[str, str] = {}


def _resident_in(community: Community) -> User:
    """A resident with an account in the community (resident@ lives in the first one only)."""
    member = (
        Member.objects.filter(community=community, role=Role.RESIDENT, user__isnull=False)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert member is not None and member.user is not None
    return member.user


def _counts(user: User, community: Community, names: tuple[str, ...]) -> dict[str, int]:
    client = client_for(user)
    urls = page_urls(community)
    counts = {}
    for name in names:
        client.get(urls[name])  # warm: sessions, caches and lazy set-up are not the page's
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[name])
        assert response.status_code == 200, (user.email, name, urls[name])
        counts[name] = len(queries)
    return counts


def test_page_query_counts_do_not_grow_with_the_community():
    generate(2, SMALL + LARGE, sizes=[SMALL, LARGE], say=lambda _line: None)
    small, large = Community.objects.order_by("slug")
    organiser = User.objects.get(email="organiser@example.org")
    grown, fixed = {}, []
    for who, names in (("organiser", ORGANISER_PAGES), ("resident", RESIDENT_PAGES)):
        user_small = organiser if who == "organiser" else _resident_in(small)
        user_large = organiser if who == "organiser" else _resident_in(large)
        at_small = _counts(user_small, small, names)
        at_large = _counts(user_large, large, names)
        for name in names:
            grows = at_large[name] > at_small[name] + ALLOWED_GROWTH.get(name, 0)
            if grows and name not in KNOWN_PER_ROW:
                grown[f"{who}: {name}"] = (at_small[name], at_large[name])
            elif not grows and name in KNOWN_PER_ROW:
                fixed.append(f"{who}: {name}")
    assert not grown, f"queries that grow with the data (small, 3x): {grown}"
    assert not fixed, f"no longer a query per row, take them out of KNOWN_PER_ROW: {fixed}"
