"""Resident pages: the teams, a team, an activity with sign-up and the check-in QR code, freed-place
offers, my volunteering (hours, corrections, milestones, certificate) and certificate checks."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.permissions import can, member_of
from linli.core.qr import qr_svg
from linli.core.services import ServiceError
from linli.core.waitlist_views import offer_page

from . import recognition, reports, services
from .forms import CorrectionForm, HoursForm, JoinForm, PeriodForm
from .models import Activity, Certificate, Correction, Hours, SignUp, Team, TeamMember


def get_team(community: Community, pk: int) -> Team:
    return get_object_or_404(Team.objects.select_related("community"), community=community, pk=pk)


def get_activity(community: Community, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("team__community", "project"),
        team__community=community,
        pk=pk,
    )


@community_view("volunteering.view")
def team_list(request: AuthedRequest, community: Community) -> HttpResponse:
    teams = (
        Team.objects.filter(community=community)
        .select_related("area")
        .prefetch_related("memberships")
    )
    rows = [
        {
            "team": team,
            "size": sum(1 for m in team.memberships.all() if m.status == TeamMember.Status.ACTIVE),
            "hours": services.team_hours(team),
            "next": services.upcoming(team).first(),
        }
        for team in teams
    ]
    context = {
        "community": community,
        "rows": rows,
        "manages": can(request.user, "volunteering.manage", community),
        "takes_part": can(request.user, "volunteering.take_part", community),
        "led": services.led_teams(request.user, community) if request.user.is_authenticated else [],
    }
    return render(request, "volunteering/list.html", context)


@community_view("volunteering.view")
def team_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    team = get_team(community, pk)
    member = member_of(request.user, community)
    tm = services.membership(team, member)
    form = JoinForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if member is None or not can(request.user, "volunteering.take_part", community):
            messages.error(request, _("Only verified residents of this community can volunteer."))
            return redirect(team.get_absolute_url())
        if form.is_valid():
            try:
                if request.POST.get("action") == "leave" and tm is not None:
                    services.leave(request.user, tm)
                    messages.success(request, _("You left the team."))
                else:
                    done = services.join(request.user, team, member, form.cleaned_data["skills"])
                    if done.status == TeamMember.Status.ACTIVE:
                        messages.success(request, _("Welcome to the team!"))
                    else:
                        messages.success(
                            request, _("Your request is sent. A team leader will answer soon.")
                        )
            except ServiceError as error:
                messages.error(request, error.message)
            return redirect(team.get_absolute_url())
    sees_members = services.sees_members(request.user, team)
    past = team.activities.filter(ends_at__lte=timezone.now()).order_by("-starts_at")
    context = {
        "community": community,
        "team": team,
        "membership": tm,
        "form": form,
        "leads": services.leads(request.user, team),
        "sees_members": sees_members,
        "members": services.active_members(team) if sees_members else [],
        "size": services.active_members(team).count(),
        "leaders": services._leaders(team),
        "upcoming": services.upcoming(team)[:12],
        "past": past[:10],
        "hours": services.team_hours(team),
        "impact": services.impact_totals(team),
        "schedules": team.schedules.all(),
        "to_verify": _work_for_leaders(team) if services.leads(request.user, team) else [],
        "requests": team.memberships.filter(status=TeamMember.Status.PENDING).count(),
        "may_join": can(request.user, "volunteering.take_part", community) and member is not None,
    }
    return render(request, "volunteering/team.html", context)


def _work_for_leaders(team: Team) -> list[tuple[Activity, int]]:
    """Activities with hours claimed or corrections asked for, waiting for a leader."""
    waiting = (
        Hours.objects.filter(activity__team=team)
        .filter(Q(status=Hours.Status.CLAIMED) | Q(corrections__status=Correction.Status.PENDING))
        .values("activity")
        .annotate(n=Count("id", distinct=True))
    )
    counts = {row["activity"]: row["n"] for row in waiting}
    activities = Activity.objects.in_bulk(list(counts))
    return sorted(
        ((activities[pk], n) for pk, n in counts.items()), key=lambda row: row[0].starts_at
    )


def _activity_context(request: AuthedRequest, activity: Activity) -> dict[str, object]:
    community = activity.team.community
    member = member_of(request.user, community)
    signup = services.signup_of(activity, member)
    entry = Hours.objects.filter(activity=activity, member=member).first() if member else None
    return {
        "community": community,
        "activity": activity,
        "team": activity.team,
        "signup": signup,
        "active": signup is not None
        and signup.status not in (SignUp.Status.CANCELLED, SignUp.Status.EXPIRED),
        "qr": qr_svg(services.checkin_url(signup))
        if signup is not None and signup.status == SignUp.Status.CONFIRMED
        else "",
        "places_left": services.places_left(activity),
        "waiting": activity.signups.filter(status=SignUp.Status.WAITING).count(),
        "may_sign_up": services.may_sign_up(member, activity)
        and can(request.user, "volunteering.take_part", community),
        "takes_part": can(request.user, "volunteering.take_part", community),
        "leads": services.leads(request.user, activity.team),
        "when": services.local_time(activity),
        "ends": services.local_time(activity, activity.ends_at),
        "entry": entry,
        "hours_form": HoursForm(initial={"hours": activity.length_hours}),
        "impacts": activity.impacts.all(),
    }


@community_view("volunteering.view")
def activity_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    activity = get_activity(community, pk)
    context = _activity_context(request, activity)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        member = member_of(request.user, community)
        action = request.POST.get("action")
        hours_form = HoursForm(request.POST) if action == "hours" else HoursForm()
        try:
            if member is None or not can(request.user, "volunteering.take_part", community):
                raise ServiceError(_("Only verified residents of this community can volunteer."))
            if action == "hours":
                if hours_form.is_valid():
                    services.log_hours(
                        request.user,
                        activity,
                        member,
                        hours_form.cleaned_data["hours"],
                        hours_form.cleaned_data["note"],
                    )
                    messages.success(
                        request, _("Your hours are logged. A team leader will verify them.")
                    )
                    return redirect(activity.get_absolute_url())
            else:
                done = services.sign_up(request.user, activity, member)
                if done.status == SignUp.Status.CONFIRMED:
                    messages.success(request, _("You have a place. Your check-in code is below."))
                else:
                    messages.warning(
                        request, _("The activity is full: you are on the waiting list.")
                    )
                return redirect(activity.get_absolute_url())
        except ServiceError as error:
            if action == "hours":
                field = error.field if error.field in hours_form.fields else None
                hours_form.add_error(field, error.message)
            else:
                context["error"] = error.message
        if action == "hours":
            context["hours_form"] = hours_form
        status = 400
    return render(request, "volunteering/activity.html", context, status=status)


@require_POST
@community_view("volunteering.take_part")
def cancel_signup(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    activity = get_activity(community, pk)
    signup = services.signup_of(activity, member_of(request.user, community))
    if signup is None:
        raise Http404
    try:
        services.cancel_signup(request.user, signup)
        messages.success(request, _("Your place is cancelled. Thank you for telling us."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(activity.get_absolute_url())


@community_view("volunteering.view")
def offer(request: AuthedRequest, community: Community, pk: int, token: str) -> HttpResponse:
    activity = get_activity(community, pk)
    return offer_page(
        request,
        services.ShiftPlaces(activity),
        token,
        lambda accept: services.answer_offer(request.user, activity, token, accept),
        _("Back to the activity"),
    )


@community_view("volunteering.take_part")
def mine(request: AuthedRequest, community: Community) -> HttpResponse:
    member = member_of(request.user, community)
    if member is None:
        raise Http404
    total = services.verified_total(member)
    period = PeriodForm(request.GET or None, initial=PeriodForm.this_year())
    context = {
        "community": community,
        "member": member,
        "total": total,
        "next_milestone": recognition.next_milestone(total),
        "milestones": member.volunteer_milestones.all(),
        "teams": member.volunteer_teams.filter(status=TeamMember.Status.ACTIVE).select_related(
            "team__community"
        ),
        "invitations": member.volunteer_teams.filter(
            status=TeamMember.Status.INVITED
        ).select_related("team"),
        "signups": SignUp.objects.filter(
            member=member,
            status__in=[*SignUp.HOLDING, SignUp.Status.WAITING],
            activity__ends_at__gt=timezone.now(),
        ).select_related("activity__team__community"),
        "entries": Hours.objects.filter(member=member)
        .select_related("activity__team__community")
        .prefetch_related("corrections"),
        "period": period,
    }
    return render(request, "volunteering/mine.html", context)


@community_view("volunteering.take_part")
def certificate(request: AuthedRequest, community: Community) -> HttpResponse:
    """Issue my certificate for a period (POST), then download it."""
    member = member_of(request.user, community)
    if member is None:
        raise Http404
    return issue_and_download(request, member, "volunteering:mine")


def issue_and_download(request: AuthedRequest, member: Member, back: str) -> HttpResponse:
    """A certificate is issued by a button (POST) and downloaded by its code (GET): opening a
    link never issues one."""
    community = member.community
    period = PeriodForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not period.is_valid():
        messages.error(request, _("Choose a period: a start and an end day."))
        return redirect(back, community.slug)
    try:
        issued = services.issue_certificate(
            request.user, member, period.cleaned_data["start"], period.cleaned_data["end"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back, community.slug)
    return redirect("volunteering:certificate_pdf", community.slug, issued.code)


@community_view("volunteering.take_part")
def certificate_pdf(request: AuthedRequest, community: Community, code: str) -> HttpResponse:
    """An issued certificate as a PDF: for the resident it is about, and for organisers (in the
    resident's language: they print it for people without an account)."""
    issued = get_object_or_404(
        Certificate.objects.select_related("member"), member__community=community, code=code
    )
    person = issued.member
    if not can(request.user, "volunteering.issue_certificate", person):
        raise Http404
    own = person.user_id == request.user.pk
    language = translation.get_language() if own else person.language
    pdf = reports.certificate_pdf(issued, language or translation.get_language() or "zh-hans")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{issued.code}.pdf"'
    return response


@community_view("volunteering.view")
def verify(request: AuthedRequest, community: Community, code: str) -> HttpResponse:
    """Anyone holding the paper can check it: the name, the period and the total."""
    found = (
        Certificate.objects.filter(member__community=community, code=code.upper())
        .select_related("member")
        .first()
    )
    return render(
        request,
        "volunteering/verify.html",
        {"community": community, "certificate": found, "code": code},
        status=200 if found else 404,
    )


@community_view("volunteering.take_part")
def correct(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """A volunteer asks for their recorded hours to be corrected; the leader decides."""
    entry = get_object_or_404(
        Hours.objects.select_related("activity__team", "member"),
        activity__team__community=community,
        pk=pk,
    )
    if entry.member.user_id != request.user.pk:
        raise Http404
    form = CorrectionForm(request.POST or None, initial={"new_hours": entry.hours})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_correction(
                request.user, entry, form.cleaned_data["new_hours"], form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Your request is sent to the team leaders."))
            return redirect("volunteering:mine", community.slug)
    return render(
        request,
        "volunteering/correct.html",
        {"community": community, "entry": entry, "form": form},
        status=400 if form.errors else 200,
    )
