"""Before and after from a repeated survey question: both shares at the top with Wilson's
interval, the change with Newcombe's, weighted when the organiser chose a weighting, small counts
withheld; on the figures page, the open data, the annual report and satisfaction targets."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from linli.core.kit import Refused
from linli.engagement.models import Project
from linli.insights import before_after, services, stats
from linli.insights.models import ProjectTarget, RepeatedQuestion
from tests.conftest import client_for


def make_survey(community: Any, title: str, days_ago: int) -> Any:
    from linli.surveys.models import Question, Section, Survey

    opens = timezone.now() - timedelta(days=days_ago)
    survey = Survey.objects.create(
        community=community,
        title={"zh-hans": title},
        languages=["zh-hans"],
        status=Survey.Status.PUBLISHED,
        opens_at=opens,
        closes_at=opens + timedelta(days=10),
    )
    section = Section.objects.create(survey=survey, key="s1")
    Question.objects.create(
        survey=survey,
        section=section,
        key="q1",
        kind=Question.Kind.SCALE,
        min_value=1,
        max_value=5,
        text={"zh-hans": "您对院子的环境满意吗？"},
    )
    return survey


def answer(survey: Any, area: Any, scores: list[int]) -> None:
    from linli.surveys.models import Answer, Response

    question = survey.questions.get()
    for score in scores:
        response = Response.objects.create(survey=survey, channel="online", area=area)
        Answer.objects.create(response=response, question=question, number=score)


@pytest.fixture
def repeated(fair_world: Any) -> dict[str, Any]:
    wutong, xiangshu = fair_world.wutong[0].area, fair_world.xiangshu[0].area
    before = make_survey(fair_world.community, "改造前", 300)
    after = make_survey(fair_world.community, "改造后", 20)
    # Before: 16 of 40 satisfied (4 or 5). After: 35 of 50.
    answer(before, wutong, [5] * 10 + [2] * 20)
    answer(before, xiangshu, [4] * 6 + [1] * 4)
    answer(after, wutong, [5] * 20 + [3] * 5)
    answer(after, xiangshu, [4] * 15 + [2] * 10)
    return {"before": before.questions.get(), "after": after.questions.get(), "world": fair_world}


def test_both_shares_and_the_change_carry_their_intervals(repeated):
    world = repeated["world"]
    item = services.choose_repeated_question(
        world.organiser, world.community, repeated["before"], repeated["after"]
    )
    compared = before_after.compare(item)
    expected_before = stats.wilson(16, 40)
    assert compared.before.share == pytest.approx(0.4)
    assert (compared.before.low, compared.before.high) == pytest.approx(
        (expected_before.low, expected_before.high)
    )
    change = stats.difference(stats.Proportion(35, 50), stats.Proportion(16, 40))
    assert compared.change is not None
    assert compared.change.estimate == pytest.approx(0.3)
    assert (compared.change.low, compared.change.high) == pytest.approx((change.low, change.high))
    assert compared.change.low > 0  # a clear rise


def test_weighted_by_courtyard_when_the_organiser_chose_it(repeated):
    world = repeated["world"]
    item = services.choose_repeated_question(
        world.organiser, world.community, repeated["before"], repeated["after"], "poststratify"
    )
    compared = before_after.compare(item)
    # Both courtyards have 40 people on the roster, so each counts half whatever its answers.
    assert compared.before.share == pytest.approx(0.5 * 10 / 30 + 0.5 * 6 / 10)
    assert compared.before.design_effect is not None and compared.before.design_effect > 1
    unweighted = stats.wilson(16, 40)
    assert compared.before.high - compared.before.low > unweighted.high - unweighted.low


def test_small_counts_are_withheld(fair_world):
    wutong = fair_world.wutong[0].area
    before = make_survey(fair_world.community, "少", 300)
    after = make_survey(fair_world.community, "多", 20)
    answer(before, wutong, [5, 5, 1, 1])  # four answers
    answer(after, wutong, [5] * 3 + [1] * 20)  # three at the top
    item = services.choose_repeated_question(
        fair_world.organiser, fair_world.community, before.questions.get(), after.questions.get()
    )
    compared = before_after.compare(item)
    assert compared.before.share is None and compared.after.share is None
    assert compared.change is None


def test_choosing_is_for_organisers_and_checks_the_questions(repeated, resident):
    world = repeated["world"]
    with pytest.raises(Refused, match=r"^请在两次不同的调查中选择题目。$"):
        services.choose_repeated_question(
            world.organiser, world.community, repeated["before"], repeated["before"]
        )
    slug = world.community.slug
    form = {"before": repeated["before"].pk, "after": repeated["after"].pk, "weighting": ""}
    assert (
        client_for(resident).post(f"/c/{slug}/insights/figures/repeated/", form).status_code == 403
    )
    client = client_for(world.organiser)
    assert client.post(f"/c/{slug}/insights/figures/repeated/", form).status_code == 302
    item = RepeatedQuestion.objects.get()
    page = client_for(None).get(f"/c/{slug}/insights/figures/")
    assert page.status_code == 200 and len(page.context["comparisons"]) == 1
    assert "改造后" in page.content.decode()
    data = client_for(None).get(f"/c/{slug}/insights/figures.json").json()
    assert data["before_after"][0]["after"]["share"] == 0.7
    pdf = client.get(f"/c/{slug}/insights/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.post(f"/c/{slug}/insights/figures/repeated/{item.pk}/remove/")
    assert not RepeatedQuestion.objects.exists()


def test_a_satisfaction_target_measures_the_later_survey(repeated):
    world = repeated["world"]
    project = world.project
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PLANNING)
    project.refresh_from_db()
    item = services.choose_repeated_question(
        world.organiser, world.community, repeated["before"], repeated["after"]
    )
    target = services.set_target(world.organiser, project, "satisfaction", 0.4, 0.6, repeated=item)
    assert target.question == repeated["after"]
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    project.refresh_from_db()
    services.measure_targets(world.organiser, project)
    target = ProjectTarget.objects.get()
    assert target.actual == pytest.approx(0.7) and target.met is True
    url = f"/c/{world.community.slug}/insights/projects/{project.pk}/targets/"
    page = client_for(world.organiser).get(url)
    assert len(page.context["compared"]) == 1
