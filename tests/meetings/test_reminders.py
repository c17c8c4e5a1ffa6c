"""Reminders 48 hours and 2 hours before, each sent exactly once, at the right time (time frozen)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from linli.core import audit
from linli.core.models import Notification, OutboundEmail
from linli.meetings import schedule, services
from linli.meetings.models import Registration

from .conftest import make_meeting, member

START = datetime(2025, 5, 10, 7, 0, tzinfo=UTC)  # 15:00 in Chengdu


def reminders(user) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        Notification.objects.filter(user=user, kind="meeting_reminders")
        .order_by("id")
        .values_list("title", flat=True)
    )


def test_the_pure_schedule():
    sent: set[str] = set()
    assert schedule.due_reminders(START, START - timedelta(hours=49), sent) == []
    assert schedule.due_reminders(START, START - timedelta(hours=48), sent) == ["48h"]
    assert schedule.due_reminders(START, START - timedelta(hours=3), {"48h"}) == []
    assert schedule.due_reminders(START, START - timedelta(hours=2), {"48h"}) == ["2h"]
    # registered late: only the 2-hour reminder, never two at once
    assert schedule.due_reminders(START, START - timedelta(hours=1), set()) == ["2h"]
    assert schedule.due_reminders(START, START, set()) == []


def test_each_reminder_goes_once_at_its_time(community, organiser, resident, time_machine):
    time_machine.move_to(START - timedelta(days=7), tick=False)
    meeting = make_meeting(community, organiser, starts_at=START)
    services.register(resident, meeting, member(resident))
    emails_before = OutboundEmail.objects.count()

    time_machine.move_to(START - timedelta(hours=48, minutes=1), tick=False)
    assert services.send_reminders() == 0
    time_machine.move_to(START - timedelta(hours=47, minutes=55), tick=False)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0  # a second sweep changes nothing
    assert services.sweep()["reminders_sent"] == 0
    assert reminders(resident) == ["In two days: 梧桐院宣讲会"] or len(reminders(resident)) == 1

    time_machine.move_to(START - timedelta(hours=2, minutes=1), tick=False)
    assert services.send_reminders() == 0
    time_machine.move_to(START - timedelta(hours=1, minutes=58), tick=False)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    time_machine.move_to(START + timedelta(minutes=5), tick=False)
    assert services.send_reminders() == 0
    assert len(reminders(resident)) == 2
    assert OutboundEmail.objects.count() - emails_before == 2
    registration = Registration.objects.get()
    assert registration.reminded_48h_at and registration.reminded_2h_at


def test_people_waiting_or_cancelled_get_no_reminder(
    community, organiser, resident, leader, time_machine
):
    time_machine.move_to(START - timedelta(days=7), tick=False)
    meeting = make_meeting(community, organiser, starts_at=START, capacity=1)
    services.register(resident, meeting, member(resident))
    services.register(leader, meeting, member(leader))  # waiting
    time_machine.move_to(START - timedelta(hours=47), tick=False)
    assert services.send_reminders() == 1
    assert reminders(leader) == []


def test_a_new_time_means_new_reminders(community, organiser, resident, time_machine):
    time_machine.move_to(START - timedelta(days=7), tick=False)
    meeting = make_meeting(community, organiser, starts_at=START)
    services.register(resident, meeting, member(resident))
    time_machine.move_to(START - timedelta(hours=47), tick=False)
    assert services.send_reminders() == 1
    before = audit.snapshot(meeting)
    meeting.starts_at = START + timedelta(days=1)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    services.save_meeting(organiser, meeting, before=before)
    assert Notification.objects.filter(user=resident, kind="meeting_changes").count() == 1
    time_machine.move_to(meeting.starts_at - timedelta(hours=47), tick=False)
    assert services.send_reminders() == 1


def test_a_cancelled_meeting_sends_no_reminders(community, organiser, resident, time_machine):
    time_machine.move_to(START - timedelta(days=7), tick=False)
    meeting = make_meeting(community, organiser, starts_at=START)
    services.register(resident, meeting, member(resident))
    services.cancel_meeting(organiser, meeting, "暴雨预警")
    note = Notification.objects.get(user=resident, kind="meeting_changes")
    assert "暴雨预警" in note.body
    time_machine.move_to(START - timedelta(hours=47), tick=False)
    assert services.send_reminders() == 0


def test_a_resident_can_turn_reminders_off(community, organiser, resident, time_machine):
    from linli.core.models import NotificationPreference

    NotificationPreference.objects.create(
        user=resident, kind="meeting_reminders", email=False, in_app=False
    )
    time_machine.move_to(START - timedelta(days=7), tick=False)
    meeting = make_meeting(community, organiser, starts_at=START)
    services.register(resident, meeting, member(resident))
    time_machine.move_to(START - timedelta(hours=47), tick=False)
    services.send_reminders()
    assert reminders(resident) == []
    assert not OutboundEmail.objects.filter(kind="meeting_reminders").exists()


def test_the_management_command_runs_the_sweep(community, organiser, resident, time_machine):
    from io import StringIO

    from django.core.management import call_command

    time_machine.move_to(START - timedelta(days=7), tick=False)
    meeting = make_meeting(community, organiser, starts_at=START)
    services.register(resident, meeting, member(resident))
    time_machine.move_to(START - timedelta(hours=3), tick=False)
    out = StringIO()
    call_command("meetings_sweep", stdout=out)
    call_command("meetings_sweep", stdout=out)
    assert "reminders sent 1" in out.getvalue() and "reminders sent 0" in out.getvalue()
