"""The data migrations move every existing row of grants' and budgeting's own tracking tables to
tracking and lose nothing: teams with their consent, photos and receipts by their stored names,
milestones (reports still point at theirs), spending to the fen, budgeting's public lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from linli.budgeting.models import Idea, Update
from linli.grants.models import Application, Report
from linli.tracking import queries
from tests.budgeting.conftest import add_project, make_process
from tests.grants.helpers import submitted
from tests.migrations import migrate

BEFORE = [("grants", "0002_random_file_names"), ("budgeting", "0002_random_file_names")]
AFTER = [("grants", "0005_drop_own_tracking"), ("budgeting", "0005_drop_own_tracking")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_move_to_tracking_and_nothing_is_lost(
    community, organiser, call, lead, neighbours
):
    application = submitted(call, lead, neighbours)
    process = make_process(community, organiser)
    idea = add_project(process, "长椅", 3000)
    try:
        old = migrate(BEFORE)
        OldTeam = old.get_model("grants", "TeamMember")
        OldPhoto = old.get_model("grants", "Photo")
        OldMilestone = old.get_model("grants", "Milestone")
        OldSpending = old.get_model("grants", "Spending")
        OldReport = old.get_model("grants", "Report")
        OldTeam.objects.all().delete()  # made by the services above, in the new tables
        for k, n in enumerate(neighbours):
            OldTeam.objects.create(
                application_id=application.pk,
                member_id=n.pk,
                task=f"分工{k}",
                consented_at=timezone.now() if k == 0 else None,
            )
        OldPhoto.objects.create(
            application_id=application.pk, image="grants/photos/AbC123.jpg", caption="开工"
        )
        first = OldMilestone.objects.create(
            application_id=application.pk, title="花园建成", due=date(2026, 6, 1)
        )
        report = OldReport.objects.create(
            application_id=application.pk,
            milestone=first,
            kind="milestone",
            narrative="n",
            activities_held="a",
            participants=5,
            status="accepted",
        )
        OldSpending.objects.create(
            report=report,
            category="materials",
            item="花苗",
            amount=700,
            receipt="grants/receipts/XyZ789.jpg",
        )
        BudgetMilestone = old.get_model("budgeting", "Milestone")
        BudgetSpending = old.get_model("budgeting", "Spending")
        OldUpdate = old.get_model("budgeting", "Update")
        OldIdea = old.get_model("budgeting", "Idea")
        OldIdea.objects.get(pk=idea.pk).team.add(neighbours[1].pk)
        BudgetMilestone.objects.create(
            idea_id=idea.pk, title="采购", due=date(2026, 5, 1), done_on=date(2026, 5, 3)
        )
        BudgetSpending.objects.create(
            idea_id=idea.pk,
            amount=Decimal("1200.55"),
            what="器材",
            spent_on=date(2026, 5, 2),
            receipt="budgeting/receipts/QwE456.pdf",
        )
        OldUpdate.objects.create(
            idea_id=idea.pk, kind="spending", detail="器材", amount=Decimal("1200.55")
        )
    finally:
        migrate(AFTER)

    application = Application.objects.get(pk=application.pk)
    team = list(queries.team(application))
    assert [(t.member, t.task, bool(t.consented_at)) for t in team] == [
        (neighbours[0], "分工0", True),
        (neighbours[1], "分工1", False),
    ]
    assert [p.image.name for p in queries.photos(application)] == ["grants/photos/AbC123.jpg"]
    milestone = queries.milestones(application).get()
    report = Report.objects.get(application=application)
    assert report.milestone == milestone and milestone.title == "花园建成"
    line = report.spending_lines.get()
    assert (line.what, line.category, line.amount_fen) == ("花苗", "materials", 70_000)
    assert line.receipt.name == "grants/receipts/XyZ789.jpg"
    assert application.spent() == Decimal(700)

    idea = Idea.objects.get(pk=idea.pk)
    assert [t.member for t in queries.team_named(idea)] == [neighbours[1]]
    assert queries.milestones(idea).get().done_on == date(2026, 5, 3)
    spent = queries.spending(idea).get()
    assert spent.amount_fen == 120_055 and spent.receipt.name == "budgeting/receipts/QwE456.pdf"
    assert Update.objects.get(idea=idea).amount == Decimal("1200.55")
