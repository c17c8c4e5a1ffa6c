"""No count of a secret vote is shown while it is open, to anyone, on any path.

The attack (issue 15): on a vote with live results, the count moved by exactly one ballot right
after one known voter voted, which told how that person voted. Showing counts only in batches
does not help against someone who casts (or knows) the rest of a batch, so open votes show none;
"live" votes show the count to everyone as soon as they close."""

from __future__ import annotations

import pytest

from linli.core.models import Role
from linli.votes import services
from tests.conftest import client_for, make_person
from tests.votes.helpers import close, make_vote, option_ids, qkey


@pytest.fixture
def live(community, organiser):
    return make_vote(community, organiser, results_shown="live")


def test_it_shows_no_count_while_the_vote_is_open(live, community, household, people):
    _a, b, _c = option_ids(live)
    watcher = make_person(community, "watcher@test.org", Role.RESIDENT, household)
    url = f"/c/{community.slug}/votes/{live.pk}/results/"
    api = f"/api/communities/{community.slug}/votes/{live.pk}/results"
    before = client_for(watcher).get(url)
    known = make_person(community, "known@test.org", Role.RESIDENT, household)
    services.cast(known, live, {qkey(live): [b]})
    for role in ["community_admin", "organiser", "leader", "resident", "anonymous"]:
        client = client_for(people[role])
        assert client.get(url).status_code == 403, role
        assert client.get(api).status_code == 403, role
    assert before.status_code == 403
    assert not services.results_visible(people["organiser"], live)


def test_it_shows_the_count_to_everyone_once_a_live_vote_closes(live, community, resident):
    a, *_ = option_ids(live)
    services.cast(resident, live, {qkey(live): [a]})
    close(live)
    assert client_for(None).get(f"/c/{community.slug}/votes/{live.pk}/results/").status_code == 200
