"""API for meetings: the published list and one meeting (the online link only for people holding a
place), registering the caller and cancelling, and published minutes with action items."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.services import ServiceError

from . import hearing_queries, services
from .models import Meeting, Registration

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    title: str
    kind: str
    format: str
    status: str
    starts_at: datetime
    ends_at: datetime
    place: str
    venue_access: str
    registration: str
    capacity: int | None
    places_left: int | None
    project: int | None
    training: int | None
    online_url: str | None


class NeedIn(Schema):
    kind: str
    detail: str = ""


class RegisterIn(Schema):
    needs: list[NeedIn] = []


class RegistrationOut(Schema):
    status: str
    code: str | None
    needs: list[NeedIn]


class ActionOut(Schema):
    text: str
    owner: str
    due_on: date | None
    status: str


class MinutesOut(Schema):
    agenda: list[str]
    summary: str
    decisions: list[str]
    published_at: datetime | None
    action_items: list[ActionOut]


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not permissions.can(request.user, "meetings.view", community):
        raise HttpError(403, "forbidden")
    return community


def _meeting(request: HttpRequest, community: Community, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting, community=community, pk=pk)
    if meeting.status == Meeting.Status.DRAFT and not permissions.can(
        request.user, "meetings.manage", community
    ):
        raise Http404
    return meeting


def _out(request: HttpRequest, meeting: Meeting) -> MeetingOut:
    return MeetingOut(
        id=meeting.pk,
        title=meeting.title,
        kind=meeting.kind,
        format=meeting.format,
        status=meeting.status,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        venue_access=meeting.venue_access,
        registration=meeting.registration,
        capacity=meeting.capacity,
        places_left=services.places_left(meeting),
        project=meeting.project_id,
        training=meeting.training_id,
        online_url=meeting.online_url
        if meeting.online and services.may_see_link(request.user, meeting)
        else None,
    )


@router.get("/communities/{slug}/meetings", response=list[MeetingOut], auth=PUBLIC)
def list_meetings(request: HttpRequest, slug: str) -> list[MeetingOut]:
    community = _community(request, slug)
    return [_out(request, m) for m in services.visible(request.user, community)]


@router.get("/communities/{slug}/meetings/{pk}", response=MeetingOut, auth=PUBLIC)
def get_meeting(request: HttpRequest, slug: str, pk: int) -> MeetingOut:
    community = _community(request, slug)
    return _out(request, _meeting(request, community, pk))


def _registration_out(registration: Registration) -> RegistrationOut:
    return RegistrationOut(
        status=registration.status,
        code=registration.code if registration.status == Registration.Status.CONFIRMED else None,
        needs=[NeedIn(kind=a.kind, detail=a.detail) for a in registration.accommodations.all()],
    )


@router.post(
    "/communities/{slug}/meetings/{pk}/registration",
    response={201: RegistrationOut},
    auth=CALLER,
)
def register(
    request: AuthedRequest, slug: str, pk: int, data: RegisterIn
) -> tuple[int, RegistrationOut]:
    community = _community(request, slug)
    meeting = _meeting(request, community, pk)
    if not permissions.can(request.user, "meetings.register", community):
        raise HttpError(403, "forbidden")
    member = permissions.member_of(request.user, community)
    assert member is not None
    try:
        registration = services.register(
            request.user,
            meeting,
            member,
            [services.Need(n.kind, n.detail) for n in data.needs],
        )
    except ServiceError as error:
        raise HttpError(400, error.message) from error
    return 201, _registration_out(registration)


@router.delete(
    "/communities/{slug}/meetings/{pk}/registration", response=RegistrationOut, auth=CALLER
)
def unregister(request: AuthedRequest, slug: str, pk: int) -> RegistrationOut:
    community = _community(request, slug)
    meeting = _meeting(request, community, pk)
    if not permissions.can(request.user, "meetings.register", community):
        raise HttpError(403, "forbidden")
    registration = services.registration_of(meeting, permissions.member_of(request.user, community))
    if registration is None:
        raise Http404
    try:
        registration = services.cancel_registration(request.user, registration)
    except ServiceError as error:
        raise HttpError(400, error.message) from error
    return _registration_out(registration)


@router.get("/communities/{slug}/meetings/{pk}/minutes", response=MinutesOut, auth=PUBLIC)
def get_minutes(request: HttpRequest, slug: str, pk: int) -> MinutesOut:
    community = _community(request, slug)
    meeting = _meeting(request, community, pk)
    minutes = getattr(meeting, "minutes", None)
    if minutes is None or minutes.published_at is None:
        raise Http404
    return MinutesOut(
        agenda=minutes.agenda_items,
        summary=minutes.summary,
        decisions=minutes.decision_list,
        published_at=minutes.published_at,
        action_items=[
            ActionOut(text=i.text, owner=i.who, due_on=i.due_on, status=i.status)
            for i in meeting.action_items.select_related("owner")
        ],
    )


class TestimonyOut(Schema):
    channel: str
    text: str
    answer: str


class SpeakerOut(Schema):
    position: int
    topic: str
    # Names and testimony are on the public record once the minutes or the response are.
    name: str | None
    testimony: TestimonyOut | None


class HearingOut(Schema):
    matter: str
    speakers_max: int
    minutes_each: int
    places_left: int
    speakers: list[SpeakerOut]
    response_url: str | None
    responded_at: datetime | None


@router.get("/communities/{slug}/meetings/{pk}/hearing", response=HearingOut, auth=PUBLIC)
def get_hearing(request: HttpRequest, slug: str, pk: int) -> HearingOut:
    """A public hearing: its speakers in order, and once on the record, what each said and the
    answer of the written response."""
    community = _community(request, slug)
    meeting = _meeting(request, community, pk)
    if meeting.kind != Meeting.Kind.HEARING:
        raise Http404
    context = hearing_queries.page_context(request.user, meeting, None)
    hearing = context["hearing"]
    recorded = {t.speaker_id: t for t in context["hearing_testimonies"]}
    answered = hearing.is_answered
    return HearingOut(
        matter=hearing.matter,
        speakers_max=hearing.speakers_max,
        minutes_each=hearing.minutes_each,
        places_left=context["hearing_places_left"],
        speakers=[
            SpeakerOut(
                position=s.position,
                topic=s.topic,
                name=s.member.name if s.pk in recorded else None,
                testimony=TestimonyOut(
                    channel=recorded[s.pk].channel,
                    text=recorded[s.pk].text,
                    answer=recorded[s.pk].answer if answered else "",
                )
                if s.pk in recorded
                else None,
            )
            for s in context["hearing_speakers"]
        ],
        response_url=request.build_absolute_uri(hearing.response.get_absolute_url())
        if hearing.response
        else None,
        responded_at=hearing.responded_at,
    )
