"""Pages of a public hearing: a resident signs up to speak (from the meeting's page); staff set
the hearing up, add callers to the list, type each testimony into the minutes and publish the
written response."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt, on_form
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Refused
from linli.core.models import Community
from linli.core.permissions import member_of

from . import hearing_queries, services
from .hearing_forms import HearingForm, ResponseForm, SpeakForm, StaffSpeakerForm, TestimonyForm
from .hearing_models import Speaker
from .models import Meeting


def _hearing_meeting(community: Community, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("community"),
        community=community,
        pk=pk,
        kind=Meeting.Kind.HEARING,
    )


def _back(meeting: Meeting) -> str:
    return meeting.get_absolute_url() + "#hearing"


@require_POST
@community_view("meetings.register")
def speak(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """A resident puts themselves on the list of speakers."""
    meeting = _hearing_meeting(community, pk)
    if meeting.status == Meeting.Status.DRAFT:
        raise Http404
    form = SpeakForm(request.POST)
    if form.is_valid():
        member = member_of(request.user, community)

        def sign_up() -> object:
            if member is None:
                raise Refused(_("Only verified residents of this community can register."))
            return services.sign_up_to_speak(
                request.user,
                meeting,
                member,
                topic=form.cleaned_data["topic"],
                needs=form.cleaned_data["needs"],
            )

        attempt(request, sign_up, _("You are on the list of speakers."))
    else:
        messages.error(
            request, _("Check what you wrote: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(_back(meeting))


@community_view("meetings.manage")
def hearing(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """The organiser's page: settings, the list of speakers with their needs, testimony."""
    meeting = _hearing_meeting(community, pk)
    found = hearing_queries.hearing_of(meeting)
    action = request.POST.get("action", "")
    settings_form = HearingForm(
        request.POST if action == "settings" else None, instance=found, prefix="hearing"
    )
    speaker_form = StaffSpeakerForm(
        request.POST if action == "speaker" else None, community=community, prefix="speaker"
    )
    status = 200
    if request.method == "POST":
        if action == "settings" and settings_form.is_valid():
            data = settings_form.cleaned_data
            if on_form(
                settings_form,
                lambda: services.set_up_hearing(
                    request.user,
                    meeting,
                    matter=data["matter"],
                    speakers_max=data["speakers_max"],
                    minutes_each=data["minutes_each"],
                ),
            ):
                messages.success(request, _("Saved."))
                return redirect("meetings:hearing", community.slug, meeting.pk)
        elif action == "speaker" and speaker_form.is_valid():
            data = speaker_form.cleaned_data
            if on_form(
                speaker_form,
                lambda: services.sign_up_to_speak(
                    request.user,
                    meeting,
                    data["member"],
                    topic=data["topic"],
                    needs=data["needs"],
                    channel=data["channel"],
                ),
            ):
                messages.success(request, _("Added to the list of speakers."))
                return redirect("meetings:hearing", community.slug, meeting.pk)
        status = 400
    rows = [
        (
            speaker,
            TestimonyForm(
                prefix=f"t{speaker.pk}",
                initial={
                    "text": getattr(getattr(speaker, "testimony", None), "text", ""),
                    "channel": getattr(getattr(speaker, "testimony", None), "channel", "in_person"),
                },
            ),
        )
        for speaker in hearing_queries.speakers(found)
    ]
    context = {
        "community": community,
        "meeting": meeting,
        "hearing": found,
        "rows": rows,
        "places_left": hearing_queries.places_left(found),
        "settings_form": settings_form,
        "speaker_form": speaker_form,
        "heard": meeting.starts_at <= timezone.now(),
    }
    return render(request, "meetings/manage/hearing.html", context, status=status)


@require_POST
@community_view("meetings.manage")
def testimony(request: AuthedRequest, community: Community, pk: int, speaker: int) -> HttpResponse:
    meeting = _hearing_meeting(community, pk)
    who = get_object_or_404(Speaker, pk=speaker, hearing__meeting=meeting)
    form = TestimonyForm(request.POST, prefix=f"t{who.pk}")
    if form.is_valid():
        attempt(
            request,
            lambda: services.record_testimony(
                request.user,
                meeting,
                who,
                text=form.cleaned_data["text"],
                channel=form.cleaned_data["channel"],
            ),
            _("The testimony is recorded."),
        )
    else:
        messages.error(request, _("Choose how the testimony was given from the list."))
    return redirect(
        reverse("meetings:hearing", args=[community.slug, meeting.pk]) + f"#speaker-{who.pk}"
    )


@community_view("meetings.manage")
def response(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """The written response: one answer per testimony, published as a notice."""
    meeting = _hearing_meeting(community, pk)
    found = hearing_queries.hearing_of(meeting)
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        testimonies=hearing_queries.testimonies(found),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid() and on_form(
            form,
            lambda: services.publish_response(
                request.user, meeting, intro=form.cleaned_data["intro"], answers=form.answers()
            ),
        ):
            messages.success(
                request, _("The written response is published. The speakers are told.")
            )
            return redirect(_back(meeting))
        status = 400
    context = {"community": community, "meeting": meeting, "hearing": found, "form": form}
    return render(request, "meetings/manage/hearing_response.html", context, status=status)
