"""The booth lists names, flats and who has voted: only while the vote is open, only to the
vote's officers (and organisers), only narrow matches, and throttled.

The attack (issue 15): any leader could list names, flats and voted/not-voted of any vote,
closed ones too, with broad searches, as often as they liked."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from linli.core.models import Member, Role
from linli.core.services import ServiceError
from linli.votes import services
from tests.conftest import client_for, make_household, make_person
from tests.votes.helpers import close, make_vote


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    cache.clear()


@pytest.fixture
def vote(community, organiser, leader):
    vote = make_vote(community, organiser)
    vote.officers.add(leader)
    return vote


def test_it_refuses_a_leader_who_is_not_an_officer_of_the_vote(
    community, organiser, leader, resident
):
    other = make_person(community, "other-leader@test.org", Role.LEADER)
    vote = make_vote(community, organiser)
    vote.officers.add(leader)
    with pytest.raises(PermissionDenied, match=r"^votes\.booth$"):
        services.booth_search(other, vote, "resident")
    with pytest.raises(PermissionDenied, match=r"^votes\.booth$"):
        services.mark_paper_voter(other, vote, Member.objects.get(user=resident))
    response = client_for(other).get(f"/c/{community.slug}/votes/{vote.pk}/booth/?q=resident")
    assert response.status_code == 403
    assert "resident" not in response.content.decode().split("<main", 1)[-1]


def test_it_lists_nobody_once_the_vote_has_closed(vote, community, leader, organiser):
    close(vote)
    for who in (leader, organiser):
        with pytest.raises(ServiceError, match="only while the vote is open"):
            services.booth_search(who, vote, "resident")
    page = client_for(leader).get(f"/c/{community.slug}/votes/{vote.pk}/booth/?q=resident")
    text = page.content.decode()
    # the page follows the officer's language (zh-Hans here) whatever the test's own
    assert "only while the vote is open" in text or "只有在投票进行期间才能查找投票名册" in text
    assert "<tbody>" not in text


def test_it_refuses_broad_searches(vote, community, leader):
    flat = make_household(community, ["梧桐院", "3栋", "1单元", "101"])
    for i in range(11):
        make_person(community, f"wang{i}@test.org", Role.RESIDENT, flat)
        Member.objects.filter(user__email=f"wang{i}@test.org").update(name=f"王家{i}")
    with pytest.raises(ServiceError, match="at least 2 characters"):
        services.booth_search(leader, vote, "王")
    with pytest.raises(ServiceError, match="More than 10 people match"):
        services.booth_search(leader, vote, "王家")
    assert len(services.booth_search(leader, vote, "王家1")) == 2  # 王家1 and 王家10
    with pytest.raises(ServiceError, match="at least 2 characters"):
        services.booth_search(leader, vote, "1")


def test_it_throttles_each_officer(vote, leader, organiser, resident):
    for _ in range(services.BOOTH_SEARCHES):
        services.booth_search(leader, vote, "resident")
    with pytest.raises(ServiceError, match="Too many searches"):
        services.booth_search(leader, vote, "resident")
    assert services.booth_search(organiser, vote, "resident")  # counted per officer


def test_a_named_officer_finds_one_voter_and_marks_them(vote, community, leader, resident):
    [(found, entry)] = services.booth_search(leader, vote, "resident")
    assert found.user == resident and entry is None
    services.mark_paper_voter(leader, vote, found)
    [(_found, entry)] = services.booth_search(leader, vote, "resident")
    assert entry is not None and entry.channel == "paper"
