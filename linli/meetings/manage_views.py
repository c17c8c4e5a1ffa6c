"""Organisers and helpers at the door: set up a meeting, see who comes and what they need, check
people in, write the minutes, run trainings."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import audit
from linli.core.checkin_views import by_code
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.services import ServiceError

from . import services
from .forms import (
    CODE_HELP,
    ActionItemForm,
    CancelForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    OnBehalfForm,
    RoleForm,
    TrainingForm,
    WalkInForm,
)
from .models import Accommodation, Meeting, Minutes, Registration, Training


def _meeting(community: Community, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("community"), community=community, pk=pk
    )


def _form_error(form: object, error: ServiceError) -> None:
    fields = getattr(form, "fields", {})
    form.add_error(error.field if error.field in fields else None, error.message)  # type: ignore[attr-defined]


@community_view("meetings.manage")
def meeting_create(request: AuthedRequest, community: Community) -> HttpResponse:
    initial = {}
    if request.GET.get("training"):
        initial = {"training": request.GET["training"], "kind": Meeting.Kind.TRAINING}
    form = MeetingForm(request.POST or None, community=community, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.community = community
        try:
            services.save_meeting(request.user, meeting)
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Meeting saved as a draft. Publish it when it is ready."))
            return redirect("meetings:people", community.slug, meeting.pk)
    return render(
        request, "meetings/manage/meeting_form.html", {"community": community, "form": form}
    )


@community_view("meetings.manage")
def meeting_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = _meeting(community, pk)
    if meeting.status == Meeting.Status.CANCELLED:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect(meeting.get_absolute_url())
    before = audit.snapshot(meeting)
    form = MeetingForm(request.POST or None, instance=meeting, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_meeting(request.user, form.save(commit=False), before=before)
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved. People registered are told about any change."))
            return redirect("meetings:people", community.slug, meeting.pk)
    context = {"community": community, "form": form, "meeting": meeting}
    return render(request, "meetings/manage/meeting_form.html", context)


@require_POST
@community_view("meetings.manage")
def publish(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = _meeting(community, pk)
    try:
        services.publish(request.user, meeting)
        messages.success(request, _("The meeting is published."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("meetings:people", community.slug, meeting.pk)


@community_view("meetings.manage")
def cancel(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = _meeting(community, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_meeting(request.user, meeting, form.cleaned_data["reason"])
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("The meeting is cancelled and everyone registered is told.")
            )
            return redirect(meeting.get_absolute_url())
    context = {"community": community, "meeting": meeting, "form": form}
    return render(
        request, "meetings/manage/cancel.html", context, status=400 if form.errors else 200
    )


@community_view("meetings.manage")
def people(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Who comes, who waits, what each needs, and the totals to arrange."""
    meeting = _meeting(community, pk)
    registrations = meeting.registrations.select_related(
        "member__household__area", "member__household__flat"
    ).prefetch_related("accommodations")
    context = {
        "community": community,
        "meeting": meeting,
        "when": services.local_time(meeting),
        "registrations": [r for r in registrations if r.status != Registration.Status.CANCELLED],
        "cancelled": [r for r in registrations if r.status == Registration.Status.CANCELLED],
        "held": services.held(meeting),
        "waiting": sum(1 for r in registrations if r.status == Registration.Status.WAITING),
        "totals": services.accommodation_totals(meeting),
        "unarranged": services.unarranged(meeting),
        "invitations": meeting.invitations.select_related("member"),
        "attendance": services.attendance_by_area(meeting),
        "roles": Registration.Role.choices,
    }
    return render(request, "meetings/manage/people.html", context)


@require_POST
@community_view("meetings.manage")
def arrange(request: AuthedRequest, community: Community, pk: int, need: int) -> HttpResponse:
    meeting = _meeting(community, pk)
    chosen = get_object_or_404(Accommodation, registration__meeting=meeting, pk=need)
    services.mark_arranged(request.user, chosen, arranged=request.POST.get("arranged") != "0")
    messages.success(request, _("Saved."))
    return redirect(
        reverse("meetings:people", args=[community.slug, meeting.pk])
        + f"#reg-{chosen.registration_id}"
    )


@require_POST
@community_view("meetings.manage")
def set_role(request: AuthedRequest, community: Community, pk: int, reg: int) -> HttpResponse:
    meeting = _meeting(community, pk)
    registration = get_object_or_404(Registration, meeting=meeting, pk=reg)
    form = RoleForm(request.POST)
    if form.is_valid():
        services.set_role(request.user, registration, form.cleaned_data["role"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("This role is not known."))
    return redirect("meetings:people", community.slug, meeting.pk)


@community_view("meetings.register_others")
def register_for(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Staff register a resident who phoned or came to the office."""
    meeting = _meeting(community, pk)
    form = OnBehalfForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.register(
                request.user,
                meeting,
                form.cleaned_data["member"],
                form.needs(),
                channel=form.cleaned_data["channel"],
            )
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered (%(status)s). Check-in code: %(code)s")
                % {
                    "name": done.member.name,
                    "status": done.get_status_display(),
                    "code": done.code,
                },
            )
            return redirect("meetings:people", community.slug, meeting.pk)
    context = {"community": community, "meeting": meeting, "form": form}
    return render(
        request, "meetings/manage/register_for.html", context, status=400 if form.errors else 200
    )


@community_view("meetings.manage")
def invite(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = _meeting(community, pk)
    form = InviteForm(
        request.POST or None,
        community=community,
        initial={"members": [i.member_id for i in meeting.invitations.all()]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            added = services.invite(request.user, meeting, list(form.cleaned_data["members"]))
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(count)s people invited.") % {"count": added})
            return redirect("meetings:people", community.slug, meeting.pk)
    context = {"community": community, "meeting": meeting, "form": form}
    return render(request, "meetings/manage/invite.html", context)


@community_view("meetings.check_in")
def checkin(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Scan or type a code; add walk-ins. A scanned QR opens this page with the code filled in."""
    meeting = _meeting(community, pk)
    back = reverse("meetings:checkin", args=[community.slug, meeting.pk])
    form, done = by_code(
        request, CODE_HELP, partial(services.check_in, request.user, meeting), back
    )
    if done is not None:
        return done
    walk_form = WalkInForm(
        request.POST if request.POST.get("action") == "walk_in" else None, community=community
    )
    status = 400 if form.errors else 200
    if request.method == "POST" and not form.is_bound:
        if walk_form.is_valid():
            try:
                added = services.walk_in(request.user, meeting, walk_form.cleaned_data["member"])
            except ServiceError as error:
                _form_error(walk_form, error)
                status = 400
            else:
                messages.success(request, _("Welcome, %(name)s!") % {"name": added.member.name})
                return redirect(back)
        else:
            status = 400
    recent = (
        meeting.registrations.filter(checked_in_at__isnull=False)
        .select_related("member__household__area")
        .order_by("-checked_in_at")
    )
    context = {
        "community": community,
        "meeting": meeting,
        "when": services.local_time(meeting),
        "form": form,
        "walk_form": walk_form,
        "recent": recent[:15],
        "present": recent.count(),
        "expected": meeting.registrations.filter(status=Registration.Status.CONFIRMED).count(),
        "attendance": services.attendance_by_area(meeting),
    }
    return render(request, "meetings/manage/checkin.html", context, status=status)


@require_POST
@community_view("meetings.check_in")
def attended_online(
    request: AuthedRequest, community: Community, pk: int, reg: int
) -> HttpResponse:
    meeting = _meeting(community, pk)
    registration = get_object_or_404(Registration, meeting=meeting, pk=reg)
    try:
        services.mark_attended_online(request.user, registration)
        messages.success(request, _("Marked as present online."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("meetings:people", community.slug, meeting.pk)


@community_view("meetings.manage")
def minutes(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = _meeting(community, pk)
    existing = Minutes.objects.filter(meeting=meeting).first()
    initial = (
        {"agenda": existing.agenda, "summary": existing.summary, "decisions": existing.decisions}
        if existing
        else {}
    )
    action = request.POST.get("action", "")
    form = MinutesForm(request.POST if action in ("save", "publish") else None, initial=initial)
    item_form = ActionItemForm(
        request.POST if action == "action" else None, community=community, prefix="item"
    )
    status = 200
    if request.method == "POST":
        if action in ("save", "publish") and form.is_valid():
            try:
                services.save_minutes(
                    request.user, meeting, **form.cleaned_data, publish_now=action == "publish"
                )
            except ServiceError as error:
                _form_error(form, error)
                status = 400
            else:
                messages.success(
                    request,
                    _("The minutes are published.") if action == "publish" else _("Saved."),
                )
                return redirect("meetings:minutes", community.slug, meeting.pk)
        elif action == "action" and item_form.is_valid():
            try:
                services.add_action_item(request.user, meeting, **item_form.cleaned_data)
            except ServiceError as error:
                _form_error(item_form, error)
                status = 400
            else:
                messages.success(request, _("Action item added."))
                return redirect("meetings:minutes", community.slug, meeting.pk)
        else:
            status = 400
    context = {
        "community": community,
        "meeting": meeting,
        "minutes": existing,
        "form": form,
        "item_form": item_form,
        "items": meeting.action_items.select_related("owner"),
    }
    return render(request, "meetings/manage/minutes.html", context, status=status)


@community_view("meetings.manage")
def training_edit(
    request: AuthedRequest, community: Community, pk: int | None = None
) -> HttpResponse:
    training = get_object_or_404(Training, community=community, pk=pk) if pk else None
    form = TrainingForm(request.POST or None, instance=training, community=community)
    if request.method == "POST" and form.is_valid():
        saved = services.save_training(request.user, community, form.save(commit=False))
        messages.success(request, _("Saved. Now add its sessions."))
        return redirect(saved.get_absolute_url())
    context = {"community": community, "form": form, "training": training}
    return render(request, "meetings/manage/training_form.html", context)


@community_view("meetings.skills")
def member_record(request: AuthedRequest, community: Community, member_id: int) -> HttpResponse:
    """A resident's meetings, trainings and skills, for organisers planning who could lead."""
    member = get_object_or_404(Member, community=community, pk=member_id)
    attended = (
        Registration.objects.filter(member=member, checked_in_at__isnull=False)
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )
    context = {
        "community": community,
        "person": member,
        "attended": attended,
        "trainings": services.trainings_of(member),
        "skills": services.skills_of(member),
    }
    return render(request, "meetings/manage/member.html", context)
