"""The demo loads and tells the story it promises."""

from __future__ import annotations

import pytest

from linli.budgeting import services
from linli.budgeting.models import Idea, Process
from linli.tracking import queries as tracking


@pytest.mark.django_db
def test_demo_loads(demo, db) -> None:
    yinxing = Process.objects.get(community__slug="yinxing", budget=200_000)
    assert yinxing.budget == 200_000 and yinxing.phase == "implementation"
    assert yinxing.ideas.filter(status=Idea.Status.REJECTED).exclude(review_note="").count() == 3
    assert yinxing.ideas.filter(appeal_upheld__isnull=False).count() == 1
    outcome = services.outcome_of(yinxing)
    assert outcome is not None and outcome.published_at and outcome.ballots > 20
    funded = services.funded(yinxing)
    assert len(funded) >= 3
    tracked = [i for i in funded if tracking.spending(i).exists()]
    assert len(tracked) >= 3 and all(s.receipt for i in tracked for s in tracking.spending(i))
    # Money paid is integer fen; the demo's receipts have whole yuan and the public lines agree.
    assert all(s.amount_fen % 100 == 0 for i in tracked for s in tracking.spending(i))
    assert all(tracking.milestones(i).exists() and tracking.team_named(i) for i in tracked)
    assert Process.objects.get(community__slug="jingui").phase == "ideas"
    # a small budget of the whole of 银杏社区 is voting now (issue 22: resident@ finds a PB vote)
    small = Process.objects.get(community__slug="yinxing", budget=30_000)
    assert small.phase == "vote" and small.vote is not None and not small.vote.is_closed
