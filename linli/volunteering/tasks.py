"""Background work of volunteering: the periodic sweep that sends 48-hour reminders and hands
expired offers of a freed place on. Run ``manage.py volunteering_sweep`` every few minutes from
cron (or enqueue ``sweep_task``); running it twice changes nothing."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def sweep_task() -> dict[str, int]:
    return services.sweep()
