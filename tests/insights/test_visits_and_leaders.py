"""Home visits logged and counted (leaders and staff); the leader pipeline: suggested from the
ledger or a visit, moved through its stages with notes, by organisers."""

from __future__ import annotations

import pytest

from linli.core.kit import Forbidden
from linli.core.models import Member
from linli.insights import queries, services
from linli.insights.models import HomeVisit, LeaderCandidate
from linli.participation.models import Act
from tests.conftest import client_for


def test_a_leader_logs_a_visit_which_is_counted_and_consults_the_resident(
    community, leader, resident, household
):
    member = Member.objects.get(user=resident)
    client = client_for(leader)
    url = f"/c/{community.slug}/insights/visits/"
    response = client.post(
        url,
        {
            "household": household.pk,
            "visited_on": "2026-11-30",
            "resident": member.pk,
            "concerns": "楼道灯坏了",
            "follow_ups": "报物业",
            "possible_leader": "on",
        },
    )
    assert response.status_code == 302
    visit = HomeVisit.objects.get()
    assert visit.visitor == leader and visit.possible_leader
    act = Act.objects.get()
    assert (act.member, act.depth, act.channel) == (member, 2, "door_to_door")
    assert queries.visits_by_courtyard(community) == [("梧桐院", 1, 1)]
    assert client.get(url).status_code == 200


def test_a_resident_may_not_log_visits(community, resident, household):
    with pytest.raises(Forbidden, match=r"^insights\.visit$"):
        services.log_visit(resident, household)
    assert client_for(resident).get(f"/c/{community.slug}/insights/visits/").status_code == 403


def test_candidates_are_suggested_from_the_ledger_and_moved_with_notes(
    community, organiser, resident, household
):
    member = Member.objects.get(user=resident)
    for number, depth in ((1, 3), (2, 4)):  # came to a meeting, then spoke at one
        Act.objects.create(
            member=member,
            household=household,
            community=community,
            method="meeting",
            channel="in_person",
            depth=depth,
            source_type="test",
            source_id=str(number),
        )
    assert queries.leader_suggestions(community) == [member]
    client = client_for(organiser)
    url = f"/c/{community.slug}/insights/leaders/{member.pk}/stage/"
    client.post(url, {"stage": "invited"})
    client.post(url, {"stage": "joined_team", "note": "加入院落美化小组"})
    candidate = LeaderCandidate.objects.get()
    assert candidate.stage == "joined_team" and "加入院落美化小组" in candidate.notes
    assert queries.leader_suggestions(community) == []
    assert client.get(f"/c/{community.slug}/insights/leaders/").status_code == 200


def test_only_organisers_move_candidates(community, leader, resident):
    member = Member.objects.get(user=resident)
    response = client_for(leader).post(
        f"/c/{community.slug}/insights/leaders/{member.pk}/stage/", {"stage": "invited"}
    )
    assert response.status_code == 403 and not LeaderCandidate.objects.exists()
