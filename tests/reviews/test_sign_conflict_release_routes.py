"""Three routes of an application that no test requested (issue 24): a household signs its
support, a board member declares a conflict, an officer releases a payment stage. Each is POSTed
by the person it is for and by others, who are refused and change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from linli.core.models import Member, Role
from linli.governance.models import Conflict
from linli.reviews import services
from linli.reviews.models import Signature
from linli.tracking.models import Milestone
from tests.conftest import client_for, make_household, make_person
from tests.reviews.helpers import adopt, make_board, make_contest, member
from tests.reviews.test_conflicts import _to_final
from tests.reviews.test_flow import _apply, _score_all, _to_scoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(community, organiser, resident):  # type: ignore[no-untyped-def]
    board, users = make_board(community, organiser)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    return users, contest, _apply(contest, resident)


def _post(user, application, route: str, data: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    client = client_for(user)
    client.cookies["linli_language"] = "en"
    return client.post(application.get_absolute_url() + route, data or {}, follow=True)


def _said(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]]


def _forbidden_saying(response, words: str) -> bool:  # type: ignore[no-untyped-def]
    """The 403 page, which says why."""
    return response.status_code == 403 and f'<p class="error">{words}</p>' in response.text


def test_a_household_signs_once_and_no_one_else_signs(
    community, outsider, leader, resident, applied
):
    _users, _contest, application = applied
    home = make_household(community, ["槐树院", "2栋", "1单元", "201"])
    neighbour = make_person(community, "neighbour@test.org", Role.RESIDENT, home)
    pending = make_person(
        community, "pending@test.org", Role.RESIDENT, home, status=Member.Status.PENDING
    )
    signers = lambda: sorted(Signature.objects.values_list("member__name", flat=True))  # noqa: E731
    for refused in (outsider, pending):
        assert _post(refused, application, "sign/").status_code == 403
    assert client_for(None).post(application.get_absolute_url() + "sign/").status_code == 302
    assert signers() == []
    response = _post(neighbour, application, "sign/")
    assert response.redirect_chain == [(application.get_absolute_url() + "#support", 302)]
    assert _said(response) == ["Your household's support is counted."]
    assert signers() == ["neighbour"]
    assert _said(_post(leader, application, "sign/")) == ["Your household's support is counted."]
    # the applicant shares the leader's household: it is counted already
    response = _post(resident, application, "sign/")
    assert _said(response) == ["Your household already supports this application."]
    assert signers() == ["leader", "neighbour"]


def test_only_a_board_member_declares_a_conflict(resident, organiser, applied):
    users, _contest, application = applied
    reason = {"reason": "我住在梧桐院"}
    for refused in (resident, organiser):
        response = _post(refused, application, "conflict/", reason)
        assert _forbidden_saying(response, "Only members serving on the board can do this.")
    assert not Conflict.objects.filter(source=Conflict.Source.DECLARED).exists()
    response = _post(users[4], application, "conflict/", reason)
    assert response.redirect_chain == [(application.get_absolute_url() + "#scoring", 302)]
    assert _said(response) == ["You are recused from this application; you will not score it."]
    conflict = Conflict.objects.get(source=Conflict.Source.DECLARED)
    assert (conflict.member, conflict.reason) == (member(users[4]), "我住在梧桐院")
    assert services.is_recused(member(users[4]), application)


def test_only_an_officer_releases_a_payment_stage(resident, applied):
    users, contest, application = applied
    _to_scoring(contest, users[0])
    _score_all(contest, users, [application])
    _to_final(users, contest)
    application.refresh_from_db()
    stage = services.add_milestone(users[0], application, "开工", Decimal(2500))
    url = f"milestones/{stage.pk}/release/"
    evidence = {"evidence": "开工照片"}
    officers = "Only the board&#x27;s chair, vice-chair or secretary can do this."
    response = _post(users[3], application, url, evidence)  # a member, not an officer
    assert _forbidden_saying(response, officers)
    response = _post(resident, application, url, evidence)  # the applicant herself
    assert _forbidden_saying(response, officers)
    stage.refresh_from_db()
    assert (stage.done_on, stage.evidence, stage.done_by) == (None, "", None)
    response = _post(users[0], application, url, {"evidence": ""})
    assert _said(response) == ["What shows it is reached: This field is required."]
    assert Milestone.objects.get(pk=stage.pk).done_on is None
    response = _post(users[0], application, url, evidence)
    assert response.redirect_chain == [(application.get_absolute_url() + "#funds", 302)]
    assert _said(response) == ["The funds for this milestone are released."]
    stage.refresh_from_db()
    assert (stage.evidence, stage.done_by) == ("开工照片", users[0])
    assert stage.done_on is not None
