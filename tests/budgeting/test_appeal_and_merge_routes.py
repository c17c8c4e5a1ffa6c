"""The appeal and merge routes of an idea (issue 24: no test requested them). The author of a
rejected idea appeals once; a reviewer merges a duplicate. Everyone else is refused and the idea
stays as it was."""

from __future__ import annotations

import pytest

from linli.budgeting import services
from linli.budgeting.models import Idea
from linli.core.models import Member
from tests.budgeting.conftest import english_client
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def _said(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]]


def _url(idea: Idea, route: str) -> str:
    return f"/c/{idea.process.community.slug}/budget/ideas/{idea.pk}/{route}/"


def _state(idea: Idea) -> tuple[str, str, bool, int | None]:
    fresh = Idea.objects.get(pk=idea.pk)
    return fresh.status, fresh.appeal_text, fresh.appealed_at is not None, fresh.merged_into_id


@pytest.fixture
def rejected(process, organiser, resident) -> Idea:  # type: ignore[no-untyped-def]
    idea = services.submit_idea(resident, process, Idea(title="停车场", body="把院坝改成停车场"))
    services.review_idea(organiser, idea, feasible=False, note="院坝是消防通道。", cost=None)
    return idea


def test_only_the_author_appeals_a_rejection_once(
    community, rejected, resident, leader, outsider, organiser
):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    text = {"text": "可以只占一半。"}
    before = _state(rejected)
    assert before == ("rejected", "", False, None)
    assert english_client(outsider).post(_url(rejected, "appeal"), text).status_code == 403
    assert english_client(pending).post(_url(rejected, "appeal"), text).status_code == 403
    for other in (leader, organiser):
        response = english_client(other).post(_url(rejected, "appeal"), text, follow=True)
        assert _said(response) == ["Only the author of the idea may appeal."]
    response = english_client(resident).post(_url(rejected, "appeal"), {"text": ""}, follow=True)
    assert _said(response) == ["Write why the idea should be reconsidered."]
    assert _state(rejected) == before
    response = english_client(resident).post(_url(rejected, "appeal"), text, follow=True)
    assert response.redirect_chain == [(rejected.get_absolute_url(), 302)]
    assert _said(response) == ["Your appeal is in. The organisers will answer it here."]
    assert _state(rejected) == ("rejected", "可以只占一半。", True, None)
    response = english_client(resident).post(_url(rejected, "appeal"), {"text": "再"}, follow=True)
    assert _said(response) == ["An idea can be appealed once, and this one already was."]
    assert _state(rejected) == ("rejected", "可以只占一半。", True, None)


def test_only_a_reviewer_merges_a_duplicate(process, resident, leader, organiser, outsider):
    first = services.submit_idea(resident, process, Idea(title="路灯", body="院里装路灯"))
    twin = services.submit_idea(leader, process, Idea(title="装路灯", body="晚上太黑"))
    into = {"into": str(first.pk)}
    before = _state(twin)
    assert before == ("submitted", "", False, None)
    assert english_client(outsider).post(_url(twin, "merge"), into).status_code == 403
    assert english_client(resident).post(_url(twin, "merge"), into).status_code == 403
    assert english_client(leader).post(_url(twin, "merge"), into).status_code == 403
    assert _state(twin) == before
    response = english_client(organiser).post(_url(twin, "merge"), into, follow=True)
    assert _said(response) == ["Idea merged."]
    assert _state(twin) == ("merged", "", False, first.pk)
    assert Idea.objects.get(pk=twin.pk).review_note == "Merged into “路灯”."
    assert _state(first) == ("submitted", "", False, None)
