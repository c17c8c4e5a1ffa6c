"""The edit and add_coauthor routes of a draft (issue 24: no test requested them). The author
edits and invites; a co-author then edits too; anyone else, and everyone once it is published, is
refused and the draft stays as it was."""

from __future__ import annotations

import pytest

from linli.core.models import Member, Notification
from linli.proposals import services
from linli.proposals.models import Proposal
from tests.conftest import client_for, make_person

pytestmark = pytest.mark.django_db


def _member(user) -> Member:  # type: ignore[no-untyped-def]
    return Member.objects.get(user=user)


@pytest.fixture
def drafted(community, resident) -> Proposal:  # type: ignore[no-untyped-def]
    return services.save_draft(
        resident,
        Proposal(community=community, title="梧桐院加装电梯", body="老人上下楼太难。"),
    )


def _en(user):  # type: ignore[no-untyped-def]
    client = client_for(user)
    client.cookies["linli_language"] = "en"
    return client


def _said(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]]


def _edit(user, proposal: Proposal, title: str):  # type: ignore[no-untyped-def]
    url = f"/c/{proposal.community.slug}/proposals/{proposal.pk}/edit/"
    data = {"title": title, "body": "老人上下楼太难。", "category": "facilities"}
    return _en(user).post(url, data, follow=True)


def _invite(user, proposal: Proposal, contact: str):  # type: ignore[no-untyped-def]
    url = f"/c/{proposal.community.slug}/proposals/{proposal.pk}/coauthors/"
    return _en(user).post(url, {"contact": contact}, follow=True)


def _title(proposal: Proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).title


def test_only_the_authors_edit_a_draft(community, drafted, resident, leader, outsider):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    assert _edit(outsider, drafted, "外人改").status_code == 403
    assert _edit(pending, drafted, "待审改").status_code == 403
    assert _edit(leader, drafted, "楼长改").status_code == 404  # not an author
    assert _title(drafted) == "梧桐院加装电梯"
    response = _edit(resident, drafted, "")  # the form again with its error, nothing saved
    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert _title(drafted) == "梧桐院加装电梯"
    response = _edit(resident, drafted, "梧桐院2栋加装电梯")
    assert response.redirect_chain == [(drafted.get_absolute_url(), 302)]
    assert _said(response) == ["Saved."]
    assert _title(drafted) == "梧桐院2栋加装电梯"
    _invite(resident, drafted, leader.email)
    assert _said(_edit(leader, drafted, "梧桐院2栋、3栋加装电梯")) == ["Saved."]
    assert _title(drafted) == "梧桐院2栋、3栋加装电梯"
    services.publish(resident, drafted)
    assert _edit(resident, drafted, "发布后改").status_code == 404
    assert _title(drafted) == "梧桐院2栋、3栋加装电梯"


def test_only_the_first_author_invites_a_verified_neighbour(community, drafted, resident, leader):
    helper = make_person(community, "helper@test.org")
    coauthors = lambda: list(drafted.coauthors.values_list("name", flat=True))  # noqa: E731
    assert _said(_invite(resident, drafted, "")) == ["Enter a phone number or email."]
    assert _said(_invite(resident, drafted, "nobody@test.org")) == [
        "No verified resident of this community has that phone number or email."
    ]
    assert coauthors() == []
    response = _invite(resident, drafted, leader.email)
    assert response.redirect_chain == [(drafted.get_absolute_url(), 302)]
    assert _said(response) == ["leader is now a co-author."]
    assert coauthors() == ["leader"]
    assert Notification.objects.filter(user=leader, kind="proposal_coauthor").count() == 1
    # a co-author does not invite others
    assert _said(_invite(leader, drafted, helper.email)) == [
        "Only the first author can invite co-authors, before publishing."
    ]
    assert coauthors() == ["leader"]
    assert not Notification.objects.filter(user=helper).exists()
