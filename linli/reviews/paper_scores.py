"""Paper score sheets: most board members score on paper and sign the sheet; the secretary (or
another officer, or an organiser) copies it in with a photo of the sheet. The scores are the
member's, marked as entered for him, and obey the same rules as scores given online: only a
member serving, never on an application he stands aside on, only while scoring is open, and
hidden from everyone until all are in."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from linli.core import photos
from linli.core.kit import audit, command
from linli.core.models import Member, User
from linli.core.services import ServiceError

from . import boards
from .judging import record_scores
from .models import Application, Score, ScoreSheet


@command("reviews.take_part", on="application")
def enter_paper_scores(
    actor: User,
    application: Application,
    reviewer: Member,
    given: dict[int, tuple[int, str]],
    sheet_photo: Any,
) -> list[Score]:
    board = application.contest.body
    boards.require_runner(actor, board)
    seat = boards.require_seat(reviewer, board)
    if sheet_photo is None:
        raise ServiceError(_("Add a photo of the signed score sheet."), "sheet")
    sheet = ScoreSheet.objects.create(
        application=application,
        reviewer=seat.member,
        image=photos.shrink(sheet_photo),
        entered_by=actor,
    )
    saved = record_scores(seat.member, application, given, sheet)
    audit(
        "reviews.paper_scores_entered",
        sheet,
        community=application.contest.community,
        after={"reviewer": seat.member.name, "criteria": len(saved)},
    )
    return saved


def may_see_sheet(user: Any, sheet: ScoreSheet) -> bool:
    """The board's officers and organisers: the sheet shows scores that stay hidden until all
    are in."""
    return boards.may_run(user, sheet.application.contest.body)
