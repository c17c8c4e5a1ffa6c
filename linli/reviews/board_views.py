"""Pages of the review boards themselves: the index, a board with its seats and motions,
setting one up, joining, leaving and removal, and voting on motions. Contest pages are in
``views.py``."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, member_of

from . import boards, services
from .forms import (
    BoardForm,
    FounderForm,
    JoinForm,
    RemoveForm,
)
from .models import (
    Board,
    Motion,
    MotionVote,
    Seat,
)
from .views import _board, _contest, _form_errors  # noqa: F401


@community_view("reviews.view")
def index(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "reviews/index.html",
        {
            "community": community,
            "boards": Board.objects.filter(community=community),
            "contests": services.visible_contests(request.user, community),
            "manages": can(request.user, "reviews.manage", community),
        },
    )


@community_view("reviews.manage")
def board_create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        board = form.save(commit=False)
        board.community = community
        boards.create_board(request.user, board)
        messages.success(request, _("The board is set up. Now seat its founding members."))
        return redirect(board.get_absolute_url())
    return render(
        request,
        "reviews/form.html",
        {"community": community, "form": form, "heading": _("Set up a review board")},
    )


@community_view("reviews.view")
def board_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    board = _board(community, pk)
    member = member_of(request.user, community)
    seat = boards.seat_of(member, board)
    seats = list(boards.serving(board))
    order = {"chair": 0, "vice_chair": 1, "secretary": 2, "member": 3}
    seats.sort(key=lambda s: (order.get(s.role, 9), s.member.name))
    labels = dict(MotionVote.Choice.choices)
    my_votes = (
        {
            motion_id: labels.get(choice, choice)
            for motion_id, choice in MotionVote.objects.filter(
                member=member, motion__board=board
            ).values_list("motion_id", "choice")
        }
        if member
        else {}
    )
    return render(
        request,
        "reviews/board.html",
        {
            "community": community,
            "board": board,
            "seats": seats,
            "history": board.seats.exclude(status=Seat.Status.ACTIVE).select_related("member"),
            "motions": board.motions.select_related("contest", "seat__member"),
            "my_seat": seat,
            "my_votes": my_votes,
            "runs": boards.may_run(request.user, board),
            "manages": can(request.user, "reviews.manage", community),
            "takes_part": can(request.user, "reviews.take_part", community),
            "founder_form": FounderForm(community=community, prefix="founder"),
            "join_form": JoinForm(community=community, prefix="join"),
            "remove_form": RemoveForm(board=board, prefix="remove"),
            "choices": MotionVote.Choice.choices,
            "contests": services.visible_contests(request.user, community).filter(board=board),
        },
    )


@require_POST
@community_view("reviews.manage")
def seat_founder(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    board = _board(community, pk)
    form = FounderForm(request.POST, community=community, prefix="founder")
    if form.is_valid():
        attempt(
            request,
            lambda: boards.seat_founder(
                request.user,
                board,
                form.cleaned_data["member"],
                form.cleaned_data["role"],
                form.cleaned_data["duties"],
            ),
            _("Seated. Their term has started."),
        )
    else:
        _form_errors(request, form)
    return redirect(board.get_absolute_url())


@require_POST
@community_view("reviews.take_part")
def join(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    board = _board(community, pk)
    form = JoinForm(request.POST, community=community, prefix="join")
    if form.is_valid():
        member = member_of(request.user, community)
        candidate = form.cleaned_data["candidate"] or member
        attempt(
            request,
            lambda: boards.propose_member(
                member,
                board,
                candidate,
                form.cleaned_data["statement"],
                form.cleaned_data["role"],
            ),
            _("The board will vote on it."),
        )
    else:
        _form_errors(request, form)
    return redirect(board.get_absolute_url())


@require_POST
@community_view("reviews.take_part")
def resign(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    board = _board(community, pk)
    attempt(
        request,
        lambda: boards.resign(
            member_of(request.user, community), board, request.POST.get("note", "")
        ),
        _("You have left the board. Thank you for your service."),
    )
    return redirect(board.get_absolute_url())


@require_POST
@community_view("reviews.take_part")
def remove(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    board = _board(community, pk)
    form = RemoveForm(request.POST, board=board, prefix="remove")
    if form.is_valid():
        attempt(
            request,
            lambda: boards.propose_removal(
                request.user, board, form.cleaned_data["seat"], form.cleaned_data["reason"]
            ),
            _("The board will vote on it."),
        )
    else:
        _form_errors(request, form)
    return redirect(board.get_absolute_url())


@require_POST
@community_view("reviews.take_part")
def motion_vote(request: AuthedRequest, community: Community, mid: int) -> HttpResponse:
    motion = get_object_or_404(Motion, pk=mid, board__community=community)
    attempt(
        request,
        lambda: boards.vote(
            member_of(request.user, community), motion, request.POST.get("choice", "")
        ),
        _("Your vote is recorded."),
    )
    return redirect(motion.board.get_absolute_url() + f"#motion-{motion.pk}")


@require_POST
@community_view("reviews.take_part")
def motion_close(request: AuthedRequest, community: Community, mid: int) -> HttpResponse:
    motion = get_object_or_404(Motion, pk=mid, board__community=community)
    attempt(
        request,
        lambda: boards.close_motion(motion, request.user),
        _("Voting is closed and counted."),
    )
    return redirect(motion.board.get_absolute_url() + f"#motion-{motion.pk}")
