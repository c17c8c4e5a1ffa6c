"""The 48-hour reminder goes once, at its time, through the sweep the cron line runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

from django.core.management import call_command

from linli.core.models import Notification, OutboundEmail
from linli.volunteering import services
from linli.volunteering.models import Activity

from .conftest import member

START = datetime(2025, 5, 10, 0, 0, tzinfo=UTC)  # Saturday 8:00 in Chengdu


def test_the_reminder_goes_once(team, team_leader, team_member, time_machine):
    time_machine.move_to(START - timedelta(days=7), tick=False)
    activity = Activity(
        team=team,
        title="周六护绿",
        place="启明花园",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
    )
    services.save_activity(team_leader, activity)
    services.sign_up(team_member, activity, member(team_member))
    emails = OutboundEmail.objects.count()
    time_machine.move_to(START - timedelta(hours=48, minutes=1), tick=False)
    assert services.send_reminders() == 0
    time_machine.move_to(START - timedelta(hours=47, minutes=50), tick=False)
    out = StringIO()
    call_command("volunteering_sweep", stdout=out)
    assert "reminders sent 1" in out.getvalue()
    assert services.sweep()["reminders_sent"] == 0
    time_machine.move_to(START - timedelta(hours=3), tick=False)
    assert services.send_reminders() == 0
    reminders = Notification.objects.filter(user=team_member, kind="volunteer_reminders")
    assert reminders.count() == 1 and "周六护绿" in reminders.get().title
    assert OutboundEmail.objects.count() - emails == 1


def test_a_new_time_means_a_new_reminder(team, team_leader, team_member, time_machine):
    from linli.core import audit

    time_machine.move_to(START - timedelta(days=7), tick=False)
    activity = Activity(
        team=team,
        title="周六护绿",
        place="启明花园",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
    )
    services.save_activity(team_leader, activity)
    services.sign_up(team_member, activity, member(team_member))
    time_machine.move_to(START - timedelta(hours=47), tick=False)
    assert services.send_reminders() == 1
    before = audit.snapshot(activity)
    activity.starts_at += timedelta(days=1)
    activity.ends_at += timedelta(days=1)
    services.save_activity(team_leader, activity, before=before)
    time_machine.move_to(START + timedelta(hours=1), tick=False)
    assert services.send_reminders() == 1


def test_cancelled_and_waiting_people_get_no_reminder(
    team, team_leader, team_member, resident, time_machine
):
    time_machine.move_to(START - timedelta(days=7), tick=False)
    activity = Activity(
        team=team,
        title="周六护绿",
        place="启明花园",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        capacity=1,
    )
    services.save_activity(team_leader, activity)
    services.sign_up(team_member, activity, member(team_member))
    services.sign_up(resident, activity, member(resident))  # waiting
    services.cancel_activity(team_leader, activity, "下雨")
    time_machine.move_to(START - timedelta(hours=47), tick=False)
    assert services.send_reminders() == 0
