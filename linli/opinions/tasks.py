"""Background work of opinion mapping: recomputing a conversation's analysis as votes arrive.

A vote queues :func:`recompute_task` unless one is already waiting
(``services.request_recompute``); the task clears the mark before it starts, so votes cast while
it runs queue the next one. The worker should run with ``OPENBLAS_NUM_THREADS=1`` (``linli
worker`` sets it): the matrices are small, and OpenBLAS's threads only fight over the cores."""

from __future__ import annotations

from django_tasks import task

from . import recompute
from .models import Conversation


@task()
def recompute_task(conversation_id: int) -> dict[str, int]:
    Conversation.objects.filter(pk=conversation_id).update(recompute_queued_at=None)
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is None:
        return {"recomputed": 0}
    analysis = recompute.store(conversation)
    return {"recomputed": 1, "participants": analysis.participants, "groups": analysis.n_groups}
