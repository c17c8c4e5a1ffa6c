"""The migrations that mix existing ballot boxes and anonymous responses keep every ballot and
every answer (only keys, order, day and officer change)."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.utils import timezone

from linli.surveys import services as survey_services
from linli.surveys.models import Answer, Response, Survey
from linli.votes import services
from linli.votes.models import Ballot
from tests.surveys.conftest import full_survey, good_answers
from tests.votes.helpers import make_vote, option_ids, qkey


def test_mixing_an_open_ballot_box_keeps_every_ballot(community, organiser, resident, leader):
    vote = make_vote(community, organiser)
    a, b, _c = option_ids(vote)
    services.cast(resident, vote, {qkey(vote): [a]})
    services.cast(leader, vote, {qkey(vote): [b]})
    before = sorted(Ballot.objects.values_list("channel", "choices", "replace_hash"), key=str)
    keys = set(Ballot.objects.values_list("pk", flat=True))
    migration = importlib.import_module("linli.votes.migrations.0005_mix_open_ballot_boxes")
    migration.mix_unsealed_boxes(apps, None)
    after = sorted(Ballot.objects.values_list("channel", "choices", "replace_hash"), key=str)
    assert after == before
    assert not keys & set(Ballot.objects.values_list("pk", flat=True))


def test_mixing_anonymous_responses_keeps_every_answer(community, organiser, resident, leader):
    survey = full_survey(community, organiser, Survey.Mode.ANONYMOUS)
    for user in (resident, leader):
        survey_services.submit(user, survey, good_answers(community))
    Response.objects.update(submitted_on="2020-01-02")  # as stored before: a day of its own

    def answers() -> list[tuple[object, ...]]:
        rows = Answer.objects.values_list("question_id", "option_id", "row_key", "number", "text")
        return sorted(rows, key=str)

    before = answers()
    migration = importlib.import_module("linli.surveys.migrations.0002_mix_anonymous_responses")
    migration.mix_anonymous_surveys(apps, None)
    assert answers() == before
    assert Response.objects.count() == 2
    assert {str(d) for d in Response.objects.values_list("submitted_on", flat=True)} == {
        str(timezone.localtime(survey.opens_at).date())
    }
