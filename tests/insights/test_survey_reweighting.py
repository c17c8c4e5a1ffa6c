"""Survey results reweighted to the population baselines (post-stratification by courtyard,
raking to every margin), with the design effect and small counts withheld."""

from __future__ import annotations

import pytest

from linli.insights.models import Margin
from linli.insights.reweighting import reweight
from linli.surveys.models import Answer, Response, Section
from tests.conftest import client_for
from tests.surveys.conftest import add_question, make_survey, t


@pytest.fixture
def survey(fair_world):
    survey = make_survey(fair_world.community, fair_world.organiser)
    section = Section.objects.create(survey=survey, position=0)
    question = add_question(
        fair_world.organiser,
        survey,
        section,
        "single",
        t("要不要改造院坝?", "Redo the courtyard?"),
        [t("要", "yes"), t("不要", "no"), t("不知道", "don't know")],
    )
    yes, no, unsure = question.options.all()

    def answer(household, option, age="60-74"):
        member = fair_world.members[household.pk]
        response = Response.objects.create(
            survey=survey, member=member, channel="online", area=household.area, age_band=age
        )
        Answer.objects.create(response=response, question=question, option=option)

    for household in fair_world.wutong[:12]:
        answer(household, yes)
    for household in fair_world.xiangshu[:6]:
        answer(household, no, age="30-44")
    for household in fair_world.xiangshu[6:8]:
        answer(household, unsure, age="30-44")
    return survey


def _shares(outcome):
    return {o.label: o for o in outcome.questions[0].options}


def test_post_stratifying_by_courtyard_gives_each_courtyard_its_share(survey):
    outcome = reweight(survey, "poststratify")
    assert outcome.used == outcome.total == 20
    shares = _shares(outcome)
    assert shares["要"].share == pytest.approx(12 / 20)
    assert shares["要"].weighted == pytest.approx(0.5)  # two courtyards of 40 people each
    assert shares["要"].low < 0.5 < shares["要"].high
    assert outcome.design_effect > 1


def test_small_counts_are_withheld_with_what_would_give_them_away(survey):
    shares = _shares(reweight(survey, "poststratify"))
    assert shares["不知道"].count is None and shares["不知道"].weighted is None
    assert shares["不要"].count is None  # else 20 - 12 - 6 would give the 2 away


def test_raking_meets_the_age_margins_too(survey, fair_world):
    for group, people in (("60-74", 40), ("30-44", 40)):
        Margin.objects.create(
            community=fair_world.community, dimension="age_band", group=group, people=people
        )
    outcome = reweight(survey, "rake")
    assert outcome.dims == ("area", "age_band") and outcome.error == ""
    assert _shares(outcome)["要"].weighted == pytest.approx(0.5, abs=0.01)


def test_the_page_is_for_organisers(survey, fair_world, resident):
    url = f"/c/{fair_world.community.slug}/insights/surveys/{survey.pk}/weighted/?method=rake"
    assert client_for(fair_world.organiser).get(url).status_code == 200
    assert client_for(resident).get(url).status_code == 403
    results = client_for(fair_world.organiser).get(
        f"/c/{fair_world.community.slug}/surveys/{survey.pk}/results/"
    )
    assert f"/insights/surveys/{survey.pk}/weighted/".encode() in results.content
