"""The team's own commands on an application - agreeing to be named, adding a photo, reporting -
are checked for the account acting (``grants.apply``: residents and up), then for being on the
team, then for the application's phase; a refusal writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member
from linli.grants import services
from linli.grants.models import Report
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
    services.accept_agreement(lead, application, "王秀英")
    services.countersign(organiser, application)
    spent = [{"category": "materials", "item": "花苗", "amount": 3_000, "receipt": _jpeg()}]
    report = services.submit_report(
        neighbours[1].user, application, _milestone_report(application), spent
    )
    assert report.status == "submitted" and report.spending_lines.count() == 1
    assert Photo.objects.count() == 1


def test_no_photo_on_a_withdrawn_application(call, lead, neighbours):
    application = draft(call, lead, neighbours)
    services.withdraw(lead, application)
    with pytest.raises(Refused, match=r"^This application is closed\.$"):
        services.add_photo(lead.user, application, _jpeg(), "x")
    services.consent(neighbours[0].user, application, True)  # their own name, in any phase
    assert [t.member for t in services.team_named(application)] == [neighbours[0]]
