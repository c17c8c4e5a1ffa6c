"""Background work of the review boards: the periodic sweep that writes ended terms into each
board's history (pages only read; ``boards.serving`` already leaves those seats out). Registered
in the AppConfig (``Module.sweeps``); running it twice changes nothing."""

from __future__ import annotations

from django_tasks import task

from . import boards


@task()
def sweep_task() -> dict[str, int]:
    return {"terms_ended": boards.expire_terms()}
