""" "Issues resolved" per year (issue 18, counted in insights' community figures): motions on a
matter adopted in the period; rules about the body itself and motions not adopted do not count."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from linli.governance import queries
from linli.governance.models import Motion
from linli.insights.figures import raw


def motion(board, kind: str, status: str, closed_at: datetime) -> Motion:
    return Motion.objects.create(
        body=board.body,
        kind=kind,
        method=Motion.Method.HANDS,
        title=f"{kind} {status}",
        status=status,
        opened_by=board.organiser,
        closed_at=closed_at,
    )


def test_adopted_decisions_and_spending_in_the_period_are_issues_resolved(board, community):
    now = timezone.now()
    motion(board, Motion.Kind.DECISION, Motion.Status.PASSED, now - timedelta(days=1))
    motion(board, Motion.Kind.BUDGET, Motion.Status.PASSED, now - timedelta(days=2))
    motion(board, Motion.Kind.DECISION, Motion.Status.FAILED, now - timedelta(days=1))
    motion(board, Motion.Kind.CHARTER, Motion.Status.PASSED, now - timedelta(days=1))
    motion(board, Motion.Kind.DECISION, Motion.Status.PASSED, now - timedelta(days=400))
    since = now - timedelta(days=30)
    assert queries.issues_resolved(community, since, now) == 2
    assert queries.issues_resolved(community, since, now - timedelta(days=1, seconds=1)) == 1


def test_the_community_figures_count_them(board, community):
    motion(board, Motion.Kind.DECISION, Motion.Status.PASSED, timezone.now())
    assert raw(community, timezone.now().year)["issues_resolved"] == 1
