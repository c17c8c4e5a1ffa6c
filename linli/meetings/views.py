"""Resident pages: the list, a meeting with registration, the ticket, calendar files, freed-place
offers, my meetings, action items and trainings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, member_of, require
from linli.core.qr import qr_svg
from linli.core.redirects import safe_next
from linli.core.services import ServiceError
from linli.core.waitlist_views import offer_page

from . import hearing_queries, ics, services
from .forms import ActionStatusForm, NeedsForm
from .models import ActionItem, CalendarFeed, Meeting, Registration, Training


def visible_meeting(request: AuthedRequest, community: Community, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("community"), community=community, pk=pk
    )
    if meeting.status == Meeting.Status.DRAFT and not can(
        request.user, "meetings.manage", community
    ):
        raise Http404
    return meeting


@community_view("meetings.view")
def meeting_list(request: AuthedRequest, community: Community) -> HttpResponse:
    now = timezone.now()
    meetings = services.visible(request.user, community).select_related("area", "training")
    groups = {
        "upcoming": [m for m in meetings if m.is_published and m.ends_at > now],
        "past": sorted(
            (m for m in meetings if m.is_published and m.ends_at <= now),
            key=lambda m: m.starts_at,
            reverse=True,
        ),
        "draft": [m for m in meetings if m.status == Meeting.Status.DRAFT],
        "cancelled": [m for m in meetings if m.status == Meeting.Status.CANCELLED],
    }
    context = {
        "community": community,
        "groups": groups,
        "trainings": Training.objects.filter(community=community),
    }
    return render(request, "meetings/list.html", context)


def _detail_context(request: AuthedRequest, meeting: Meeting) -> dict[str, object]:
    community = meeting.community
    member = member_of(request.user, community)
    registration = services.registration_of(meeting, member)
    minutes = getattr(meeting, "minutes", None)
    manages = can(request.user, "meetings.manage", community)
    return {
        "community": community,
        "meeting": meeting,
        "member": member,
        "registration": registration,
        "active": registration is not None
        and registration.status not in (Registration.Status.CANCELLED, Registration.Status.EXPIRED),
        "qr": qr_svg(services.checkin_url(registration))
        if registration is not None and registration.status == Registration.Status.CONFIRMED
        else "",
        "places_left": services.places_left(meeting),
        "invited": services.is_invited(meeting, member),
        "may_register": can(request.user, "meetings.register", community),
        "shows_link": services.may_see_link(request.user, meeting),
        "when": services.local_time(meeting),
        "ends": services.local_time(meeting, meeting.ends_at),
        "minutes": minutes if minutes and (minutes.published_at or manages) else None,
        "actions": meeting.action_items.select_related("owner")
        if minutes and (minutes.published_at or manages)
        else [],
        "manages": manages,
        "unarranged": services.unarranged(meeting) if manages else 0,
        **hearing_queries.page_context(request.user, meeting, member),
    }


@community_view("meetings.view")
def meeting_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, community, pk)
    context = _detail_context(request, meeting)
    registration = context["registration"]
    form = NeedsForm(
        request.POST if request.method == "POST" else None,
        registration=registration if context["active"] else None,  # type: ignore[arg-type]
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('core:login')}?next={request.path}")
        require(request.user, "meetings.register", community)
        if form.is_valid():
            try:
                if context["active"]:
                    services.update_needs(request.user, registration, form.needs())  # type: ignore[arg-type]
                    messages.success(request, _("Your requests are saved."))
                elif meeting.registration == Meeting.Registration.NONE:
                    member = member_of(request.user, community)
                    if member is None:
                        raise ServiceError(
                            _("Only verified residents of this community can register.")
                        )
                    services.ask_for_help(request.user, meeting, member, form.needs())
                    messages.success(
                        request, _("Thank you. We arrange it before the meeting and tell you.")
                    )
                else:
                    member = member_of(request.user, community)
                    if member is None:
                        raise ServiceError(
                            _("Only verified residents of this community can register.")
                        )
                    done = services.register(request.user, meeting, member, form.needs())
                    if done.status == Registration.Status.CONFIRMED:
                        messages.success(
                            request, _("You have a place. Your check-in code is below.")
                        )
                    else:
                        messages.warning(
                            request, _("The meeting is full: you are on the waiting list.")
                        )
                return redirect(meeting.get_absolute_url())
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
    context["form"] = form
    return render(request, "meetings/detail.html", context, status=400 if form.errors else 200)


@require_POST
@community_view("meetings.register")
def cancel_registration(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, community, pk)
    registration = services.registration_of(meeting, member_of(request.user, community))
    if registration is None:
        raise Http404
    try:
        services.cancel_registration(request.user, registration)
        messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(meeting.get_absolute_url())


@community_view("meetings.register")
def ticket(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """A page to print or show at the door: the QR code, the code and the meeting."""
    meeting = visible_meeting(request, community, pk)
    registration = services.registration_of(meeting, member_of(request.user, community))
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        raise Http404
    context = {
        "community": community,
        "meeting": meeting,
        "registration": registration,
        "qr": qr_svg(services.checkin_url(registration), scale=8),
        "when": services.local_time(meeting),
    }
    return render(request, "meetings/ticket.html", context)


@community_view("meetings.view")
def event_ics(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, community, pk)
    body = ics.meeting_ics(meeting, with_link=services.may_see_link(request.user, meeting))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def calendar_feed(request: AuthedRequest, slug: str, token: str) -> HttpResponse:
    """A resident's own calendar; the secret in the address is the key (calendar apps cannot
    sign in)."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("member__community"),
        token=token,
        member__community__slug=slug,
    )
    body = ics.feed_ics(feed.member.community.name, services.feed_meetings(feed))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@community_view("meetings.view")
def offer(request: AuthedRequest, community: Community, pk: int, token: str) -> HttpResponse:
    meeting = visible_meeting(request, community, pk)
    return offer_page(
        request,
        services.MeetingPlaces(meeting),
        token,
        lambda accept: services.answer_offer(request.user, meeting, token, accept),
        _("Back to the meeting"),
    )


@community_view("meetings.register")
def my_meetings(request: AuthedRequest, community: Community) -> HttpResponse:
    member = member_of(request.user, community)
    if member is None:
        raise Http404
    registrations = (
        Registration.objects.filter(member=member)
        .exclude(meeting__status=Meeting.Status.DRAFT)
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )
    feed = services.feed_for(member)  # made when the resident first registers: a GET writes nothing
    context = {
        "community": community,
        "registrations": registrations,
        "feed_url": request.build_absolute_uri(
            reverse("meetings:feed", args=[community.slug, feed.token])
        )
        if feed
        else "",
        "trainings": services.trainings_of(member),
        "skills": services.skills_of(member),
        "actions": ActionItem.objects.filter(owner=member).select_related("meeting"),
    }
    return render(request, "meetings/mine.html", context)


@community_view("meetings.view")
def actions(request: AuthedRequest, community: Community) -> HttpResponse:
    items = services.open_actions(community)
    context = {
        "community": community,
        "open": [i for i in items if i.status != ActionItem.Status.DONE],
        "done": [i for i in items if i.status == ActionItem.Status.DONE],
        "manages": can(request.user, "meetings.manage", community),
        "me": member_of(request.user, community),
        "statuses": ActionItem.Status.choices,
    }
    return render(request, "meetings/actions.html", context)


@require_POST
@community_view("meetings.view")
def action_status(request: AuthedRequest, community: Community, item: int) -> HttpResponse:
    """The owner of an action or an organiser moves it along."""
    if not request.user.is_authenticated:
        return redirect(
            f"{reverse('core:login')}?next={reverse('meetings:actions', args=[community.slug])}"
        )
    chosen = get_object_or_404(ActionItem, meeting__community=community, pk=item)
    # The person first: someone who may not move this action is forbidden whatever they sent.
    require(request.user, "meetings.update_action", chosen)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This status is not known."))
    else:
        try:
            services.set_action_status(request.user, chosen, form.cleaned_data["status"])
            messages.success(request, _("Saved."))
        except ServiceError as error:
            messages.error(request, error.message)
    return redirect(safe_next(request, reverse("meetings:actions", args=[community.slug])))


@community_view("meetings.view")
def training_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    training = get_object_or_404(Training, community=community, pk=pk)
    manages = can(request.user, "meetings.manage", community)
    sessions = training.sessions.all()
    if not manages:
        sessions = sessions.exclude(status=Meeting.Status.DRAFT)
    context = {
        "community": community,
        "training": training,
        "sessions": sessions,
        "progress": services.training_progress(training) if manages else [],
        "manages": manages,
    }
    return render(request, "meetings/training.html", context)
