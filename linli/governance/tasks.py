"""Background work of resident bodies: the periodic sweep that ends the seats whose term is over
(pages never write; until the sweep runs, queries already treat those seats as not serving).
Running it twice changes nothing."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def sweep_task() -> dict[str, int]:
    return services.sweep()
