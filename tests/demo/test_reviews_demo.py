"""The demo: the board of ten, a finished contest with its showcase, one taking applications,
one still a draft; real ledger rows; every page type answers."""

from __future__ import annotations

from django.utils import timezone

from linli.participation.models import Act
from linli.reviews import boards
from linli.reviews.models import Application, Board, Contest
from tests.conftest import client_for


def test_demo_board_and_contests(demo, db):
    board = Board.objects.get(name="院落美化评审会")
    seats = list(boards.serving(board))
    assert len(seats) == 10
    assert sorted(s.role for s in seats if s.role != "member") == [
        "chair",
        "secretary",
        "vice_chair",
    ]
    year = timezone.localdate().year
    stages = dict(Contest.objects.values_list("title", "stage"))
    assert stages[f"{year - 1}年院落美化大赛"] == "done"
    assert sorted(stages.values()) == ["done", "draft", "open"]
    assert stages[f"{year + 1}年院落美化大赛(规则草案)"] == "draft"
    done = Contest.objects.get(stage="done")
    assert done.objections.filter(answered_at__isnull=False).exists()
    winners = Application.objects.filter(contest=done, inspection="pass")
    assert winners.count() == 3 and all(w.photos.count() == 2 for w in winners)
    assert done.applications.filter(recusals__isnull=False).exists()
    for method in ("review", "contest", "objection"):
        assert Act.objects.filter(method=method).exists(), method
    anonymous = client_for(None)
    base = "/c/yinxing/reviews/"
    for url in [
        base,
        base + "showcase/",
        base + f"boards/{board.pk}/",
        base + f"contests/{done.pk}/",
        base + f"contests/{done.pk}/notice/",
        base + f"contests/{done.pk}/results/",
        winners.first().get_absolute_url(),  # type: ignore[union-attr]
    ]:
        assert anonymous.get(url).status_code == 200, url
