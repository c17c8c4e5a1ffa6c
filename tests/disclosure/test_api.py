"""The disclosure API: published notices only, 公示 with public answers and no names, objecting
within the period for those allowed, and the finance figures."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from linli.core.models import Member
from linli.disclosure import publicity as registry
from linli.disclosure import services
from linli.disclosure.models import Category
from tests.conftest import client_for, make_person


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def notice(community, organiser, monkeypatch):
    monkeypatch.setitem(
        registry.ADAPTERS,
        "test.decision",
        registry.Adapter(
            kind="test.decision",
            load=lambda pk: Member.objects.get(pk=pk),
            title=lambda m: "微项目资助：楼道灯",
            becomes_final=lambda m: "资助 3000 元",
        ),
    )
    subject = Member.objects.get(user=organiser)
    return services.start_publicity(organiser, "test.decision", subject, days=7)


def test_notices_published_only_with_their_attachments(community, organiser):
    shown = services.add_entry(
        organiser,
        community,
        services.EntryInput(Category.FINANCES, "公益金收支公示", "全年收入8.6万元。"),
    )
    later = services.add_entry(
        organiser,
        community,
        services.EntryInput(
            Category.PLANS, "明年计划", "草稿", publish_at=timezone.now() + timedelta(days=3)
        ),
    )
    base = f"/api/communities/{community.slug}/notices"
    listed = client_for(None).get(base).json()
    assert [n["id"] for n in listed] == [shown.pk]
    assert client_for(None).get(f"{base}?category=plans").json() == []
    detail = client_for(None).get(f"{base}/{shown.pk}").json()
    assert detail["body"] == "全年收入8.6万元。" and detail["attachments"] == []
    assert client_for(None).get(f"{base}/{later.pk}").status_code == 404
    assert client_for(organiser).get(f"{base}/{later.pk}").status_code == 200


def test_objecting_through_the_api_and_reading_the_answer(notice, resident, organiser):
    base = f"/api/communities/{notice.community.slug}/publicity"
    made = post(client_for(resident), f"{base}/{notice.pk}/objections", {"text": "金额偏高"})
    assert made.status_code == 201 and made.json()["answer"] == ""
    empty = post(client_for(resident), f"{base}/{notice.pk}/objections", {"text": "  "})
    assert empty.status_code == 400 and empty.json()["field"] == "text"
    objection = notice.objections.get()
    services.answer_objection(organiser, notice, objection, "报价单已公开。")
    detail = client_for(None).get(f"{base}/{notice.pk}").json()
    assert detail["objections"] == 1 and detail["unanswered"] == 0
    assert detail["objection_list"][0]["answer"] == "报价单已公开。"
    assert "member" not in detail["objection_list"][0]  # who objected is not named
    assert [p["id"] for p in client_for(None).get(base).json()] == [notice.pk]


def test_who_may_object_through_the_api(notice, outsider):
    base = f"/api/communities/{notice.community.slug}/publicity/{notice.pk}/objections"
    pending = make_person(notice.community, "p@test.org", status=Member.Status.PENDING)
    assert post(client_for(None), base, {"text": "不同意"}).status_code == 401
    assert post(client_for(pending), base, {"text": "不同意"}).status_code == 403
    assert post(client_for(outsider), base, {"text": "不同意"}).status_code == 403
    assert not notice.objections.exists()


def test_objections_close_with_the_period(notice, resident):
    base = f"/api/communities/{notice.community.slug}/publicity/{notice.pk}/objections"
    with time_machine.travel(timezone.now() + timedelta(days=9)):
        assert post(client_for(resident), base, {"text": "太晚了"}).status_code == 400
    assert not notice.objections.exists()


def test_finance_is_public(community):
    answer = client_for(None).get(f"/api/communities/{community.slug}/finance")
    assert answer.status_code == 200 and answer.json() == []
