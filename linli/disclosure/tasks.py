"""The disclosure sweep: publish scheduled notices whose time has come, and make final every 公示
whose notice period is over with all objections answered; send the digests that are due. Safe to run twice."""

from __future__ import annotations

from django_tasks import task

from . import delivery, queries, services


def sweep() -> dict[str, int]:
    published = 0
    for entry in queries.due_entries():
        if entry.created_by is not None and services.publish_due(entry.created_by, entry):
            published += 1
    return {
        "notices_published": published,
        "decisions_final": services.finalise_due(),
        "digests_sent": delivery.send_digests(),
    }


@task()
def sweep_task() -> dict[str, int]:
    return sweep()
