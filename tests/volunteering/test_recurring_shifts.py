"""A weekly schedule makes its shifts once, however often it is saved; editing it moves future
shifts but never removes one somebody signed up for (and says so)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from linli.core.services import ServiceError
from linli.volunteering import recurrence, services
from linli.volunteering.models import Activity, Schedule

from .conftest import member

NOW = datetime(2025, 3, 1, 0, 0, tzinfo=UTC)  # a Saturday, 8:00 in Chengdu


def test_the_pure_rules():
    shifts = recurrence.occurrences(
        weekday=5,
        start=time(8),
        end=time(10),
        first_day=date(2025, 3, 3),
        last_day=date(2025, 3, 31),
        zone="Asia/Shanghai",
    )
    assert [s.date() for s, _e in shifts] == [date(2025, 3, d) for d in (8, 15, 22, 29)]
    assert shifts[0][0].hour == 8 and shifts[0][1].hour == 10
    every_other = recurrence.occurrences(
        weekday=5,
        start=time(8),
        end=time(10),
        first_day=date(2025, 3, 1),
        last_day=date(2025, 3, 31),
        zone="Asia/Shanghai",
        every_weeks=2,
    )
    assert len(every_other) == 3
    starts = [s for s, _e in shifts]
    plan = recurrence.plan(starts[1:], {starts[0]: True, starts[1]: False}, NOW)
    assert plan.kept == [starts[0]] and plan.create == starts[2:] and plan.move == [starts[1]]
    plan = recurrence.plan(starts[1:], {starts[0]: False}, NOW)
    assert plan.remove == [starts[0]]
    # the past is history
    assert recurrence.plan([], {NOW - timedelta(days=1): False}, NOW).remove == []


def _schedule(team, **fields) -> Schedule:  # type: ignore[no-untyped-def]
    return Schedule(
        team=team,
        title="周六护绿",
        place="启明花园",
        weekday=5,
        start_time=time(8),
        end_time=time(10),
        starts_on=fields.pop("starts_on", date(2025, 3, 1)),
        until=fields.pop("until", date(2025, 5, 31)),
        capacity=10,
        **fields,
    )


def test_saving_twice_makes_each_shift_once(team, team_leader, time_machine):
    time_machine.move_to(NOW - timedelta(days=7), tick=False)
    schedule = _schedule(team)
    first = services.save_schedule(team_leader, schedule)
    assert first.created == 14
    again = services.save_schedule(team_leader, schedule)
    assert again.created == 0 and again.removed == 0
    assert Activity.objects.filter(schedule=schedule).count() == 14
    # and the database says no as well
    shift = Activity.objects.filter(schedule=schedule).first()
    assert shift is not None
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError, match=r"(?i)unique"), transaction.atomic():
        Activity.objects.create(
            team=team,
            schedule=schedule,
            title="x",
            place="x",
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
        )


def test_editing_keeps_signed_up_shifts_and_explains(team, team_leader, team_member, time_machine):
    time_machine.move_to(NOW - timedelta(days=7), tick=False)
    schedule = _schedule(team)
    services.save_schedule(team_leader, schedule)
    last = Activity.objects.filter(schedule=schedule).order_by("starts_at").last()
    services.sign_up(team_member, last, member(team_member))
    schedule.until = date(2025, 4, 30)
    schedule.place = "启明花园东门"
    result = services.save_schedule(team_leader, schedule)
    assert result.kept == [last] and result.removed == 4
    assert Activity.objects.filter(schedule=schedule).count() == 10
    assert set(
        Activity.objects.filter(schedule=schedule)
        .exclude(pk=last.pk)
        .values_list("place", flat=True)
    ) == {"启明花园东门"}


def test_the_page_says_what_was_kept(community, team, team_leader, team_member, time_machine):
    from .conftest import english_client

    time_machine.move_to(NOW - timedelta(days=7), tick=False)
    schedule = _schedule(team)
    services.save_schedule(team_leader, schedule)
    last = Activity.objects.filter(schedule=schedule).order_by("starts_at").last()
    services.sign_up(team_member, last, member(team_member))
    url = f"/c/{community.slug}/volunteering/teams/{team.pk}/schedules/{schedule.pk}/"
    data = {
        "title": "周六护绿",
        "place": "启明花园",
        "weekday": 5,
        "every_weeks": 1,
        "start_time": "08:00",
        "end_time": "10:00",
        "starts_on": "2025-03-01",
        "until": "2025-04-30",
        "capacity": 10,
        "skills_needed": "",
    }
    response = english_client(team_leader).post(url, data, follow=True)
    page = response.content.decode()
    assert "1 shifts the schedule no longer has were kept because people signed up" in page


def test_bad_schedules_are_refused(community, team, team_leader, time_machine):
    from .conftest import english_client

    time_machine.move_to(NOW, tick=False)
    with pytest.raises(ServiceError, match=r"^The last day must not be before the first day\.$"):
        services.save_schedule(team_leader, _schedule(team, until=date(2025, 2, 1)))
    url = f"/c/{community.slug}/volunteering/teams/{team.pk}/schedules/new/"
    response = english_client(team_leader).post(
        url,
        {
            "title": "周六护绿",
            "place": "x",
            "weekday": 5,
            "every_weeks": 1,
            "start_time": "10:00",
            "end_time": "08:00",
            "starts_on": "2025-03-01",
            "until": "2027-03-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The end must be after the start." in page and "at most a year and a half" in page
    assert 'value="周六护绿"' in page  # nothing typed is lost
    assert not Schedule.objects.exists()
