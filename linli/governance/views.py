"""Pages of resident bodies: the list, a body (charter, seats and balance, officers, history,
motions), a motion (vote online, or the secretary's record and a second officer's confirmation,
who stood aside and why), and the organisers' set-up forms. Views read through ``queries`` and
change state only through the commands in ``services``."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.permissions import can, require

from . import queries, services, sittings
from .forms import BodyForm, ConflictForm, CountForm, MotionForm, SeatForm, VoteForm
from .models import Body, Constituency, Motion


@community_view("governance.view")
def index(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "governance/index.html",
        {
            "community": community,
            "bodies": queries.bodies(community),
            "may_manage": can(request.user, "governance.manage", community),
        },
    )


@community_view("governance.view")
def body(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.body_in(community, pk)
    labels = dict(Constituency.choices)
    return render(
        request,
        "governance/body.html",
        {
            "community": community,
            "body": found,
            "charter": found.charter,
            "charters": found.charters.all(),
            "serving": queries.serving(found),
            "history": queries.history(found),
            "imbalances": [(labels[i.constituency], i) for i in queries.imbalances(found)],
            "plan": [(labels[k], v) for k, v in sorted(found.charter.seat_plan.items())],
            "open_motions": queries.open_motions(found),
            "decided_motions": queries.decided_motions(found),
            "conflicts": found.conflicts.select_related("member"),
            "may_run": can(request.user, "governance.run_body", found),
            "may_manage": can(request.user, "governance.manage", found),
            "may_join": can(request.user, "governance.propose_member", found),
            "my_seat": queries.seat_of(found, request.member),  # type: ignore[arg-type]
            **_meetings(request, found),
        },
    )


def _meetings(request: AuthedRequest, found: Body) -> dict[str, object]:
    """The body's meetings and resolutions the reader may see (published ones for the public,
    all for the body), and the issues it resolved per year."""
    shown = [
        s for s in sittings.meetings_of(found) if can(request.user, "governance.see_meeting", s)
    ]
    return {
        "meetings": shown,
        "resolutions": sittings.resolutions_of(found).filter(sitting__in=shown),
        "resolved_by_year": sittings.resolved_by_year(found),
    }


def _subject(motion: Motion) -> Model:
    """The matter a motion is about (itself when it names none)."""
    if motion.subject_type and motion.subject_id is not None:
        model = apps.get_model(motion.subject_type)
        return model._default_manager.get(pk=motion.subject_id)
    return motion


@community_view("governance.view")
def motion(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.motion_in(community, pk)
    entitled = queries.entitled(found)
    vote_form = VoteForm(request.POST if "vote" in request.POST else None)
    count_form = CountForm(
        request.POST if "record" in request.POST else None,
        members=Member.objects.filter(pk__in=queries.serving(found.body).values("member_id")),
    )
    conflict_form = ConflictForm(request.POST if "conflict" in request.POST else None)
    if request.method == "POST":
        done: object = None  # what the command returned, or None after a refusal
        if "vote" in request.POST:
            require(request.user, "governance.vote", found)
            if vote_form.is_valid():
                choice = vote_form.cleaned_data["choice"]
                done = attempt(
                    request,
                    lambda: services.vote(request.user, found, choice),
                    _("Your vote is recorded. You can change it while voting is open."),
                    vote_form,
                )
        elif "close" in request.POST:
            done = attempt(
                request, lambda: services.close_vote(request.user, found), _("Voting closed.")
            )
        elif "record" in request.POST:
            require(request.user, "governance.record_count", found)
            if count_form.is_valid():
                data = count_form.cleaned_data
                done = attempt(
                    request,
                    lambda: services.record_count(
                        request.user,
                        found,
                        present=list(data["present"]),
                        votes_for=data["votes_for"],
                        votes_against=data["votes_against"],
                        abstentions=data["abstentions"],
                    ),
                    _("The count is recorded. A second officer confirms it."),
                    count_form,
                )
        elif "confirm" in request.POST:
            done = attempt(
                request,
                lambda: services.confirm_count(request.user, found),
                _("The count is confirmed and the motion decided."),
            )
        elif "conflict" in request.POST:
            require(request.user, "governance.declare_conflict", found.body)
            if conflict_form.is_valid():
                reason = conflict_form.cleaned_data["reason"]
                done = attempt(
                    request,
                    lambda: services.declare_conflict(
                        request.user, found.body, _subject(found), reason
                    ),
                    _("You stand aside on this matter; the record shows it."),
                    conflict_form,
                )
        if done:
            return redirect(found.get_absolute_url())
    my_seat = queries.seat_of(found.body, request.member)  # type: ignore[arg-type]
    return render(
        request,
        "governance/motion.html",
        {
            "community": community,
            "motion": found,
            "body": found.body,
            "entitled": entitled,
            "present": found.present.all(),
            "conflicts": queries.motion_conflicts(found),
            "my_seat": my_seat,
            "my_conflict": my_seat
            and queries.motion_conflicts(found).filter(member=my_seat.member).first(),
            "vote_form": vote_form,
            "count_form": count_form,
            "conflict_form": conflict_form,
            "may_vote": can(request.user, "governance.vote", found),
            "may_close": can(request.user, "governance.close_vote", found),
            "may_record": can(request.user, "governance.record_count", found),
            "may_confirm": can(request.user, "governance.confirm_count", found)
            and found.recorded_by_id != request.user.pk,
            "may_declare": found.is_open
            and my_seat is not None
            and can(request.user, "governance.declare_conflict", found.body),
        },
    )


# --- Organisers and officers --------------------------------------------------------------


@community_view("governance.manage")
def body_create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = BodyForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = attempt(
            request,
            lambda: services.create_body(
                request.user,
                community,
                kind=data["kind"],
                name=data["name"],
                area=data["area"],
                charter=form.charter_values(),
            ),
            _("Body set up. Now seat its founding members."),
            form,
        )
        if created:
            return redirect(created.value.get_absolute_url())
    return render(request, "governance/body_form.html", {"community": community, "form": form})


@community_view("governance.manage")
def seat_create(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.body_in(community, pk)
    form = SeatForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.seat_member(
                request.user, found, data["member"], data["constituency"], data["office"]
            ),
            _("Seated."),
            form,
        ):
            return redirect(found.get_absolute_url())
    return render(
        request, "governance/seat_form.html", {"community": community, "body": found, "form": form}
    )


@community_view("governance.take_part")
def motion_create(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.body_in(community, pk)
    require(request.user, "governance.run_body", found)
    form = MotionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = attempt(
            request,
            lambda: services.open_motion(
                request.user,
                found,
                kind=data["kind"],
                method=data["method"],
                title=data["title"],
                text=data["text"],
            ),
            _("Motion opened."),
            form,
        )
        if created:
            return redirect(created.value.get_absolute_url())
    return render(
        request,
        "governance/motion_form.html",
        {"community": community, "body": found, "form": form},
    )
