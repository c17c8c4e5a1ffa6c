"""Background work of item-sharing: the periodic sweep that sends due-soon, overdue and listing
expiry reminders. Run it every hour or so (``manage.py sharing_sweep`` from cron or a systemd timer,
or enqueue ``sweep_task``); each reminder is claimed before it is sent, so it goes out once."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def sweep_task() -> dict[str, int]:
    return services.sweep()
