"""The governance demo: 银杏社区's 10-member 评审会 whose secretary recorded a show of hands, the
槐树院 院落自治小组, and a 居民议事会 with issues decided this year."""

from __future__ import annotations

import pytest
from django.utils import timezone

from linli.governance import queries
from linli.governance.models import Body, Motion

pytestmark = pytest.mark.usefixtures("demo")


def test_the_review_board_of_ten_decides_on_paper(db):
    board = Body.objects.get(community__slug="yinxing", kind=Body.Kind.REVIEW_BOARD)
    seats = list(queries.serving(board))
    assert len(seats) == 10
    assert sum(seat.member.user_id is None for seat in seats) == 7
    motion = board.motions.get(title="通过评审会议事规则")
    assert motion.method == Motion.Method.HANDS and motion.status == Motion.Status.PASSED
    assert motion.recorded_by != motion.confirmed_by and motion.present.count() == 8
    assert not queries.imbalances(board)


def test_the_council_resolved_issues_this_year(db):
    council = Body.objects.get(community__slug="yinxing", kind=Body.Kind.RESIDENTS_COUNCIL)
    decided = council.motions.filter(
        status=Motion.Status.PASSED, closed_at__year=timezone.now().year
    )
    assert decided.count() == 3


def test_the_courtyard_group_serves_its_courtyard(db):
    group = Body.objects.get(community__slug="yinxing", kind=Body.Kind.COURTYARD_GROUP)
    assert group.area.name == "槐树院" and queries.serving(group).exists()
