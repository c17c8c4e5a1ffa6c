"""The team's own commands on an application - agreeing to be named, adding a photo, reporting -
are checked for the account acting (``grants.apply``: residents and up), then for being on the
team, then for the application's phase; a refusal writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member
from linli.grants import services
from linli.grants.models import Application, Report, Review
from linli.participation.models import Act, Depth
from linli.tracking import queries as tracking
from linli.tracking.models import Photo
from tests.conftest import make_person

from .helpers import draft
from .test_flow import _awarded, _jpeg


@pytest.fixture
def lead(resident):  # type: ignore[no-untyped-def]
    return Member.objects.get(user=resident)


def _milestone_report(application):  # type: ignore[no-untyped-def]
    return Report(
        kind="milestone",
        milestone=tracking.milestones(application).first(),
        narrative="建成了",
        activities_held="3次种植",
        participants=25,
    )


def test_outsiders_pending_members_and_visitors_may_not(
    call, community, lead, neighbours, outsider
):
    application = draft(call, lead, neighbours)
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    for who in (outsider, pending, AnonymousUser()):
        with pytest.raises(Forbidden, match=r"^grants\.apply$"):
            services.consent(who, application, True)
        with pytest.raises(Forbidden, match=r"^grants\.apply$"):
            services.add_photo(who, application, _jpeg(), "x")
        with pytest.raises(Forbidden, match=r"^grants\.apply$"):
            services.submit_report(who, application, _milestone_report(application), [])
    assert not Photo.objects.exists() and not Report.objects.exists()
    assert services.team_named(application) == []


def test_a_resident_off_the_team_is_refused_each_command(call, lead, neighbours, leader):
    application = draft(call, lead, neighbours)
    with pytest.raises(Refused, match=r"^You are not on this team\.$"):
        services.consent(leader, application, True)
    with pytest.raises(Refused, match=r"^Only the team can add photos\.$"):
        services.add_photo(leader, application, _jpeg(), "x")
    with pytest.raises(Refused, match=r"^Only the project's team reports on it\.$"):
        services.submit_report(leader, application, _milestone_report(application), [])
    assert not Photo.objects.exists() and not Report.objects.exists()


def test_each_phase_of_the_application(call, organiser, lead, neighbours, panelists):
    # awarded, the agreement not yet signed: photos, but no report
    application = _awarded(call, organiser, lead, neighbours, panelists)
    services.add_photo(neighbours[0].user, application, _jpeg(), "开工")
    with pytest.raises(
        Refused, match=r"^Reports start once both sides have signed the agreement\.$"
    ):
        services.submit_report(lead.user, application, _milestone_report(application), [])
    # awarded and signed: a team member (not only the lead) reports, with what was spent
    services.accept_agreement(lead.user, application, "王秀英")
    services.countersign(organiser, application)
    spent = [{"category": "materials", "item": "花苗", "amount": 3_000, "receipt": _jpeg()}]
    report = services.submit_report(
        neighbours[1].user, application, _milestone_report(application), spent
    )
    assert report.status == "submitted" and report.spending_lines.count() == 1
    assert Photo.objects.count() == 1


def test_no_photo_on_a_withdrawn_application(call, lead, neighbours):
    application = draft(call, lead, neighbours)
    services.withdraw(lead.user, application)
    with pytest.raises(Refused, match=r"^This application is closed\.$"):
        services.add_photo(lead.user, application, _jpeg(), "x")
    services.consent(neighbours[0].user, application, True)  # their own name, in any phase
    assert [t.member for t in services.team_named(application)] == [neighbours[0]]


# --- The lead's and the panel's commands: applying, the agreement, scoring ---------------------


def test_only_residents_of_the_community_start_submit_withdraw_accept_or_score(
    call, community, lead, neighbours, outsider
):
    application = draft(call, lead, neighbours)
    line = application.budget_lines.get()
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    values = {c.pk: 5 for c in call.criteria.all()}
    for who in (outsider, pending, AnonymousUser()):
        for run in (
            lambda: services.start(who, Application(call=call, title="x", theme="landscape")),
            lambda: services.update(who, application),
            lambda: services.add_budget_line(who, application, "other", "x", 10),
            lambda: services.remove_budget_line(who, line),
            lambda: services.add_team_member(who, application, neighbours[0], "x"),
            lambda: services.submit(who, application),
            lambda: services.withdraw(who, application),
            lambda: services.accept_agreement(who, application, "x"),
            lambda: services.score(who, application, values, ""),
            lambda: services.declare_conflict(who, application, "x"),
        ):
            with pytest.raises(Forbidden, match=r"^grants\.apply$"):
                run()
    application.refresh_from_db()
    assert application.status == "draft" and application.budget_lines.count() == 1
    assert Application.objects.count() == 1 and not Review.objects.exists()


def test_a_resident_who_is_not_the_lead_or_on_the_panel_is_refused(call, lead, neighbours, leader):
    application = draft(call, lead, neighbours)
    line = application.budget_lines.get()
    only_lead = r"^Only the lead of the application can change it\.$"
    with pytest.raises(Refused, match=only_lead):
        services.add_budget_line(leader, application, "other", "x", 10)
    with pytest.raises(Refused, match=only_lead):
        services.remove_budget_line(leader, line)
    with pytest.raises(Refused, match=only_lead):
        services.add_team_member(leader, application, neighbours[0], "x")
    with pytest.raises(Refused, match=only_lead):
        services.submit(neighbours[0].user, application)
    with pytest.raises(Refused, match=r"^Only the lead of the application can withdraw it\.$"):
        services.withdraw(neighbours[0].user, application)
    with pytest.raises(
        Refused, match=r"^Only the lead of an awarded project accepts its agreement\.$"
    ):
        services.accept_agreement(lead.user, application, "王秀英")  # not awarded yet
    panel_only = r"^Only panel members review applications\.$"
    with pytest.raises(Refused, match=panel_only):
        services.score(leader, application, {c.pk: 5 for c in call.criteria.all()}, "")
    with pytest.raises(Refused, match=panel_only):
        services.declare_conflict(lead.user, application, "亲戚")
    assert application.budget_lines.count() == 1 and not Review.objects.exists()


def test_the_lead_and_the_panel_in_each_phase(call, organiser, lead, neighbours, panelists):
    application = draft(call, lead, neighbours)
    for n in neighbours:
        services.consent(n.user, application, True)
    values = {c.pk: 7 for c in call.criteria.all()}
    # a draft: the panel may not score yet
    with pytest.raises(Refused, match=r"^Scores can only be given while the panel reviews\.$"):
        services.score(panelists[0].user, application, values, "")
    services.submit(lead.user, application)
    # submitted: no more changes, the lead and the verified team are in the ledger once each
    with pytest.raises(Refused, match=r"^A submitted application can no longer be changed\.$"):
        services.submit(lead.user, application)
    assert sorted(Act.objects.filter(method="grant").values_list("member_id", flat=True)) == (
        sorted([lead.pk, *(n.pk for n in neighbours)])
    )
    services.step(organiser, call, "review")
    application.refresh_from_db()
    # under review: the panel scores; the score is in the ledger for the panel member
    services.score(panelists[0].user, application, values, "好")
    assert Act.objects.filter(member=panelists[0], depth=Depth.COLLABORATING).count() == 1
    services.withdraw(lead.user, application)
    with pytest.raises(Refused, match=r"^Scores can only be given while the panel reviews\.$"):
        services.score(panelists[1].user, application, values, "")
    with pytest.raises(Refused, match=r"^This application can no longer be withdrawn\.$"):
        services.withdraw(lead.user, application)


def test_the_agreement_waits_for_the_milestones(call, organiser, lead, neighbours, panelists):
    application = _awarded(call, organiser, lead, neighbours, panelists)
    tracking.milestones(application).delete()
    with pytest.raises(Refused, match=r"^The organisers have not set the milestones yet\.$"):
        services.accept_agreement(lead.user, application, "王秀英")
    services.add_milestone(organiser, application, "花园建成", call.review_by)
    agreement = services.accept_agreement(lead.user, application, "王秀英")
    assert agreement.grantee_name == "王秀英" and agreement.grantee_accepted_at is not None
