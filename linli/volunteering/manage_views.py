"""Team leaders and organisers: set up teams, members, activities and recurring shifts, sign up a
group, check people in and out, log and verify hours (also from a paper sheet), answer correction
requests, enter impact, download yearly reports.

Every view here first needs a resident's standing (``volunteering.take_part``), then asks the
service whether this person leads this team: a resident who leads no team gets 403."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from django.contrib import messages
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.core import audit
from linli.core.checkin_views import by_code
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.services import ServiceError

from . import reports, services
from .forms import (
    CODE_HELP,
    ActivityForm,
    AddMembersForm,
    AnswerForm,
    DeclineForm,
    FirstLeaderForm,
    GroupForm,
    ImpactForm,
    LeaderHoursForm,
    ScheduleForm,
    TeamForm,
)
from .models import (
    Activity,
    Correction,
    Hours,
    Impact,
    Milestone,
    Schedule,
    SignUp,
    Team,
    TeamMember,
)
from .views import get_activity, get_team, issue_and_download


def _form_error(form: Any, error: ServiceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _led_team(request: AuthedRequest, community: Community, pk: int) -> Team:
    team = get_team(community, pk)
    services.require_lead(request.user, team)
    return team


def _led_activity(request: AuthedRequest, community: Community, pk: int) -> Activity:
    activity = get_activity(community, pk)
    services.require_lead(request.user, activity.team)
    return activity


# --- Teams and members --------------------------------------------------------------------------


@community_view("volunteering.manage")
def team_create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = TeamForm(request.POST or None, community=community)
    leader_form = FirstLeaderForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid() and leader_form.is_valid():
        team = form.save(commit=False)
        team.community = community
        try:
            services.start_team(request.user, team, leader_form.cleaned_data["leader"])
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The team is set up."))
            return redirect(team.get_absolute_url())
    return render(
        request,
        "volunteering/manage/team_form.html",
        {"community": community, "form": form, "leader_form": leader_form},
        status=400 if form.errors or leader_form.errors else 200,
    )


@community_view("volunteering.take_part")
def team_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    team = _led_team(request, community, pk)
    before = audit.snapshot(team)
    form = TeamForm(request.POST or None, instance=team, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_team(request.user, form.save(commit=False), before=before)
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(team.get_absolute_url())
    return render(
        request,
        "volunteering/manage/team_form.html",
        {"community": community, "form": form, "team": team},
        status=400 if form.errors else 200,
    )


@community_view("volunteering.take_part")
def members(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    team = _led_team(request, community, pk)
    form = AddMembersForm(request.POST if request.POST.get("action") == "add" else None, team=team)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                if form.is_valid():
                    count = services.add_members(
                        request.user,
                        team,
                        list(form.cleaned_data["members"]),
                        invite=form.cleaned_data["how"] == "invite",
                    )
                    messages.success(
                        request, _("%(count)s people added or invited.") % {"count": count}
                    )
                    return redirect("volunteering:members", community.slug, team.pk)
            else:
                tm = get_object_or_404(TeamMember, team=team, pk=request.POST.get("membership"))
                if action in ("accept", "decline"):
                    services.decide_join(request.user, tm, action == "accept")
                elif action in ("leader", "member"):
                    services.set_role(request.user, tm, action)
                elif action == "remove":
                    services.leave(request.user, tm)
                messages.success(request, _("Saved."))
                return redirect("volunteering:members", community.slug, team.pk)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("volunteering:members", community.slug, team.pk)
    context = {
        "community": community,
        "team": team,
        "form": form,
        "active": services.active_members(team),
        "pending": team.memberships.filter(status=TeamMember.Status.PENDING).select_related(
            "member"
        ),
        "invited": team.memberships.filter(status=TeamMember.Status.INVITED).select_related(
            "member"
        ),
    }
    return render(
        request, "volunteering/manage/members.html", context, status=400 if form.errors else 200
    )


# --- Activities and schedules -------------------------------------------------------------------


@community_view("volunteering.take_part")
def activity_create(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    team = _led_team(request, community, pk)
    form = ActivityForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.team = team
        try:
            services.save_activity(request.user, activity)
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The activity is published: residents can sign up."))
            return redirect(activity.get_absolute_url())
    return render(
        request,
        "volunteering/manage/activity_form.html",
        {"community": community, "team": team, "form": form},
        status=400 if form.errors else 200,
    )


@community_view("volunteering.take_part")
def activity_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    activity = _led_activity(request, community, pk)
    if activity.status == Activity.Status.CANCELLED:
        messages.error(request, _("A cancelled activity cannot be changed."))
        return redirect(activity.get_absolute_url())
    before = audit.snapshot(activity)
    form = ActivityForm(request.POST or None, instance=activity, community=community)
    cancel_form = DeclineForm(request.POST if request.POST.get("action") == "cancel" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                form = ActivityForm(instance=activity, community=community)
                if cancel_form.is_valid():
                    services.cancel_activity(
                        request.user, activity, cancel_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The activity is cancelled; volunteers are told."))
                    return redirect(activity.get_absolute_url())
            elif form.is_valid():
                services.save_activity(request.user, form.save(commit=False), before=before)
                messages.success(request, _("Saved."))
                return redirect(activity.get_absolute_url())
        except ServiceError as error:
            _form_error(cancel_form if request.POST.get("action") == "cancel" else form, error)
    return render(
        request,
        "volunteering/manage/activity_form.html",
        {
            "community": community,
            "team": activity.team,
            "activity": activity,
            "form": form,
            "cancel_form": cancel_form,
        },
        status=400 if form.errors or cancel_form.errors else 200,
    )


@community_view("volunteering.take_part")
def schedule_edit(
    request: AuthedRequest, community: Community, pk: int, schedule: int | None = None
) -> HttpResponse:
    team = _led_team(request, community, pk)
    instance = get_object_or_404(Schedule, team=team, pk=schedule) if schedule else None
    form = ScheduleForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.team = team
        try:
            result = services.save_schedule(request.user, saved)
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("%(created)s shifts made, %(updated)s updated, %(removed)s removed.")
                % {"created": result.created, "updated": result.updated, "removed": result.removed},
            )
            if result.kept:
                messages.warning(
                    request,
                    _(
                        "%(count)s shifts the schedule no longer has were kept because people "
                        "signed up for them: cancel them on their page if they should not happen."
                    )
                    % {"count": len(result.kept)},
                )
            return redirect(team.get_absolute_url())
    return render(
        request,
        "volunteering/manage/schedule_form.html",
        {"community": community, "team": team, "form": form, "schedule": instance},
        status=400 if form.errors else 200,
    )


@community_view("volunteering.take_part")
def group(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    activity = _led_activity(request, community, pk)
    form = GroupForm(request.POST or None, team=activity.team)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.sign_up_group(
                request.user, activity, list(form.cleaned_data["members"])
            )
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(count)s people signed up.") % {"count": len(done)})
            return redirect("volunteering:checkin", community.slug, activity.pk)
    return render(
        request,
        "volunteering/manage/group.html",
        {
            "community": community,
            "activity": activity,
            "form": form,
            "places_left": services.places_left(activity),
        },
        status=400 if form.errors else 200,
    )


# --- Check-in -----------------------------------------------------------------------------------


@community_view("volunteering.take_part")
def checkin(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Scan or type a code, or tick names; check people out at the end. A scanned QR opens this
    page with the code filled in."""
    activity = _led_activity(request, community, pk)
    back = reverse("volunteering:checkin", args=[community.slug, activity.pk])
    check_in = partial(services.check_in, request.user, activity)
    form, done = by_code(request, CODE_HELP, check_in, back)
    if done is not None:
        return done
    if request.method == "POST" and not form.is_bound:  # a name ticked in or checked out
        signup = get_object_or_404(SignUp, activity=activity, pk=request.POST.get("signup"))
        action = request.POST.get("action")
        try:
            if action == "tick":
                services.tick(request.user, signup)
            elif action == "out":
                services.check_out(request.user, signup)
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect(back)
    signups = activity.signups.filter(status=SignUp.Status.CONFIRMED).select_related(
        "member__household__flat"
    )
    context = {
        "community": community,
        "activity": activity,
        "when": services.local_time(activity),
        "form": form,
        "signups": signups,
        "present": sum(1 for s in signups if s.checked_in_at),
        "waiting": activity.signups.filter(
            status__in=[SignUp.Status.WAITING, SignUp.Status.OFFERED]
        ).select_related("member"),
    }
    return render(
        request, "volunteering/manage/checkin.html", context, status=400 if form.errors else 200
    )


# --- Hours --------------------------------------------------------------------------------------

_ID = re.compile(r"\[(\d+)\]\s*$")
PAPER_LINES = 12


def _find_resident(community: Community, text: str) -> Member | None:
    """A line of the paper sheet names a resident: the choice from the list carries its number
    in brackets; a typed name is accepted when exactly one resident has it."""
    match = _ID.search(text)
    people = services.residents(community)
    if match:
        return people.filter(pk=int(match.group(1))).first()
    found = list(people.filter(name=text.strip())[:2])
    return found[0] if len(found) == 1 else None


def resident_label(member: Member) -> str:
    household = member.household
    address = household.flat.label if household is not None and household.flat_id else ""
    return f"{member.name} · {address} [{member.pk}]" if address else f"{member.name} [{member.pk}]"


def _paper_rows(
    request: AuthedRequest, community: Community
) -> tuple[list[dict[str, Any]], list[tuple[Member, str]], list[str]]:
    lines, parsed, errors = [], [], []
    for i in range(PAPER_LINES):
        who = request.POST.get(f"who_{i}", "").strip()
        hours = request.POST.get(f"hours_{i}", "").strip()
        line = {"i": i, "who": who, "hours": hours, "error": ""}
        lines.append(line)
        if not who and not hours:
            continue
        member = _find_resident(community, who) if who else None
        if member is None:
            line["error"] = _("Choose a resident from the list (a name may belong to several).")
        elif not hours:
            line["error"] = _("Give the hours.")
        else:
            try:
                services.parse_hours(hours)
                parsed.append((member, hours))
            except ServiceError as error:
                line["error"] = error.message
        if line["error"]:
            errors.append(_("Line %(n)s: %(error)s") % {"n": i + 1, "error": line["error"]})
    return lines, parsed, errors


@community_view("volunteering.take_part")
def hours(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """One page for the leader's hours work at an activity: claims to verify or decline, hours
    for one resident, a whole paper sign-in sheet, and correction requests."""
    activity = _led_activity(request, community, pk)
    action = request.POST.get("action")
    one_form = LeaderHoursForm(
        request.POST if action == "one" else None,
        community=community,
        initial={"hours": activity.length_hours},
    )
    paper_lines: list[dict[str, Any]] = [
        {"i": i, "who": "", "hours": "", "error": ""} for i in range(PAPER_LINES)
    ]
    paper_errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            if action == "one":
                if one_form.is_valid():
                    services.log_hours(
                        request.user,
                        activity,
                        one_form.cleaned_data["member"],
                        one_form.cleaned_data["hours"],
                        one_form.cleaned_data["note"],
                        source=Hours.Source.LEADER,
                    )
                    messages.success(request, _("Hours recorded and verified."))
                    return redirect("volunteering:hours", community.slug, activity.pk)
                status = 400
            elif action == "paper":
                paper_lines, parsed, paper_errors = _paper_rows(request, community)
                if not paper_errors:
                    done = services.paper_sheet(request.user, activity, parsed)
                    messages.success(
                        request, _("%(count)s lines of the sheet recorded.") % {"count": len(done)}
                    )
                    return redirect("volunteering:hours", community.slug, activity.pk)
                status = 400
            elif action in ("verify", "decline"):
                entry = get_object_or_404(Hours, activity=activity, pk=request.POST.get("entry"))
                services.decide_hours(
                    request.user, entry, action == "verify", request.POST.get("reason", "")
                )
                messages.success(request, _("Saved."))
                return redirect("volunteering:hours", community.slug, activity.pk)
            elif action in ("accept", "refuse"):
                correction = get_object_or_404(
                    Correction, entry__activity=activity, pk=request.POST.get("correction")
                )
                answer = AnswerForm(request.POST)
                answer.is_valid()
                services.decide_correction(
                    request.user,
                    correction,
                    action == "accept",
                    answer.cleaned_data.get("answer", ""),
                )
                messages.success(request, _("Saved."))
                return redirect("volunteering:hours", community.slug, activity.pk)
        except ServiceError as error:
            if action == "one":
                _form_error(one_form, error)
            elif action == "paper":
                paper_errors.append(error.message)
            else:
                messages.error(request, error.message)
                return redirect("volunteering:hours", community.slug, activity.pk)
            status = 400
    signups = {
        s.member_id: s
        for s in activity.signups.filter(status=SignUp.Status.CONFIRMED).select_related("member")
    }
    entries = activity.hours.select_related("member").prefetch_related("corrections")
    context = {
        "community": community,
        "activity": activity,
        "when": services.local_time(activity),
        "one_form": one_form,
        "paper_lines": paper_lines,
        "paper_errors": paper_errors,
        "claims": [e for e in entries if e.status == Hours.Status.CLAIMED],
        "entries": entries,
        "corrections": Correction.objects.filter(
            entry__activity=activity, status=Correction.Status.PENDING
        ).select_related("entry__member"),
        "without_hours": [
            (s, services.suggested_hours(s))
            for member_id, s in signups.items()
            if not any(e.member_id == member_id for e in entries)
        ],
        "residents": [resident_label(m) for m in services.residents(community)],
        "decline_form": DeclineForm(),
        "answer_form": AnswerForm(),
    }
    return render(request, "volunteering/manage/hours.html", context, status=status)


# --- Impact -------------------------------------------------------------------------------------


@community_view("volunteering.take_part")
def impact(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    activity = _led_activity(request, community, pk)
    form = ImpactForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") != "remove"
        else None
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                services.remove_impact(
                    request.user,
                    get_object_or_404(Impact, activity=activity, pk=request.POST.get("impact")),
                )
                return redirect("volunteering:impact", community.slug, activity.pk)
            if form.is_valid():
                services.add_impact(
                    request.user,
                    activity,
                    form.cleaned_data["metric"],
                    form.cleaned_data["amount"],
                    form.cleaned_data["unit"],
                )
                messages.success(request, _("Saved."))
                return redirect("volunteering:impact", community.slug, activity.pk)
        except ServiceError as error:
            _form_error(form, error)
    return render(
        request,
        "volunteering/manage/impact.html",
        {
            "community": community,
            "activity": activity,
            "form": form,
            "impacts": activity.impacts.all(),
        },
        status=400 if form.errors else 200,
    )


# --- Reports ------------------------------------------------------------------------------------


def _year(request: AuthedRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _download(rows: list[list[Any]], name: str, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(
            reports.as_xlsx(rows, name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(reports.as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@community_view("volunteering.take_part")
def team_report(request: AuthedRequest, community: Community, pk: int, fmt: str) -> HttpResponse:
    team = _led_team(request, community, pk)
    year = _year(request)
    rows = reports.team_table(team, year, translation.get_language() or "zh-hans")
    return _download(rows, f"team-{team.pk}-hours-{year}", fmt)


@community_view("volunteering.manage")
def residents_report(request: AuthedRequest, community: Community, fmt: str) -> HttpResponse:
    year = _year(request)
    rows = reports.residents_table(community, year, translation.get_language() or "zh-hans")
    return _download(rows, f"volunteer-hours-{year}", fmt)


# --- Volunteers (organisers) ----------------------------------------------------------------------


@community_view("volunteering.manage")
def volunteers(request: AuthedRequest, community: Community) -> HttpResponse:
    """Every resident with verified hours: totals, this year, milestones, and the certificate to
    print for residents who have no account."""
    year = _year(request)
    rows = (
        Hours.objects.filter(status=Hours.Status.VERIFIED, member__community=community)
        .values("member", "member__name", "member__household__area__name")
        .annotate(
            total=Sum("hours"), this_year=Sum("hours", filter=Q(activity__starts_at__year=year))
        )
        .order_by("-total", "member__name")
    )
    milestones: dict[int, list[int]] = {}
    for member_id, threshold in Milestone.objects.filter(member__community=community).values_list(
        "member", "threshold"
    ):
        milestones.setdefault(member_id, []).append(threshold)
    context = {
        "community": community,
        "year": year,
        "rows": [{**row, "milestones": milestones.get(row["member"], [])} for row in rows],
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
    }
    return render(request, "volunteering/manage/volunteers.html", context)


@community_view("volunteering.manage")
def member_certificate(
    request: AuthedRequest, community: Community, member_id: int
) -> HttpResponse:
    """An organiser issues a resident's certificate (POST) for printing."""
    person = get_object_or_404(Member, community=community, pk=member_id)
    return issue_and_download(request, person, "volunteering:volunteers")
