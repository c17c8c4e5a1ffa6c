"""The demo: the board of ten (one governance body, deciding by a show of hands; most members
score on paper sheets the secretary copies in), a finished contest with its showcase, one taking applications,
one still a draft; real ledger rows; every page type answers."""

from __future__ import annotations

from django.utils import timezone

from linli.core.demo import demo_moment
from linli.governance.models import Body, Conflict, Motion
from linli.participation.models import Act
from linli.reviews import boards
from linli.reviews.models import Application, Contest, ScoreSheet
from linli.reviews.notice import publicity_of
from linli.tracking import queries as tracking
from tests.conftest import client_for


def test_demo_board_and_contests(demo, db):
    board = Body.objects.get(community__slug="yinxing", kind=Body.Kind.REVIEW_BOARD)
    assert Body.objects.filter(kind=Body.Kind.REVIEW_BOARD).count() == 1  # one body per board
    seats = list(boards.serving(board))
    assert len(seats) == 10
    assert sorted(s.office for s in seats if s.office != "member") == [
        "chair",
        "secretary",
        "vice_chair",
    ]
    year = timezone.localdate().year
    stages = dict(Contest.objects.values_list("title", "stage"))
    assert stages[f"{year - 1}年院落美化大赛"] == "done"
    assert sorted(stages.values()) == ["done", "draft", "open"]
    assert stages[f"{year + 1}年院落美化大赛（规则草案）"] == "draft"
    done = Contest.objects.get(stage="done")
    # last year's contest ran its steps on their own days, in order, all in last year
    notice = publicity_of(done)  # the result's 公示, disclosure's
    assert notice is not None and notice.status == "final"
    steps = [
        done.rubric_adopted_at,
        done.opens_at,
        done.closes_at,
        done.ranking_adopted_at,
        demo_moment(notice.starts_on),
        demo_moment(notice.ends_on),
        done.finalised_at,
    ]
    assert all(s is not None for s in steps) and steps == sorted(steps)  # type: ignore[type-var]
    assert {timezone.localtime(s).year for s in steps} == {year - 1}  # type: ignore[arg-type]
    assert notice.objections.filter(answered_at__isnull=False).exists()
    winners = Application.objects.filter(contest=done, inspection="pass")
    assert winners.count() == 3 and all(tracking.photos(w).count() == 2 for w in winners)
    assert Conflict.objects.filter(
        body=board, subject_type="reviews.application", subject_id__in=winners.values("pk")
    ).exists()
    ranking = boards.contest_motions(done).get(payload__contest_action="ranking")
    assert ranking.method == Motion.Method.HANDS and ranking.status == Motion.Status.PASSED
    assert ranking.stood_aside and ranking.confirmed_by != ranking.recorded_by
    assert ScoreSheet.objects.filter(application__contest=done).exists()
    for method in ("governance", "contest", "objection"):
        assert Act.objects.filter(method=method).exists(), method
    anonymous = client_for(None)
    base = "/c/yinxing/reviews/"
    for url in [
        base,
        base + "showcase/",
        board.get_absolute_url(),
        ranking.get_absolute_url(),
        base + f"contests/{done.pk}/",
        base + f"contests/{done.pk}/notice/",
        base + f"contests/{done.pk}/results/",
        winners.first().get_absolute_url(),  # type: ignore[union-attr]
    ]:
        assert anonymous.get(url).status_code == 200, url
