"""A body's adopted resolution goes under public notice (公示, issue 19) through disclosure's one
mechanism; a rejected one, and a body's own membership decisions, do not."""

from __future__ import annotations

from linli.core.models import Notification
from linli.disclosure import queries
from linli.disclosure.models import Publicity
from linli.governance import services
from linli.governance.models import Motion


def _online(board, kind=Motion.Kind.DECISION, title="院坝改造方案"):
    return services.open_motion(
        board.chair, board.body, kind=kind, method=Motion.Method.ONLINE, title=title
    )


def test_an_adopted_resolution_is_put_under_public_notice(board, resident):
    motion = _online(board)
    for officer in (board.chair, board.vice, board.secretary):
        services.vote(officer, motion, "for")
    services.close_vote(board.chair, motion)
    notice = queries.publicity_for("governance.resolution", motion)
    assert notice is not None and notice.status == Publicity.Status.OPEN
    assert "院坝改造方案" in notice.title and notice.community == board.body.community
    assert notice.created_by == board.chair
    assert Notification.objects.filter(user=resident, kind="disclosure_publicity").exists()


def test_a_rejected_motion_is_not_publicised(board):
    motion = _online(board)
    for officer in (board.chair, board.vice, board.secretary):
        services.vote(officer, motion, "against")
    services.close_vote(board.chair, motion)
    assert motion.status != Motion.Status.PASSED
    assert not Publicity.objects.exists()
