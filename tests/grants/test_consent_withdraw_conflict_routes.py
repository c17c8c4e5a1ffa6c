"""The three routes of an application that no test requested (issue 24): a team member says
whether to be named, the lead withdraws, a panel member declares a conflict. Each is POSTed by
the one person it is for and by someone else, who changes nothing."""

from __future__ import annotations

from linli.core.models import Member
from linli.grants.models import Review
from linli.tracking import queries as tracking

from .helpers import submitted


def _url(application, route: str) -> str:  # type: ignore[no-untyped-def]
    return f"/c/{application.call.community.slug}/grants/applications/{application.pk}/{route}/"


def _lead(resident) -> Member:  # type: ignore[no-untyped-def]
    return Member.objects.get(user=resident)


def test_only_a_team_member_says_whether_to_be_named(
    call, resident, neighbours, leader, en_client_for
):
    application = submitted(call, _lead(resident), neighbours)
    named = lambda: [t.member for t in tracking.team_named(application)]  # noqa: E731
    assert named() == []  # nobody is named before they say yes
    # A resident off the team does not see the submitted application at all.
    outsider = en_client_for(leader).post(_url(application, "consent"), {"agree": "yes"})
    assert outsider.status_code == 403
    assert named() == []
    response = en_client_for(neighbours[0].user).post(
        _url(application, "consent"), {"agree": "yes"}, follow=True
    )
    assert "Thank you: you are named on the team." in response.content.decode()
    assert named() == [neighbours[0]]
    response = en_client_for(neighbours[0].user).post(
        _url(application, "consent"), {"agree": "no"}, follow=True
    )
    assert "You are no longer named." in response.content.decode()
    assert named() == []


def test_only_the_lead_withdraws(call, resident, neighbours, en_client_for):
    application = submitted(call, _lead(resident), neighbours)
    response = en_client_for(neighbours[0].user).post(_url(application, "withdraw"), follow=True)
    assert "Only the lead of the application can withdraw it." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    response = en_client_for(resident).post(_url(application, "withdraw"), follow=True)
    assert "The application is withdrawn." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_only_a_panel_member_declares_a_conflict(
    call, resident, neighbours, panelists, en_client_for
):
    application = submitted(call, _lead(resident), neighbours)
    reason = {"conflict": "他是我的邻居"}
    response = en_client_for(resident).post(_url(application, "conflict"), reason, follow=True)
    assert "Only panel members review applications." in response.content.decode()
    assert not Review.objects.exists()
    response = en_client_for(panelists[0].user).post(
        _url(application, "conflict"), reason, follow=True
    )
    assert "You are recused from this application" in response.content.decode()
    review = Review.objects.get()
    assert (review.panelist, review.recused, review.conflict) == (
        panelists[0],
        True,
        "他是我的邻居",
    )
