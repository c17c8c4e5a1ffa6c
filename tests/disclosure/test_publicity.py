"""公示 for any decision: objections answered in public, final only after the period and all
answers, the adapter's callback, and the grants and budgeting wiring."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member
from linli.disclosure import publicity as registry
from linli.disclosure import services
from linli.disclosure.models import Publicity
from tests.conftest import client_for, make_person


@pytest.fixture
def finals(monkeypatch):
    made: list[object] = []
    monkeypatch.setitem(
        registry.ADAPTERS,
        "test.decision",
        registry.Adapter(
            kind="test.decision",
            load=lambda pk: Member.objects.get(pk=pk),
            title=lambda m: f"决定：{m.name}",
            becomes_final=lambda m: "某项决定生效",
            on_final=made.append,
        ),
    )
    return made


@pytest.fixture
def notice(community, organiser, finals):
    subject = Member.objects.get(user=organiser)
    return services.start_publicity(organiser, "test.decision", subject, days=7)


def test_final_only_after_the_period_and_all_answers(notice, resident, organiser, finals):
    objection = services.object_to(resident, notice, "金额偏高")
    later = timezone.now() + timedelta(days=8)
    with time_machine.travel(later):
        assert services.finalise_due() == 0  # one objection unanswered
        with pytest.raises(Refused, match=r"^公示期已满，不再接受异议。$"):
            services.object_to(resident, notice, "too late")
        services.answer_objection(organiser, notice, objection, "报价单已公开。")
        assert services.finalise_due() == 1
        assert services.finalise_due() == 0
    notice.refresh_from_db()
    assert notice.status == Publicity.Status.FINAL and len(finals) == 1


def test_not_final_during_the_period(notice):
    assert services.finalise_due() == 0


def test_the_period_is_bounded_and_a_decision_is_noticed_once(community, organiser, finals):
    subject = Member.objects.get(user=organiser)
    with pytest.raises(Refused, match=r"^公示期为5到30天。$"):
        services.start_publicity(organiser, "test.decision", subject, days=2)
    services.start_publicity(organiser, "test.decision", subject, days=7)
    with pytest.raises(Refused, match=r"^这项决定已经在公示了。$"):
        services.start_publicity(organiser, "test.decision", subject, days=7)


def test_who_may_object(notice, resident, outsider):
    pending = make_person(notice.community, "p@test.org", status=Member.Status.PENDING)
    for person in (pending, outsider):
        with pytest.raises(Forbidden, match=r"^disclosure\.object$"):
            services.object_to(person, notice, "不同意")
    page = f"/c/{notice.community.slug}/disclosure/publicity/{notice.pk}/"
    assert client_for(pending).post(page, {"text": "不同意"}).status_code == 403
    assert client_for(resident).post(page, {"text": "不同意"}).status_code == 302
    assert notice.objections.count() == 1


def test_only_organisers_answer_and_the_answer_is_public(notice, resident, leader, organiser):
    objection = services.object_to(resident, notice, "金额偏高")
    url = f"/c/{notice.community.slug}/disclosure/manage/publicity/{notice.pk}/answer/"
    assert (
        client_for(leader).post(url, {"objection": objection.pk, "answer": "x"}).status_code == 403
    )
    client_for(organiser).post(url, {"objection": objection.pk, "answer": "报价单已公开。"})
    page = client_for(None).get(f"/c/{notice.community.slug}/disclosure/publicity/{notice.pk}/")
    assert "报价单已公开。" in page.content.decode()
    poster = client_for(None).get(
        f"/c/{notice.community.slug}/disclosure/publicity/{notice.pk}/poster.pdf"
    )
    assert poster.content.startswith(b"%PDF")
