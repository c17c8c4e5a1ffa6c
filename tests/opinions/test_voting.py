"""A resident votes on one statement at a time; one vote per statement, which she may change."""

from __future__ import annotations

import pytest

from linli.core.kit import Refused
from linli.core.permissions import member_of
from linli.opinions import queries, services
from linli.opinions.models import Statement, Vote
from linli.participation.models import Act, Depth
from tests.conftest import client_for


def test_a_resident_votes_through_the_statements_one_at_a_time(resident, conversation):
    client = client_for(resident)
    url = f"/c/{conversation.community.slug}/opinions/{conversation.pk}/"
    seen = []
    for _ in range(conversation.statements.count()):
        page = client.get(url)
        statement = page.context["statement"]
        seen.append(statement.number)
        assert statement.text in page.content.decode()
        response = client.post(url + "vote/", {"statement": statement.pk, "choice": "1"})
        assert response.status_code == 302
    assert sorted(seen) == list(range(1, 9))
    page = client.get(url)
    assert page.context["statement"] is None
    assert page.context["progress"].remaining == 0
    assert Vote.objects.filter(member__user=resident).count() == 8


def test_voting_again_changes_the_vote(resident, conversation):
    statement = conversation.statements.first()
    services.vote(resident, conversation, statement, 1)
    services.vote(resident, conversation, statement, -1)
    votes = Vote.objects.filter(statement=statement)
    assert [v.choice for v in votes] == [-1]


def test_voting_is_recorded_once_in_the_ledger_as_consulted(resident, conversation):
    for statement in conversation.statements.all()[:3]:
        services.vote(resident, conversation, statement, 0)
    acts = Act.objects.filter(member__user=resident, method="opinions")
    assert acts.count() == 1
    assert acts.get().depth == Depth.CONSULTED and acts.get().channel == "online"


def test_a_rejected_or_waiting_statement_takes_no_votes(resident, leader, organiser, conversation):
    waiting = services.submit_statement(leader, conversation, "电梯要有人管理。")
    with pytest.raises(Refused, match=r"^这条观点现在不能表态。$"):
        services.vote(resident, conversation, waiting, 1)
    services.moderate(organiser, waiting, False, "重复了")
    with pytest.raises(Refused, match=r"^这条观点现在不能表态。$"):
        services.vote(resident, conversation, waiting, 1)
    response = client_for(resident).post(
        f"/c/{conversation.community.slug}/opinions/{conversation.pk}/vote/",
        {"statement": waiting.pk, "choice": "1"},
    )
    assert response.status_code == 400
    assert not Vote.objects.filter(statement=waiting).exists()


def test_a_vote_must_be_agree_disagree_or_pass(resident, conversation):
    statement = conversation.statements.first()
    with pytest.raises(Refused, match=r"^请选择同意、不同意或跳过。$"):
        services.vote(resident, conversation, statement, 2)
    response = client_for(resident).post(
        f"/c/{conversation.community.slug}/opinions/{conversation.pk}/vote/",
        {"statement": statement.pk, "choice": "yes"},
    )
    assert response.status_code == 400


def test_the_next_statement_is_the_one_fewest_have_seen_not_yet_voted(
    resident, leader, conversation
):
    first, second = list(conversation.statements.all()[:2])
    services.vote(leader, conversation, first, 1)
    mine = member_of(resident, conversation.community)
    assert queries.next_statement(conversation, mine) == second  # first has been seen once
    services.vote(resident, conversation, second, 1)
    assert queries.next_statement(conversation, mine).number == 3
    assert queries.next_statement(conversation, None) is None
    assert Statement.objects.filter(conversation=conversation).count() == 8


def test_anonymous_visitors_are_asked_to_sign_in_to_vote(conversation):
    url = f"/c/{conversation.community.slug}/opinions/{conversation.pk}/"
    page = client_for(None).get(url)
    assert page.status_code == 200 and page.context["statement"] is None
    response = client_for(None).post(url + "vote/", {"statement": 1, "choice": "1"})
    assert response.status_code == 302 and "/login" in response["Location"]
