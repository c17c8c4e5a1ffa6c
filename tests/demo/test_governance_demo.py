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


def test_the_councils_meetings_resolved_issues_with_report_backs_and_one_overdue(db):
    from linli.governance import sittings
    from linli.governance.models import Resolution

    council = Body.objects.get(community__slug="yinxing", kind=Body.Kind.RESIDENTS_COUNCIL)
    meetings = [m for m in sittings.meetings_of(council) if m.has_started]
    assert len(meetings) == 3
    assert all(m.is_published and sittings.quorum(m).met for m in meetings)
    assert all(m.meeting.minutes.published_at is not None for m in meetings)
    resolutions = sittings.resolutions_of(council)
    done = resolutions.filter(status=Resolution.Status.DONE)
    assert done.count() == 3 and all(r.report_back for r in done)
    assert [r.is_overdue for r in resolutions.exclude(status=Resolution.Status.DONE)] == [True]
    year = timezone.localtime().year
    assert dict(sittings.resolved_by_year(council))[year] == 3
    assert all(r.closed_at.year == year for r in done)


def test_the_councils_next_meeting_has_the_noise_complaints_on_its_agenda(db):
    """Feedback's demo sent 安居苑's noise item to the council by name; it joined the agenda of
    the council's next meeting, a week away, and the item links to it."""
    from linli.feedback.models import Item
    from linli.governance.feedback_handoff import next_sitting

    council = Body.objects.get(community__slug="yinxing", kind=Body.Kind.RESIDENTS_COUNCIL)
    sitting = next_sitting(council)
    assert sitting is not None and not sitting.is_published
    noise = Item.objects.get(community__slug="yinxing", agenda_body=council.name)
    on_agenda = sitting.items.get(subject_type="feedback.item")
    assert on_agenda.subject_id == noise.pk
    assert noise.agenda_url == f"{sitting.get_absolute_url()}#item-{on_agenda.pk}"
