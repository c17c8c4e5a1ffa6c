"""Noise: each new notice and 公示 reaches residents by their settings - at once, or gathered into
a daily or weekly digest - and not at all where they turned the kind off."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from linli.core.models import Member, Notification, NotificationPreference, OutboundEmail
from linli.disclosure import digest, services, tasks
from linli.disclosure.models import Category, Delivery, Waiting
from tests.conftest import client_for

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=SHANGHAI)  # 2026-12-07 is a Monday


def publish(organiser, community, title="停水通知"):
    return services.add_entry(
        organiser, community, services.EntryInput(Category.SERVICES, title, "周三上午停水。")
    )


def test_the_digest_rule():
    assert digest.window_start(digest.DAILY, at(9, 7)) == at(8, 8)
    assert digest.window_start(digest.DAILY, at(9, 9)) == at(9, 8)
    assert digest.window_start(digest.WEEKLY, at(10, 12)) == at(7, 8)
    assert digest.is_due(digest.DAILY, at(8, 20), at(9, 9))
    assert not digest.is_due(digest.DAILY, at(9, 8).replace(minute=30), at(9, 9))
    assert not digest.is_due(digest.WEEKLY, at(8, 20), at(13, 23))
    assert digest.is_due(digest.WEEKLY, at(8, 20), at(14, 8))


def test_at_once_by_default_and_a_kind_turned_off_is_respected(community, organiser, resident):
    NotificationPreference.objects.create(
        user=resident, kind="disclosure_notice", email=False, in_app=False
    )
    entry = publish(organiser, community)
    assert entry.notified == 1  # the organiser, not the resident who turned notices off
    assert not Notification.objects.filter(user=resident).exists()
    assert not OutboundEmail.objects.filter(to=resident.email).exists()
    assert not Waiting.objects.exists()


def test_a_daily_digest_gathers_notices_into_one_message(community, organiser, resident):
    member = Member.objects.get(user=resident)
    services.choose_delivery(resident, member, digest.DAILY)
    with time_machine.travel(at(8, 10)):
        publish(organiser, community, "停水通知")
        publish(organiser, community, "电梯检修")
    assert not Notification.objects.filter(user=resident).exists()
    assert Waiting.objects.filter(member=member).count() == 2
    with time_machine.travel(at(8, 20)):
        assert tasks.sweep()["digests_sent"] == 0  # not before tomorrow morning
    with time_machine.travel(at(9, 8)):
        assert tasks.sweep()["digests_sent"] == 1
        assert tasks.sweep()["digests_sent"] == 0
    note = Notification.objects.get(user=resident)
    assert note.kind == "disclosure_digest" and "停水通知" in note.body and "电梯检修" in note.body
    assert OutboundEmail.objects.filter(to=resident.email, kind="disclosure_digest").count() == 1


def test_going_back_to_at_once_sends_what_waits(community, organiser, resident):
    member = Member.objects.get(user=resident)
    services.choose_delivery(resident, member, digest.WEEKLY)
    publish(organiser, community)
    services.choose_delivery(resident, member, digest.AT_ONCE)
    assert not Delivery.objects.exists()
    assert tasks.sweep()["digests_sent"] == 1


def test_the_choice_page(community, resident, organiser, outsider):
    url = f"/c/{community.slug}/disclosure/how-often/"
    assert client_for(outsider).get(url).status_code == 403
    page = client_for(resident).get(url)
    assert page.status_code == 200 and "每条都马上通知" in page.content.decode()
    assert client_for(resident).post(url, {"mode": "yearly"}).status_code == 400
    assert client_for(resident).post(url, {"mode": "weekly"}).status_code == 302
    assert Delivery.objects.get().mode == "weekly"
    assert Delivery.objects.get().member.user == resident


def test_only_the_member_chooses_for_themselves(community, resident, organiser):
    import pytest

    from linli.core.kit import Forbidden

    with pytest.raises(Forbidden, match=r"^own$"):
        services.choose_delivery(organiser, Member.objects.get(user=resident), digest.WEEKLY)
