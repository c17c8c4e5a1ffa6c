"""Demo of "who takes part" in 银杏社区: the street office's population figures (tenure per
courtyard, languages spoken) show that the open survey on courtyards and paths reaches tenants -
most of them in 橡树湾 - and Tibetan-speaking neighbours far less than owners and Mandarin
speakers. The daily check raises the flags and tells the organiser; she prints invitation letters
for the Tibetan-speaking households, sends them an invitation in their language and the courtyard
leader goes door to door; their answers, typed in from paper, close most of the gap.

Loaded after every module that records acts (it measures the surveys demo's participation)."""

from __future__ import annotations

from typing import Any

from linli.core import roster
from linli.core.demo import TIBETAN_NAMES, DemoContext
from linli.core.models import Household, Member
from linli.participation.models import Channel

from . import demo_outcomes, services
from .margin_import import Preview, Row
from .models import Flag, FollowUp

SURVEY_TITLE = "院坝和步道"  # the surveys demo's open survey (its Chinese title starts so)

# People living in each courtyard by tenure (the street office's 2025 figures). 橡树湾, a
# commercial estate, lets many flats to young working tenants who rarely join anything.
TENURE = {
    "梧桐院": {"owner": 40, "tenant": 30, "family": 14},
    "槐树院": {"owner": 30, "tenant": 20, "family": 8},
    "桂花院": {"owner": 24, "tenant": 25, "family": 4},
    "石榴院": {"owner": 16, "tenant": 25, "family": 4},
    "杏林院": {"owner": 26, "tenant": 10, "family": 3},
    "锦绣苑": {"owner": 52, "tenant": 40, "family": 14},
    "橡树湾": {"owner": 38, "tenant": 200, "family": 12},
    "翠湖居": {"owner": 28, "tenant": 30, "family": 5},
    "安居苑": {"owner": 50, "tenant": 50, "family": 6},
}
# Languages spoken, for the whole community: a Tibetan-speaking community of about a hundred
# and eighty people, most of them renting in 橡树湾, that the roster barely shows.
LANGUAGES = {"zh": 700, "sichuanese": 420, "bo": 180}


def _survey(ctx: DemoContext) -> Any:
    from linli.surveys.models import Survey

    published = Survey.objects.filter(community=ctx.main, status=Survey.Status.PUBLISHED)
    return next((s for s in published if s.title_text.startswith(SURVEY_TITLE)), None)


def _margins(ctx: DemoContext) -> Preview:
    areas = {a.name: a.pk for a in ctx.areas["yinxing"]}
    rows: list[Row] = []
    for area, groups in TENURE.items():
        for group, people in groups.items():
            rows.append(Row(len(rows) + 2, {}, "tenure", group, people, areas[area]))
    for group, people in LANGUAGES.items():
        rows.append(Row(len(rows) + 2, {}, "language", group, people, None))
    return Preview(rows, [])


def _tibetan_neighbours(ctx: DemoContext, count: int) -> list[Member]:
    """Tibetan-speaking tenants of 橡树湾 whom staff recorded on the roster (no accounts yet)."""
    taken = set(Member.objects.filter(community=ctx.main).values_list("household_id", flat=True))
    households = [
        h
        for h in Household.objects.filter(community=ctx.main, area__name="橡树湾").order_by("pk")
        if h.pk not in taken
    ][:count]
    rows = [
        roster.Resident(
            household=household,
            name=TIBETAN_NAMES[number % len(TIBETAN_NAMES)] + "·" + str(number + 1),
            answers={
                "age_band": ctx.rng.choice(["18-29", "30-44", "45-59"]),
                "gender": ctx.rng.choice(["woman", "man"]),
                "languages": ["bo", "zh"],
                "tenure": "tenant",
            },
        )
        for number, household in enumerate(households)
    ]
    return roster.import_roster(ctx.staff, ctx.main, rows)


def _answer_on_paper(ctx: DemoContext, survey: Any, members: list[Member], ref: str) -> None:
    from linli.surveys import services as surveys

    template = survey.responses.order_by("pk").first()
    answers = surveys.stored_answers(template)
    assert ctx.leader.user is not None
    for number, member in enumerate(members, start=1):
        surveys.enter_on_paper(
            ctx.leader.user,
            survey,
            answers,
            channel=Channel.DOOR_TO_DOOR,
            member=member,
            paper_ref=f"{ref}-{number:03d}",
            confirmed_duplicate=True,
        )


def load(ctx: DemoContext) -> None:
    survey = _survey(ctx)
    if survey is None:
        return
    services.import_margins(ctx.staff, ctx.main, _margins(ctx), "街道办 2025 年入户调查")
    neighbours = _tibetan_neighbours(ctx, 24)
    # A few Tibetan-speaking neighbours had answered before anyone looked: too few.
    _answer_on_paper(ctx, survey, neighbours[:6], "ZX")
    services.check_community(ctx.main)  # the daily check: flags raised, the organiser told
    flag = Flag.objects.filter(
        community=ctx.main, subject=f"survey:{survey.pk}", dimension="language", group="bo"
    ).first()
    if flag is None:
        return
    services.print_letters(ctx.staff, flag, "zh-hans")
    services.send_invitation(
        ctx.staff, flag, "扎西德勒！社区办公室周六上午有会说藏语的志愿者，可以帮您填写。"
    )
    services.record_follow_up(
        ctx.staff,
        flag,
        FollowUp.Kind.VISITS,
        12,
        "罗桂兰和藏语志愿者央金上门走访橡树湾 12 户，带纸质问卷。",
    )
    # The visits bring answers; the next day's check measures the gap closing.
    _answer_on_paper(ctx, survey, neighbours[6:18], "ZX2")
    services.check_community(ctx.main)
    _visits_and_leaders(ctx, neighbours)
    demo_outcomes.load(ctx)


def _visits_and_leaders(ctx: DemoContext, neighbours: list[Member]) -> None:
    """Two of the leader's door-to-door visits, one finding a possible leader, who is invited and
    joins the courtyard team."""
    assert ctx.leader.user is not None
    services.log_visit(
        ctx.leader.user,
        neighbours[6].household,
        resident=neighbours[6],
        concerns="楼下垃圾桶太少，晚上没有路灯。",
        follow_ups="转告物业；下次坝坝会请她来讲。",
        possible_leader=True,
    )
    services.log_visit(
        ctx.leader.user,
        neighbours[7].household,
        resident=neighbours[7],
        concerns="想知道院坝改造什么时候开工。",
        follow_ups="把进度公告翻译成藏文贴在单元门口。",
    )
    services.move_candidate(ctx.staff, neighbours[6], "invited", "走访时主动提出帮忙翻译。")
    services.move_candidate(ctx.staff, neighbours[6], "joined_team", "加入橡树湾院落美化小组。")
