"""The shared commands, per role, on both sources: the source says who may (a budget project's
organisers, owner and team; a grant's organisers, lead and team), the commands refuse everyone
else, write the audit log and keep money paid as integer fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.budgeting import services as budgeting
from linli.budgeting.models import Idea
from linli.core.kit import Forbidden, Refused
from linli.core.models import AuditEntry, Member
from linli.tracking import queries, services
from linli.tracking.models import TeamMember
from tests.grants.test_flow import _awarded
from tests.images import jpeg_with_gps

pytestmark = pytest.mark.django_db


def _jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps((300, 200)), content_type="image/jpeg")


def _member(user):  # type: ignore[no-untyped-def]
    return Member.objects.get(user=user)


@pytest.mark.parametrize(
    ("amount", "fen"),
    [(1, 100), ("1200.50", 120_050), (Decimal("0.01"), 1), (Decimal("99999.99"), 9_999_999)],
)
def test_yuan_to_the_fen_become_integer_fen(amount, fen):
    assert services.to_fen(amount) == fen


ABOVE_ZERO = r"^Give an amount above 0\.$"
IN_YUAN = r"^Give the amount in yuan with at most two decimals\.$"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (0, ABOVE_ZERO),
        (-5, ABOVE_ZERO),
        ("0.001", IN_YUAN),
        ("abc", ABOVE_ZERO),
        ("NaN", IN_YUAN),
        ("Infinity", IN_YUAN),
        (10**12, r"^This amount is too large\.$"),
    ],
)
def test_amounts_that_are_not_money_paid_are_refused(amount, message):
    with pytest.raises(Refused, match=message) as refused:
        services.to_fen(amount)
    assert refused.value.field == "amount"


def test_on_a_budget_project_only_organisers_owner_and_team_record(
    funded, organiser, leader, resident, outsider, site_admin
):
    project = None
    budgeting.set_owner(organiser, funded, owner=_member(leader), team=[_member(resident)])
    project = queries.project_of(funded)
    assert project is not None
    assert [t.member for t in queries.team_named(funded)] == [_member(resident)]
    for who in (leader, resident, organiser):  # owner, team, organiser
        services.add_milestone(who, project, f"by {who.email}", date(2026, 6, 1))
    for who in (outsider, AnonymousUser()):
        with pytest.raises(Forbidden, match=r"^tracking\.plan$"):
            services.add_milestone(who, project, "x", date(2026, 6, 1))
    # a resident of the community who is not on the team
    budgeting.set_owner(organiser, funded, owner=_member(leader), team=[])
    with pytest.raises(Forbidden, match=r"^tracking\.plan$"):
        services.add_milestone(resident, project, "x", date(2026, 6, 1))
    # the team is the organisers' to set
    with pytest.raises(Forbidden, match=r"^tracking\.team$"):
        services.set_team(leader, project, [_member(resident)])
    assert queries.milestones(funded).count() == 3
    assert AuditEntry.objects.filter(action="tracking.milestone").count() == 3


def test_spending_is_stored_in_fen_with_its_receipt(funded, organiser, leader):
    budgeting.set_owner(organiser, funded, owner=_member(leader))
    entry, over = budgeting.add_spending(
        leader,
        funded,
        amount=Decimal("1200.50"),
        what="器材",
        spent_on=date(2026, 5, 2),
        receipt=_jpeg(),
    )
    assert entry.amount_fen == 120_050 and entry.amount == Decimal("1200.5")
    assert entry.receipt.name.startswith("tracking/receipts/") and not over
    update = funded.updates.get(kind="spending")
    assert update.amount_fen == 120_050 and "1,200.50" in update.text
    fresh = Idea.objects.get(pk=funded.pk)  # funded() annotated the money spent before
    assert budgeting.progress(fresh)["spent"] == Decimal("1200.50")
    with pytest.raises(Refused, match="receipt"):
        budgeting.add_spending(
            leader, funded, amount=1, what="x", spent_on=date(2026, 5, 2), receipt=None
        )


def test_set_team_keeps_who_stays_and_drops_who_leaves(funded, organiser, leader, resident):
    budgeting.set_owner(organiser, funded, owner=_member(leader), team=[_member(resident)])
    project = queries.project_of(funded)
    kept = TeamMember.objects.get(project=project)
    services.set_team(organiser, project, [_member(resident), _member(leader)])
    assert TeamMember.objects.get(pk=kept.pk).consented_at == kept.consented_at
    services.set_team(organiser, project, [_member(leader)])
    assert [t.member for t in queries.team(funded)] == [_member(leader)]


def test_a_grant_team_member_alone_says_whether_to_be_named(
    call, organiser, lead, neighbours, panelists, leader
):
    application = _awarded(call, organiser, lead, neighbours, panelists)
    entry = queries.team(application).get(member=neighbours[0])
    for who in (organiser, lead.user, leader):
        with pytest.raises(Forbidden, match=r"^tracking\.consent$"):
            services.consent(who, entry, False)
    services.consent(neighbours[0].user, entry, False)
    assert neighbours[0] not in [t.member for t in queries.team_named(application)]


def test_on_a_grant_organisers_plan_milestones_and_the_team_adds_photos(
    call, organiser, lead, neighbours, panelists, leader
):
    application = _awarded(call, organiser, lead, neighbours, panelists)
    project = queries.project_of(application)
    assert project is not None and queries.milestones(application).count() == 1
    for who in (lead.user, neighbours[0].user, leader):
        with pytest.raises(Forbidden, match=r"^tracking\.plan$"):
            services.add_milestone(who, project, "x", date(2026, 6, 1))
    photo = services.add_photo(neighbours[0].user, project, _jpeg(), "开工")
    assert photo.image.name.startswith("tracking/photos/")
    with pytest.raises(Forbidden, match=r"^tracking\.photo$"):
        services.add_photo(leader, project, _jpeg(), "x")


def test_reading_never_makes_a_project(funded):
    assert queries.project_of(funded) is None
    assert list(queries.team(funded)) == [] and queries.progress(funded, 1000)["spent"] == 0
    assert queries.project_of(funded) is None
