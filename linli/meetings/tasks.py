"""Background work of meetings: the periodic sweep that sends reminders and hands expired offers
of a freed place on to the next person. Run it every few minutes (``manage.py meetings_sweep`` from
cron or a systemd timer, or enqueue ``sweep_task``); running it twice changes nothing."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def sweep_task() -> dict[str, int]:
    return services.sweep()
