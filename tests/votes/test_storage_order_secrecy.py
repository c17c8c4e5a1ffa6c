"""A database reader (or a backup) taken while a vote or an anonymous survey is open cannot join
ballots or anonymous responses to the roll by the order they were stored in.

The attack (issue 15): on an open vote the ballots' rowid order matched the roll's order 20/20,
and anonymous survey responses matched participations 18/18 (also through answer ids and the
ledger's times). Here every voter's ballot (and every respondent's answers) is told apart by its
content, the reader lines storage order up against the roll and the ledger, and counts hits. A
random order gets about one; the test allows a handful. On PostgreSQL the reader also tries
physical order (ctid) and the writing transaction (xmin), which must be the same for them all."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Sequence
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from linli.core.models import Member, Role
from linli.participation.models import Act
from linli.surveys import services as survey_services
from linli.surveys.models import Answer, Participation, Question, Survey
from linli.votes import services
from linli.votes.models import Ballot, RollEntry
from linli.votes.models import Question as VoteQuestion
from tests.conftest import make_person
from tests.surveys.conftest import add_question, make_survey
from tests.votes.helpers import make_vote, option_ids, qkey

pytestmark = pytest.mark.django_db(transaction=True)

TOO_MANY_HITS = 6  # a random order of 20 matches 6 or more places with probability < 0.001


def storage_orders(table: str, columns: str, where: str, params: Sequence[Any]) -> list[list[Any]]:
    """The row orders a database reader can see without any key: insertion (rowid) on SQLite;
    physical (ctid) and writing transaction (xmin) on PostgreSQL."""
    if connection.vendor == "postgresql":
        orders = ["ctid", "xmin::text::bigint, ctid"]
    else:
        orders = ["rowid"]
    found = []
    with connection.cursor() as cursor:
        for order in orders:
            cursor.execute(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {order}", params)
            found.append([row[0] for row in cursor.fetchall()])
    return found


def distinct_writers(table: str, where: str, params: Sequence[Any]) -> int:
    """How many transactions wrote these rows (PostgreSQL's xmin); 1 on SQLite."""
    if connection.vendor != "postgresql":
        return 1
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(DISTINCT xmin::text) FROM {table} WHERE {where}", params)
        return int(cursor.fetchone()[0])


def hits(guess: list[Any], truth: list[Any]) -> int:
    return sum(1 for g, t in zip(guess, truth, strict=True) if g == t)


def test_ballots_of_an_open_vote_do_not_follow_the_roll(community, organiser, household):
    vote = make_vote(
        community,
        organiser,
        ballot_type=VoteQuestion.BallotType.RANKED,
        options=("甲", "乙", "丙", "丁"),
    )
    rankings = [list(p) for p in itertools.permutations(option_ids(vote))][:20]
    for i, ranking in enumerate(
        rankings
    ):  # voter i ranks in the i-th way: content tells them apart
        user = make_person(community, f"voter{i}@test.org", Role.RESIDENT, household)
        services.cast(user, vote, {qkey(vote): ranking})
    assert vote.is_open and vote.sealed_at is None

    by_member = {
        Member.objects.get(user__email=f"voter{i}@test.org").pk: ranking
        for i, ranking in enumerate(rankings)
    }
    roll_order = [
        by_member[m]
        for m in RollEntry.objects.filter(vote=vote)
        .order_by("pk")
        .values_list("member_id", flat=True)
    ]
    ledger_order = [
        by_member[m]
        for m in Act.objects.filter(method="vote", source_id=str(vote.pk))
        .order_by("occurred_at", "pk")
        .values_list("member_id", flat=True)
    ]
    assert roll_order == ledger_order == rankings  # the roll and the ledger keep the casting order

    for stored in storage_orders(Ballot._meta.db_table, "choices", "vote_id = %s", [vote.pk]):
        guess = [(json.loads(c) if isinstance(c, str) else c)[qkey(vote)] for c in stored]
        assert sorted(map(tuple, guess)) == sorted(map(tuple, rankings))
        assert hits(guess, roll_order) < TOO_MANY_HITS, "ballots stored in the roll's order"
    assert distinct_writers(Ballot._meta.db_table, "vote_id = %s", [vote.pk]) == 1
    # and the random keys are not in the roll's order either
    keyed = [
        c[qkey(vote)]
        for c in Ballot.objects.filter(vote=vote).order_by("pk").values_list("choices", flat=True)
    ]
    assert hits(keyed, roll_order) < TOO_MANY_HITS


def test_anonymous_responses_do_not_follow_the_participations(community, organiser, household):
    survey = make_survey(community, organiser, Survey.Mode.ANONYMOUS)
    section = survey.sections.get()
    add_question(
        organiser,
        survey,
        section,
        Question.Kind.NUMBER,
        {"zh-hans": "您的年龄", "en": "Your age"},
        min_value=0,
        max_value=120,
        required=True,
    )
    add_question(
        organiser,
        survey,
        section,
        Question.Kind.SHORT_TEXT,
        {"zh-hans": "建议", "en": "Suggestion"},
        max_length=20,
    )
    survey_services.publish(organiser, survey)
    ages = [20 + i for i in range(18)]  # respondent i answers 20 + i: content tells them apart
    for i, age in enumerate(ages):
        user = make_person(community, f"resp{i}@test.org", Role.RESIDENT, household)
        survey_services.submit(user, survey, {"q1": age, "q2": f"建议{i}"})
    assert survey.phase() == "open"

    age_of = {
        Member.objects.get(user__email=f"resp{i}@test.org").pk: age for i, age in enumerate(ages)
    }
    roll_order = [
        age_of[m]
        for m in Participation.objects.filter(survey=survey)
        .order_by("pk")
        .values_list("member_id", flat=True)
    ]
    ledger_order = [
        age_of[m]
        for m in Act.objects.filter(method="survey", source_id=str(survey.pk))
        .order_by("occurred_at", "pk")
        .values_list("member_id", flat=True)
    ]
    assert roll_order == ledger_order == ages

    numbers = "question_id IN (SELECT id FROM surveys_question WHERE survey_id = %s AND key = 'q1')"
    for stored in storage_orders("surveys_answer", "number", numbers, [survey.pk]):
        assert hits([int(n) for n in stored], roll_order) < TOO_MANY_HITS, "answers in roll order"
    with connection.cursor() as cursor:  # the attack through answer ids
        cursor.execute(
            f"SELECT number FROM surveys_answer WHERE {numbers} ORDER BY id", [survey.pk]
        )
        by_id = [int(row[0]) for row in cursor.fetchall()]
    assert hits(by_id, roll_order) < TOO_MANY_HITS, "answer ids in roll order"
    # responses in their stored order, read through their answers
    responses = "survey_id = %s"
    age_by_response = {
        uuid.UUID(str(r)).hex: int(n)
        for r, n in Answer.objects.filter(question__survey=survey, question__key="q1").values_list(
            "response_id", "number"
        )
    }
    for stored in storage_orders("surveys_response", "id", responses, [survey.pk]):
        guess = [age_by_response[uuid.UUID(str(r)).hex] for r in stored]
        assert hits(guess, roll_order) < TOO_MANY_HITS, "responses in roll order"
    assert distinct_writers("surveys_response", responses, [survey.pk]) == 1
    assert distinct_writers("surveys_answer", numbers, [survey.pk]) == 1
    # no day of its own on an anonymous response
    assert set(survey.responses.values_list("submitted_on", flat=True)) == {
        timezone.localtime(survey.opens_at).date()
    }
