"""Background work of item-sharing: the periodic sweep that sends due-soon, overdue and listing
expiry reminders. Registered in the AppConfig
(``Module.sweeps``): ``linli sweep`` runs it, and the worker queues it every five minutes; running
it twice changes nothing."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def sweep_task() -> dict[str, int]:
    return services.sweep()
