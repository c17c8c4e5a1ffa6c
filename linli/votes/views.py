"""Resident pages of a vote: the list, the vote and its ballot, the results, the recount file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import rounding
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError

from . import counting, services
from .forms import answers_from_post
from .middleware import COOKIE_PREFIX
from .models import Question, Vote

CODE_COOKIE_SALT = "linli-vote-change"


def visible_vote(request: AuthedRequest, community: Community, pk: int) -> Vote:
    vote = get_object_or_404(Vote, community=community, pk=pk)
    if vote.status == Vote.Status.DRAFT and not can(request.user, "votes.manage", community):
        raise Http404
    return vote


def cookie_name(vote: Vote) -> str:
    return f"{COOKIE_PREFIX}{vote.pk}"


def cookie_salt(member: Member | None) -> str:
    """The cookie is signed for one member: on a shared computer the next person's account
    never sees (or pre-fills) the code of whoever voted before. Logging out also deletes it
    (votes.middleware)."""
    return f"{CODE_COOKIE_SALT}:{member.pk if member else '-'}"


def remembered_code(request: AuthedRequest, vote: Vote, member: Member | None) -> str:
    if member is None:
        return ""
    return str(request.get_signed_cookie(cookie_name(vote), default="", salt=cookie_salt(member)))


@community_view("votes.view")
def vote_list(request: AuthedRequest, community: Community) -> HttpResponse:
    votes = Vote.objects.filter(community=community).prefetch_related("areas")
    if not can(request.user, "votes.manage", community):
        votes = votes.exclude(status=Vote.Status.DRAFT)
    now = timezone.now()
    groups = {
        "open": [v for v in votes if v.status == "published" and v.opens_at <= now < v.closes_at],
        "upcoming": [v for v in votes if v.status == "published" and now < v.opens_at],
        "closed": [v for v in votes if v.status == "published" and v.closes_at <= now],
        "draft": [v for v in votes if v.status == "draft"],
        "cancelled": [v for v in votes if v.status == "cancelled"],
    }
    return render(request, "votes/list.html", {"community": community, "groups": groups})


def _ballot_context(request: AuthedRequest, vote: Vote) -> dict[str, object]:
    member = member_of(request.user, vote.community)
    entry = services.roll_entry_for(vote, member) if member else None
    return {
        "community": vote.community,
        "vote": vote,
        "questions": vote.questions.prefetch_related("options__proposal"),
        "member": member,
        "eligible": services.is_eligible(vote, member),
        "roll_entry": entry,
        "remembered_code": remembered_code(request, vote, member),
        "results_visible": services.results_visible(request.user, vote),
        "areas": list(vote.areas.all()),
        "ballot": ballot_rows(vote, None),
    }


def ballot_rows(vote: Vote, posted: QueryDict | None) -> list[dict[str, Any]]:
    """Each question with its options and, after a refused ballot, what the voter had chosen,
    so nothing typed is lost."""
    rows = []
    for question in vote.questions.prefetch_related("options__proposal"):
        name = f"q{question.pk}"
        chosen = set(posted.getlist(name)) if posted else set()
        options = [
            {
                "option": option,
                "number": number,
                "field": f"{name}_o{option.pk}",
                "checked": str(option.pk) in chosen,
                "value": posted.get(f"{name}_o{option.pk}", "") if posted else "",
            }
            for number, option in enumerate(question.options.all(), start=1)
        ]
        rows.append(
            {
                "question": question,
                "name": name,
                "options": options,
                "places": range(1, len(options) + 1),
                "scores": range(0, question.max_score + 1),
                "tally": tally_texts(question),
            }
        )
    return rows


def tally_texts(question: Question) -> dict[str, str]:
    """Sentences for ballot.js's running total, translated here; it fills in {total}, {left},
    {over} and {limit}. The refusal is the server's own message, so both say the same."""
    slots = {"total": "{total}", "left": "{left}", "over": "{over}", "limit": "{limit}"}
    if question.ballot_type == Question.BallotType.KNAPSACK:
        return {
            "ok": _("Chosen: %(total)s of %(limit)s; %(left)s left.") % slots,
            "over": _("Chosen: %(total)s, %(over)s over the budget of %(limit)s.") % slots,
            "refuse": _(
                "Your choices cost %(total)s; the budget is %(limit)s. "
                "Remove a project and try again."
            )
            % slots,
        }
    if question.ballot_type == Question.BallotType.CUMULATIVE:
        given = {"given": "{total}", "total": "{limit}", "left": "{left}", "over": "{over}"}
        return {
            "ok": _("Points given: %(given)s of %(total)s; %(left)s left.") % given,
            "over": _("Points given: %(given)s, %(over)s more than the %(total)s to share.")
            % given,
            "refuse": _(
                "You gave %(given)s points; there are %(total)s to share. "
                "Take some away and try again."
            )
            % given,
        }
    return {}


@community_view("votes.view")
def vote_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = visible_vote(request, community, pk)
    context = _ballot_context(request, vote)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(request.user, "votes.cast", community)
        member = member_of(request.user, community)
        specs = services.specs(vote)
        try:
            answers = answers_from_post(specs, request.POST)
            outcome = services.cast(
                request.user, vote, answers, request.POST.get("change_code", "")
            )
        except ServiceError as error:
            context["error"] = error.message
            context["error_field"] = error.field
            context["ballot"] = ballot_rows(vote, request.POST)
            return render(request, "votes/detail.html", context, status=400)
        response = render(
            request,
            "votes/cast_done.html",
            {
                "community": community,
                "vote": vote,
                "code": outcome.code,
                "replaced": outcome.replaced,
            },
        )
        max_age = max(int((vote.closes_at - timezone.now()).total_seconds()), 60)
        response.set_signed_cookie(
            cookie_name(vote),
            outcome.code,
            salt=cookie_salt(member),
            max_age=max_age,
            httponly=True,
            samesite="Lax",
        )
        return response
    return render(request, "votes/detail.html", context)


@community_view("votes.view")
def vote_results(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = visible_vote(request, community, pk)
    if not services.results_visible(request.user, vote):
        return render(
            request, "votes/results_hidden.html", {"community": community, "vote": vote}, status=403
        )
    results = services.results(vote)
    files = []
    if services.may_download_ballots(request.user, vote):
        files = [(q, services.ballot_file_digest(vote, q)) for q, _result in results]
    context = {
        "community": community,
        "vote": vote,
        "results": [(q, r, _rows(q, r)) for q, r in results],
        "turnout_areas": services.turnout_by_area(vote),
        "turnout_channels": services.turnout_by_channel(vote),
        "eligible": services.eligible_count(vote),
        "voted": vote.roll.count(),
        "ballots": vote.ballots.count(),
        "paper_waiting": services.uncounted_batches(vote).count(),
        "files": files,
        "provisional": not vote.results_published_at,
    }
    return render(request, "votes/results.html", context)


def _rows(question: Question, result: counting.QuestionResult) -> list[dict[str, object]]:
    """One row per option with its number, count and share, for the table and the bars."""
    options = list(question.options.all())
    total = result.ballots
    return [
        {
            "number": i,
            "option": o,
            "count": result.counts.get(o.pk, 0),
            "share": result.counts.get(o.pk, 0) / total if total else 0,
            "width": rounding.bar_width(result.counts.get(o.pk, 0), total),
            "winner": o.pk in result.winners,
            "supporters": result.supporters.get(o.pk, 0),
        }
        for i, o in enumerate(options, start=1)
    ]


@community_view("votes.view")
def ballot_download(
    request: AuthedRequest, community: Community, pk: int, question: int
) -> HttpResponse:
    vote = visible_vote(request, community, pk)
    if not services.may_download_ballots(request.user, vote):
        return render(
            request, "votes/results_hidden.html", {"community": community, "vote": vote}, status=403
        )
    chosen = get_object_or_404(Question, vote=vote, pk=question)
    response = HttpResponse(
        services.ballot_file(vote, chosen), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="vote-{vote.pk}-question-{chosen.pk}.csv"'
    )
    return response


@require_POST
@community_view("votes.view")
def forget_code(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Remove the change code from this device (e.g. on a shared family phone)."""
    vote = visible_vote(request, community, pk)
    response = redirect(vote.get_absolute_url())
    response.delete_cookie(cookie_name(vote))
    return response
