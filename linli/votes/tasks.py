"""Background work of votes: the periodic sweep that seals the box of every vote that has closed
(``services.seal``). Registered in the AppConfig (``Module.sweeps``): ``linli sweep`` runs it and
the worker queues it every five minutes; running it twice changes nothing."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def sweep_task() -> dict[str, int]:
    return {"sealed": services.seal_closed_votes()}
