"""What can be measured for fairness: a survey, a vote, a meeting, a meeting series (a training),
an engagement project or a period. Each is named by a short key ("survey:12", "project:3",
"period:2026-01-01:2026-03-31") and gives the ledger rows that count as taking part in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community


@dataclass(frozen=True)
class Subject:
    key: str
    kind: str  # translated: "Survey", "Vote"...
    title: str
    is_open: bool
    acts: Q  # filter on participation.Act, within the community
    url: str = ""
    closes_at: datetime | None = None


def _one_source(
    key: str, kind: str, source: Any, title: str, is_open: bool, closes_at: datetime | None
) -> Subject:
    """A consultation whose acts all point at one object (a survey, a vote, a meeting)."""
    return Subject(
        key,
        kind,
        title,
        is_open,
        Q(source_type=source._meta.label_lower, source_id=str(source.pk)),
        source.get_absolute_url(),
        closes_at,
    )


def _survey(community: Community, pk: int) -> Subject:
    from linli.surveys.models import Survey

    survey = get_object_or_404(Survey, community=community, pk=pk)
    return _one_source(
        f"survey:{pk}", _("Survey"), survey, survey.title_text, survey.is_open, survey.closes_at
    )


def _vote(community: Community, pk: int) -> Subject:
    from linli.votes.models import Vote

    vote = get_object_or_404(Vote, community=community, pk=pk)
    return _one_source(f"vote:{pk}", _("Vote"), vote, vote.title, vote.is_open, vote.closes_at)


def _meeting(community: Community, pk: int) -> Subject:
    from linli.meetings.models import Meeting

    meeting = get_object_or_404(Meeting, community=community, pk=pk)
    return _one_source(
        f"meeting:{pk}",
        _("Meeting"),
        meeting,
        meeting.title,
        meeting.ends_at > timezone.now(),
        meeting.ends_at,
    )


def _training(community: Community, pk: int) -> Subject:
    from linli.meetings.models import Meeting, Training

    training = get_object_or_404(Training, community=community, pk=pk)
    sessions = list(Meeting.objects.filter(training=training).values_list("pk", "ends_at"))
    last = max((ends for _pk, ends in sessions), default=None)
    return Subject(
        f"training:{pk}",
        _("Meeting series"),
        training.title,
        last is not None and last > timezone.now(),
        Q(source_type="meetings.meeting", source_id__in=[str(p) for p, _e in sessions]),
        training.get_absolute_url(),
        last,
    )


def _project(community: Community, pk: int) -> Subject:
    from linli.engagement.models import Project

    project = get_object_or_404(Project, community=community, pk=pk)
    zone = ZoneInfo(community.timezone)
    closes = datetime.combine(project.ends_on, time(23, 59), zone) if project.ends_on else None
    return Subject(
        f"project:{pk}",
        _("Engagement project"),
        project.title,
        project.status == Project.Status.OPEN,
        Q(project_id=pk),
        project.get_absolute_url(),
        closes,
    )


def period(community: Community, start: date, end: date) -> Subject:
    zone = ZoneInfo(community.timezone)
    since = datetime.combine(start, time.min, zone)
    until = datetime.combine(end, time.max, zone)
    return Subject(
        f"period:{start.isoformat()}:{end.isoformat()}",
        _("Period"),
        _("%(start)s to %(end)s") % {"start": start.isoformat(), "end": end.isoformat()},
        until > timezone.now(),
        Q(occurred_at__gte=since, occurred_at__lte=until),
    )


KINDS = {
    "survey": _survey,
    "vote": _vote,
    "meeting": _meeting,
    "training": _training,
    "project": _project,
}


def subject(community: Community, key: str) -> Subject:
    """The subject a key names, in this community (404 for an unknown or foreign one)."""
    kind, _sep, rest = key.partition(":")
    try:
        if kind == "period":
            start, end = (date.fromisoformat(part) for part in rest.split(":"))
            if end < start:
                raise ValueError
            return period(community, start, end)
        if kind in KINDS:
            return KINDS[kind](community, int(rest))
    except ValueError:
        pass
    raise Http404


def open_subjects(community: Community) -> list[Subject]:
    """Every consultation open now: surveys, votes (a participatory budget's ballot is one),
    meeting series with a session still to come, and engagement projects. A single meeting is
    left out: its acts are recorded at the door, so it cannot be measured before it ends."""
    from linli.engagement.models import Project
    from linli.meetings.models import Meeting
    from linli.surveys.models import Survey
    from linli.votes.models import Vote

    now = timezone.now()
    found: list[Subject] = []
    for pk in Survey.objects.filter(
        community=community,
        status=Survey.Status.PUBLISHED,
        opens_at__lte=now,
        closes_at__gt=now,
    ).values_list("pk", flat=True):
        found.append(_survey(community, pk))
    for pk in Vote.objects.filter(
        community=community, status=Vote.Status.PUBLISHED, opens_at__lte=now, closes_at__gt=now
    ).values_list("pk", flat=True):
        found.append(_vote(community, pk))
    for pk in Project.objects.filter(community=community, status=Project.Status.OPEN).values_list(
        "pk", flat=True
    ):
        found.append(_project(community, pk))
    for pk in (
        Meeting.objects.filter(
            community=community,
            training__isnull=False,
            status=Meeting.Status.PUBLISHED,
            ends_at__gt=now,
        )
        .order_by("training_id")
        .values_list("training_id", flat=True)
        .distinct()
    ):
        found.append(_training(community, pk))
    return [s for s in found if s.is_open]


def recent_subjects(community: Community, limit: int = 30) -> list[Subject]:
    """Consultations to choose from on the page: open ones first, then the latest closed."""
    from linli.engagement.models import Project
    from linli.meetings.models import Training
    from linli.surveys.models import Survey
    from linli.votes.models import Vote

    found: list[Any] = []
    for pk in Survey.objects.filter(community=community, status=Survey.Status.PUBLISHED)[
        :limit
    ].values_list("pk", flat=True):
        found.append(_survey(community, pk))
    for pk in Vote.objects.filter(community=community, status=Vote.Status.PUBLISHED)[
        :limit
    ].values_list("pk", flat=True):
        found.append(_vote(community, pk))
    for pk in (
        Project.objects.filter(community=community)
        .exclude(status=Project.Status.PLANNING)
        .order_by("-pk")[:limit]
        .values_list("pk", flat=True)
    ):
        found.append(_project(community, pk))
    for pk in (
        Training.objects.filter(community=community)
        .order_by("-pk")[:limit]
        .values_list("pk", flat=True)
    ):
        found.append(_training(community, pk))
    return sorted(found, key=lambda s: (not s.is_open, s.kind, s.title))
