"""Routing with an SLA, the public answer, closing with a report-back, and handing on."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from linli.core.kit import Refused
from linli.core.models import Notification, Partner
from linli.feedback import agenda, queries, services, tasks
from linli.feedback.models import Item, Responsible
from linli.proposals.models import Proposal

from .conftest import rain


@pytest.fixture
def item(community, resident, neighbour, wutong) -> Item:
    services.report(resident, community, rain(place=wutong))
    return services.report(neighbour, community, rain("院坝积水排不出去", wutong)).report.item


def test_routing_sets_the_due_date_from_the_service_time(organiser, item):
    services.route(organiser, item, Responsible.PROPERTY, name="物业工程部")
    item.refresh_from_db()
    today = queries.today_in(item.community)
    assert item.status == Item.Status.ROUTED and item.due_on == today + timedelta(days=5)


def test_routing_refuses_a_past_date_a_missing_partner_and_another_community_s_partner(
    organiser, item, other_community
):
    with pytest.raises(Refused, match=r"^答复期限不能早于今天。$"):
        services.route(
            organiser, item, Responsible.COMMITTEE, due_on=timezone.localdate() - timedelta(days=3)
        )
    with pytest.raises(Refused, match=r"^请选择合作单位。$"):
        services.route(organiser, item, Responsible.PARTNER)
    foreign = Partner.objects.create(community=other_community, name="别的", kind="ngo")
    with pytest.raises(Refused, match=r"^只能选择本社区的合作伙伴。$"):
        services.route(organiser, item, Responsible.PARTNER, partner=foreign)


def test_the_answer_is_public_and_tells_everyone_behind_the_item(
    community, organiser, item, yinxing_resident, resident, neighbour
):
    services.me_too(yinxing_resident, item)
    told = services.answer(organiser, item, "物业下周疏通下水口。")
    assert told == 3
    assert Notification.objects.filter(kind="feedback_answer").count() == 3
    page = client_get(community, item, None)
    assert "物业下周疏通下水口。" in page


def client_get(community, item, user) -> str:
    from tests.conftest import client_for

    return client_for(user).get(f"/c/{community.slug}/feedback/{item.pk}/").content.decode()


def test_closing_needs_the_answer_then_the_report_back(organiser, item):
    with pytest.raises(Refused, match=r"^办结之前，请先公开答复。$"):
        services.close(organiser, item, "已经疏通")
    services.answer(organiser, item, "物业下周疏通下水口。")
    with pytest.raises(Refused, match=r"^请填写结果反馈：做了什么，或者为什么没能做。$") as refused:
        services.close(organiser, item, "  ")
    assert refused.value.field == "report_back"
    services.close(organiser, item, "12月3日疏通了下水口，加装了一个雨水篦子。")
    item.refresh_from_db()
    assert item.status == Item.Status.CLOSED
    with pytest.raises(Refused, match=r"^这个事项已经办结。$"):
        services.route(organiser, item, Responsible.COMMITTEE)


def test_a_closed_item_takes_no_more_me_too(organiser, item, yinxing_resident):
    services.answer(organiser, item, "好")
    services.close(organiser, item, "做了")
    with pytest.raises(Refused, match=r"^这个事项已经办结。$"):
        services.me_too(yinxing_resident, item)


def test_an_item_becomes_a_published_proposal_once(organiser, item):
    proposal = services.make_proposal(
        organiser, item, "院坝排水改造", "十几户反映积水，建议改造排水。"
    )
    assert proposal.status == Proposal.Status.RECEIVED and proposal.area == item.area
    item.refresh_from_db()
    assert item.proposal == proposal
    with pytest.raises(Refused, match=r"^这个事项已经转成了提议。$"):
        services.make_proposal(organiser, item, "again", "again")


def test_the_agenda_hook_hands_the_item_to_a_registered_body(organiser, item, monkeypatch):
    services.send_to_agenda(organiser, item, "居民议事会")
    item.refresh_from_db()
    assert item.agenda_body == "居民议事会" and item.agenda_url == ""
    monkeypatch.setattr(agenda, "HANDLERS", [lambda actor, it, body: f"/agenda/{it.pk}/"])
    services.send_to_agenda(organiser, item, "居民议事会")
    item.refresh_from_db()
    assert item.agenda_url == f"/agenda/{item.pk}/"


def test_late_answers_are_told_to_organisers_once_a_day(organiser, item):
    services.route(organiser, item, Responsible.PROPERTY)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert [i.pk for i in queries.late_items()] == [item.pk]
        assert tasks.remind()["organisers_told"] == 1
        assert tasks.remind()["organisers_told"] == 0  # the sweep is safe to run again
        assert queries.queue(item.community)[0].days_late == 3


def test_the_monthly_summary_counts_reports_and_items(community, organiser, item):
    summary = queries.monthly_summary(community, queries.today_in(community))
    assert summary.reports == 2 and summary.households == 2 and summary.new_items == 1
    assert summary.top_items[0].pk == item.pk
