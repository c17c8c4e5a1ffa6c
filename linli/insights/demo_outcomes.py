"""Demo of outcomes in 银杏社区: what the projects set out to change and whether they did.

- Last year's courtyard beautification (closed) had three targets set at planning; measured at
  close, the satisfaction target is met and the new leaders target is not - target against
  actual.
- The same satisfaction question was asked before the beautification and after it; the organiser
  publishes the comparison, weighted by courtyard, on the community's figures page: the share of
  satisfied residents rose from about a third to over half, and the change's interval is above 0.
- The meal point for older residents, still being planned, has three targets with baselines.

The surveys are typed in from paper by the courtyard leader on the evening they close; the demo
moves the clock there, so no date is edited afterwards."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from linli.core.demo import DemoContext, demo_moment
from linli.participation.models import Channel

from . import services

OLD_COURTYARDS = ("梧桐院", "槐树院", "桂花院", "石榴院", "杏林院")
QUESTION = {
    "zh-hans": "您对院子的环境满意吗？",
    "en": "How satisfied are you with your courtyard's surroundings?",
}
# Answers on a scale of 1 (very unhappy) to 5 (very happy), per courtyard: (before, after).
SCORES = {
    "梧桐院": ([5, 4, 3, 3, 2, 2, 2, 1], [5, 5, 4, 4, 4, 3, 3, 2, 2]),
    "槐树院": ([4, 4, 3, 2, 2, 1, 1], [5, 4, 4, 4, 3, 3, 2, 2]),
    "桂花院": ([5, 4, 3, 3, 2, 2], [5, 5, 4, 4, 3, 2, 2]),
    "石榴院": ([4, 3, 3, 2, 2, 1, 1], [4, 4, 4, 3, 3, 2, 1]),
    "杏林院": ([5, 4, 3, 2, 2, 1], [5, 4, 4, 4, 3, 2, 2]),
}


def _project(ctx: DemoContext, title: str) -> Any:
    from linli.engagement.models import Project

    return Project.objects.filter(community=ctx.main, title__startswith=title).first()


def _satisfaction_survey(ctx: DemoContext, title: dict[str, str], asked: date, after: bool) -> Any:
    """A one-question survey given out on paper in the five old courtyards for the two weeks
    up to ``asked`` and typed in that evening (the demo moves the clock through it)."""
    from linli.surveys import services as surveys
    from linli.surveys.models import Question, Survey

    with ctx.clock(asked - timedelta(days=15)):
        survey = surveys.create_survey(
            ctx.staff,
            ctx.main,
            Survey(
                title=title,
                languages=["zh-hans", "en"],
                opens_at=demo_moment(asked - timedelta(days=14), 9),
                closes_at=demo_moment(asked, 21),
                project=_project(ctx, "老旧院落微更新"),
            ),
        )
        question = Question(
            survey=survey,
            section=survey.sections.get(),
            kind=Question.Kind.SCALE,
            text=QUESTION,
            min_value=1,
            max_value=5,
            low_label={"zh-hans": "很不满意", "en": "very unhappy"},
            high_label={"zh-hans": "很满意", "en": "very happy"},
            required=True,
        )
        surveys.save_question(ctx.staff, survey, question, [])
        surveys.publish(ctx.staff, survey)
    assert ctx.leader.user is not None
    areas = {a.name: a for a in ctx.areas["yinxing"]}
    number = 0
    with ctx.clock(demo_moment(asked, 19)):
        for courtyard, (before, later) in SCORES.items():
            for score in later if after else before:
                number += 1
                surveys.enter_on_paper(
                    ctx.leader.user,
                    survey,
                    {question.key: score},
                    channel=Channel.PAPER,
                    area=areas[courtyard],
                    paper_ref=f"MY{'H' if after else 'Q'}-{number:03d}",
                    confirmed_duplicate=True,
                )
    return question


def _targets_of_the_closed_project(ctx: DemoContext, repeated: Any) -> None:
    from linli.engagement.models import Project

    project = _project(ctx, "老旧院落微更新")
    if project is None:
        return
    status = project.status
    # Set at planning, a year ago: the project is put back in its planning phase for the
    # commands that only allow targets then, and closed again.
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PLANNING)
    project.refresh_from_db()
    services.set_target(ctx.staff, project, "household_share", 0.15, 0.35)
    services.set_target(ctx.staff, project, "new_leaders", 0, 3)
    services.set_target(ctx.staff, project, "satisfaction", 0.26, 0.5, repeated=repeated)
    Project.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    services.measure_targets(ctx.staff, project)


def _targets_of_the_planned_project(ctx: DemoContext) -> None:
    project = _project(ctx, "长者助餐点")
    if project is None or str(project.status) != "planning":
        return
    from linli.surveys.models import Question

    services.set_target(ctx.staff, project, "household_share", 0.08, 0.25)
    services.set_target(ctx.staff, project, "new_leaders", 0, 2)
    needs = Question.objects.filter(
        survey__project=project, kind__in=[Question.Kind.SCALE, Question.Kind.SINGLE]
    ).first()
    if needs is not None:
        services.set_target(ctx.staff, project, "satisfaction", 0.3, 0.6, needs)


def load(ctx: DemoContext) -> None:
    # Last year's courtyard beautification (engagement demo) ran from January to November:
    # asked at its start, and after the work was inspected.
    last = timezone.localdate(ctx.now).year - 1
    before = _satisfaction_survey(
        ctx,
        {"zh-hans": "院落环境满意度（美化前）", "en": "Courtyard satisfaction (before)"},
        date(last, 1, 25),
        after=False,
    )
    after = _satisfaction_survey(
        ctx,
        {"zh-hans": "院落环境满意度（美化后）", "en": "Courtyard satisfaction (after)"},
        date(last, 10, 20),
        after=True,
    )
    repeated = services.choose_repeated_question(ctx.staff, ctx.main, before, after, "poststratify")
    _targets_of_the_closed_project(ctx, repeated)
    _targets_of_the_planned_project(ctx)
