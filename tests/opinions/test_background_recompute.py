"""Votes queue a recompute of the map in the background, at most one waiting per conversation;
group labels stay put between recomputations."""

from __future__ import annotations

from linli.opinions import recompute, services, tasks
from linli.opinions.models import Analysis, Conversation
from tests.opinions.conftest import two_camps


def test_votes_queue_one_recompute_and_the_task_stores_the_analysis(
    organiser, conversation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        two_camps(organiser, conversation)
    assert len(callbacks) == 1  # twelve sheets, one recompute (tasks run at once in tests)
    analysis = Analysis.objects.get(conversation=conversation)
    assert analysis.participants == 12 and analysis.n_groups == 2
    assert analysis.statements == 8 and analysis.votes == 96
    conversation.refresh_from_db()
    assert conversation.recompute_queued_at is None  # the task cleared its mark


def test_a_pending_recompute_is_not_queued_twice(
    organiser, conversation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.request_recompute(conversation)
        assert not services.request_recompute(conversation)
    assert len(callbacks) == 1
    assert Conversation.objects.get(pk=conversation.pk).recompute_queued_at is not None
    tasks.recompute_task.call(conversation.pk)  # the worker starts it: the mark is cleared
    assert services.request_recompute(conversation)


def test_group_labels_stay_between_recomputations(organiser, conversation):
    lift, ground = two_camps(organiser, conversation)
    first = recompute.store(conversation)
    groups = first.data["groups"]
    lift_label = groups[str(lift[0].pk)]
    two_camps(organiser, conversation, per_camp=3)  # more people arrive
    second = recompute.store(conversation)
    assert second.data["groups"][str(lift[0].pk)] == lift_label
    assert second.data["groups"][str(ground[0].pk)] != lift_label
    assert second.participants == 18


def test_too_few_votes_store_counts_but_no_groups(resident, conversation):
    services.vote(resident, conversation, conversation.statements.first(), 1)
    analysis = recompute.store(conversation)
    assert analysis.participants == 1 and analysis.n_groups == 0


def test_a_small_conversation_is_not_split_into_many_tiny_groups():
    assert recompute.group_counts(4) == (2,)
    assert recompute.group_counts(13) == (2,)
    assert recompute.group_counts(15) == (2, 3)
    assert recompute.group_counts(300) == (2, 3, 4, 5)
