"""The index of review boards and contests. A board (评审会) is a resident body: its page, seats,
joining and leaving, motions and votes are governance's (``governance:body``); contest pages are
in ``views.py``."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can
from linli.governance import queries as bodies
from linli.governance.models import Body

from . import boards, services


@community_view("reviews.view")
def index(request: AuthedRequest, community: Community) -> HttpResponse:
    contests = services.visible_contests(request.user, community)
    found = list(bodies.bodies(community).filter(kind=Body.Kind.REVIEW_BOARD))
    for board in found:
        board.runs = boards.may_run(request.user, board)  # type: ignore[attr-defined]
        board.serving_count = boards.serving(board).count()  # type: ignore[attr-defined]
    return render(
        request,
        "reviews/index.html",
        {
            "community": community,
            "boards": found,
            "contests": contests,
            "manages": can(request.user, "governance.manage", community),
        },
    )
