"""The daily check of open consultations: a flag raised once per under-reached group, the
organisers told once, re-measured later, closed with the consultation."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.models import Notification
from linli.engagement.models import Project
from linli.insights import services
from linli.insights.models import Flag
from linli.insights.tasks import sweep_task
from tests.insights.conftest import take_part


def test_it_raises_each_flag_once_and_tells_the_organiser_once(fair_world):
    first = services.sweep()
    assert first["flags_raised"] >= 2
    groups = set(Flag.objects.values_list("dimension", "group"))
    assert {("tenure", "tenant"), ("language", "bo"), ("area", "橡树湾")} <= groups
    told = Notification.objects.filter(user=fair_world.organiser, kind="insights_flag").count()
    assert told == Flag.objects.count()
    assert services.sweep()["communities_checked"] == 0  # once a day
    services.sweep(timezone.now() + timedelta(days=1))
    assert Notification.objects.filter(kind="insights_flag").count() == told


def test_it_re_measures_and_the_gap_closes(fair_world):
    services.sweep()
    flag = Flag.objects.get(dimension="area", group="橡树湾")
    take_part(fair_world, fair_world.xiangshu[:10], source="later")
    services.sweep(timezone.now() + timedelta(days=1))
    flag.refresh_from_db()
    assert flag.ratio_now is not None and flag.ratio_now > flag.ratio_when_raised


def test_it_closes_the_flags_of_a_closed_consultation(fair_world):
    services.sweep()
    Project.objects.filter(pk=fair_world.project.pk).update(status=Project.Status.CLOSED)
    result = services.sweep(timezone.now() + timedelta(days=1))
    assert result["flags_closed"] == Flag.objects.count()
    assert not Flag.objects.filter(closed_at__isnull=True).exists()


def test_the_sweep_is_a_task_returning_counts(fair_world):
    result = sweep_task.call()
    assert set(result) >= {"flags_raised", "communities_checked"}
