"""Money decided by residents and spent, and grant evaluations, in the community figures: read
from the budgeting, grants and reviews models (one reader each); money is not a count of people
and is never withheld; a module switched off gives no rows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from linli.insights.figures import raw, year_figures
from tests.conftest import client_for


@pytest.fixture
def money(community: Any, organiser: Any, resident: Any) -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType

    from linli.budgeting.models import Idea, Outcome, Process
    from linli.core.models import Member, Place
    from linli.governance.models import Body
    from linli.grants.models import Application, Call, Evaluation, Report
    from linli.reviews.models import Application as Entry
    from linli.reviews.models import Contest
    from linli.tracking.models import FundedProject, Spending

    def project(source: Any) -> FundedProject:
        return FundedProject.objects.get_or_create(
            community=community,
            source_type=ContentType.objects.get_for_model(source),
            source_id=source.pk,
        )[0]

    now = timezone.now()
    last_year = now - timedelta(days=400)
    lead = Member.objects.get(user=resident)
    process = Process.objects.create(
        community=community,
        title="2026 微基金",
        budget=50000,
        ideas_open_at=now,
        review_starts_at=now,
        vote_opens_at=now,
        vote_closes_at=now + timedelta(seconds=1),
        implementation_starts_at=now + timedelta(seconds=1),
    )
    Outcome.objects.create(
        process=process, rule="mes_cost", data={"selected": ["1"], "spent": 42000}, published_at=now
    )
    idea = Idea.objects.create(process=process, title="路灯", body="装路灯")
    Spending.objects.create(
        project=project(idea),
        amount_fen=120_000,
        what="灯具",
        spent_on=date.today(),
        receipt="r/1.jpg",
    )
    Spending.objects.create(  # no receipt: not counted as spent
        project=project(idea), amount_fen=9_900, what="胶带", spent_on=date.today(), receipt=""
    )
    call = Call.objects.create(
        community=community,
        title="院落微项目",
        year=now.year,
        description="d",
        opens_on=date.today(),
        closes_on=date.today(),
        review_by=date.today(),
        award_by=date.today(),
    )
    grants = []
    for number, (amount, decided) in enumerate(((8000, now), (3000, now), (5000, last_year))):
        grants.append(
            Application.objects.create(
                call=call,
                lead=lead,
                group_name=f"小组{number}",
                title=f"项目{number}",
                theme="people",
                goals="g",
                activities="a",
                results="r",
                status=Application.Status.AWARDED,
                decided_at=decided,
                award_amount=amount,
            )
        )
    accepted = Report.objects.create(
        application=grants[0],
        kind="final",
        narrative="n",
        activities_held="a",
        participants=30,
        status=Report.Status.ACCEPTED,
        reviewed_at=now,
    )
    today = date.today()
    accepted.spending_lines.add(
        Spending.objects.create(
            project=project(grants[0]),
            category="materials",
            what="花苗",
            amount_fen=70_000,
            spent_on=today,
            receipt="g/1.jpg",
        ),
        Spending.objects.create(
            project=project(grants[0]),
            category="other",
            what="茶水",
            amount_fen=5_000,
            spent_on=today,
        ),
    )
    waiting = Report.objects.create(
        application=grants[1], kind="final", narrative="n", activities_held="a", participants=9
    )
    waiting.spending_lines.add(
        Spending.objects.create(
            project=project(grants[1]),
            category="materials",
            what="油漆",
            amount_fen=40_000,
            spent_on=today,
            receipt="g/2.jpg",
        )
    )
    Evaluation.objects.create(application=grants[0], outcome="continue", reason="做得好")
    Evaluation.objects.create(application=grants[1], outcome="conditions", reason="补账目")
    board = Body.objects.create(community=community, kind=Body.Kind.REVIEW_BOARD, name="评审团")
    area = Place.objects.filter(community=community).first() or Place.objects.create(
        community=community, name="梧桐院", kind=Place.Kind.AREA
    )
    contest = Contest.objects.create(
        community=community,
        body=board,
        title="最美院落",
        description="d",
        opens_at=now,
        closes_at=now,
        scoring_deadline=now,
        budget=10000,
        finalised_at=now,
    )
    Entry.objects.create(
        contest=contest,
        area=area,
        applicant=lead,
        title="t",
        description="d",
        plan="p",
        budget=3000,
        award_amount=2500,
    )
    return {"community": community}


def test_money_decided_and_spent_come_from_each_source(money):
    values = raw(money["community"], date.today().year)
    assert values["money_budgets"] == 42000
    assert values["money_grants"] == 11000  # last year's award is not this year's
    assert values["money_awards"] == 2500
    assert values["money_decided"] == 42000 + 11000 + 2500
    # Spending with a receipt: the budget's 1,200 and the accepted grant report's 700.
    assert values["money_spent"] == 1900
    assert values["grant_evaluations"] == 2
    assert values["evaluations_continue"] == 1 and values["evaluations_conditions"] == 1
    assert values["evaluations_end"] == 0


def test_money_is_never_withheld_and_reaches_the_open_data(money):
    shown = year_figures(money["community"], date.today().year)
    assert shown.values["evaluations_continue"] == 1  # a count of projects, not of people
    assert shown.values["money_awards"] == 2500
    slug = money["community"].slug
    data = client_for(None).get(f"/c/{slug}/insights/figures.json").json()
    this_year = next(r for r in data["figures"] if r["year"] == date.today().year)
    assert this_year["money_decided"] == 55500 and this_year["money_spent"] == 1900
    page = client_for(None).get(f"/c/{slug}/insights/figures/").content.decode()
    assert "¥55,500" in page and "¥1,900" in page


def test_a_module_switched_off_gives_no_rows(money):
    community = money["community"]
    community.modules_off = ["grants", "reviews"]
    community.save()
    values = raw(community, date.today().year)
    assert "money_grants" not in values and "grant_evaluations" not in values
    assert "money_awards" not in values
    assert values["money_decided"] == 42000


def test_issues_resolved_come_from_governance_only_where_it_is_on(community):
    assert raw(community, date.today().year)["issues_resolved"] == 0
    community.modules_off = ["governance"]
    community.save(update_fields=["modules_off"])
    assert "issues_resolved" not in raw(community, date.today().year)


def test_a_resident_who_only_read_a_notice_is_informed_not_taking_part(fair_world):
    from linli.participation.models import Act

    member = fair_world.members[fair_world.xiangshu[0].pk]
    Act.objects.create(
        member=member,
        household=fair_world.xiangshu[0],
        community=fair_world.community,
        method="other",
        channel="online",
        depth=1,
        source_type="core.notice",
        source_id="1",
    )
    values = raw(fair_world.community, date.today().year)
    assert values["households_taking_part"] == 17  # unchanged by the reading
    assert values["residents_informed"] == 1
    assert (
        year_figures(fair_world.community, date.today().year).values["residents_informed"] is None
    )
