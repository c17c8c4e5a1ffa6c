"""Background work of insights: the daily check of open consultations for under-reached groups.
Registered in the AppConfig (``Module.sweeps``); ``linli sweep`` and the worker run it every few
minutes, and it measures each community at most once a day. Running it twice changes nothing."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def sweep_task() -> dict[str, int]:
    return services.sweep()
