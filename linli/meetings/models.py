"""Meetings and events, who registered and what they need to take part, check-in, minutes with
decisions and action items, and training series for resident leaders."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# checkin_code is named by the migrations as this module's attribute.
from linli.core.waitlist import HeldPlace, checkin_code  # noqa: F401

from .entered import Entered


def secret_token() -> str:
    return secrets.token_urlsafe(24)


class Training(models.Model):
    """A series of sessions for resident leaders (capacity building, seed 001 part 4)."""

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what it is about"), blank=True)
    skills = models.TextField(
        _("skills gained"),
        blank=True,
        help_text=_("One skill per line, e.g. chairing a meeting, mediation, project budgeting."),
    )
    sessions_required = models.PositiveSmallIntegerField(
        _("sessions needed to complete"),
        default=1,
        help_text=_("A resident completes the training after attending this many sessions."),
    )
    project = models.ForeignKey(
        "engagement.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
        verbose_name=_("engagement project"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:training", args=[self.community.slug, self.pk])

    @property
    def skill_list(self) -> list[str]:
        return [line.strip() for line in self.skills.splitlines() if line.strip()]


class Meeting(models.Model):
    class Kind(models.TextChoices):
        TOWN_HALL = "town_hall", _("town hall")
        BRIEFING = "briefing", _("briefing (宣讲会)")
        COURTYARD = "courtyard", _("courtyard meeting (坝坝会)")
        WORKSHOP = "workshop", _("workshop")
        SITE_VISIT = "site_visit", _("site visit (参访)")
        TRAINING = "training", _("training session")
        TEAM = "team", _("team meeting")
        HEARING = "hearing", _("public hearing (听证会)")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("in person and online")

    class Registration(models.TextChoices):
        OPEN = "open", _("open to every resident")
        INVITATION = "invitation", _("by invitation only")
        NONE = "none", _("no registration: just come")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="meetings"
    )
    project = models.ForeignKey(
        "engagement.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("engagement project"),
    )
    training = models.ForeignKey(
        Training,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("part of the training"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what it is about"), blank=True)
    format = models.CharField(
        _("in person or online"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    area = models.ForeignKey(
        "core.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("courtyard or estate"),
    )
    map_url = models.URLField(_("map link"), blank=True)
    venue_access = models.TextField(
        _("access to the venue"),
        blank=True,
        help_text=_("Steps, ramps, toilets, seating, hearing loop: what a visitor should know."),
    )
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to people who registered."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    registration = models.CharField(
        _("registration"), max_length=12, choices=Registration.choices, default=Registration.OPEN
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering: ClassVar[list[str]] = ["starts_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="meeting_capacity_positive",
            ),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["community", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.community.slug, self.pk])

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def in_person(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def takes_registrations(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.registration != self.Registration.NONE
            and self.starts_at > timezone.now()
        )


class Invitation(models.Model):
    """A person invited to an invitation-only meeting (e.g. 12 resident leaders to a site visit)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["meeting", "member"], name="invited_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.meeting}"


class Registration(HeldPlace, Entered):
    """A resident's place at a meeting, or their place on its waiting list (the queue itself is
    ``linli.core.waitlist``)."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        SPEAKER = "speaker", _("speaker")
        FACILITATOR = "facilitator", _("facilitator")

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PHONE = "phone", _("by phone, entered by staff")
        IN_PERSON = "in_person", _("in person, entered by staff")
        WALK_IN = "walk_in", _("walk-in at the door")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        "core.Member", on_delete=models.CASCADE, related_name="meeting_registrations"
    )
    role = models.CharField(
        _("role at the meeting"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT
    )
    # Walk-ins too, besides ``Entered``'s channels.
    channel = models.CharField(
        _("registered"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    attended_online = models.BooleanField(_("took part online"), default=False)
    reminded_2h_at = models.DateTimeField(null=True, blank=True)

    class Meta(HeldPlace.Meta):
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["meeting", "member"], name="registered_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.meeting}"

    @property
    def community(self) -> Any:
        """The community permissions are asked in: the meeting's."""
        return self.meeting.community


class Accommodation(models.Model):
    """Something a registrant needs to take part, which the organiser arranges."""

    class Kind(models.TextChoices):
        INTERPRETER = "interpreter", _("interpreter")
        SIGN_LANGUAGE = "sign_language", _("sign language interpreter")
        WHEELCHAIR = "wheelchair", _("wheelchair access")
        LARGE_PRINT = "large_print", _("large print")
        CHILDCARE = "childcare", _("childcare")
        TRANSPORT = "transport", _("transport")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="accommodations"
    )
    kind = models.CharField(_("need"), max_length=14, choices=Kind.choices)
    # The interpreter's language, or the children's ages, or a pick-up address.
    detail = models.CharField(_("details"), max_length=200, blank=True)
    arranged_at = models.DateTimeField(_("arranged"), null=True, blank=True)
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["kind", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_request_per_need")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"

    @property
    def community(self) -> Any:
        return self.registration.meeting.community

    @property
    def is_arranged(self) -> bool:
        return self.arranged_at is not None


class Minutes(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))
    summary = models.TextField(_("what was said"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("One decision per line."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"minutes of {self.meeting}"

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(_("what is to be done"), max_length=300)
    owner = models.ForeignKey(
        "core.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_actions",
        verbose_name=_("who does it"),
    )
    owner_name = models.CharField(_("or the name of a team or partner"), max_length=100, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering: ClassVar[list[str]] = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def community(self) -> Any:
        return self.meeting.community

    @property
    def who(self) -> str:
        return self.owner.name if self.owner else self.owner_name

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != self.Status.DONE
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class CalendarFeed(models.Model):
    """A secret address for one resident's calendar of meetings they registered for."""

    member = models.OneToOneField(
        "core.Member", on_delete=models.CASCADE, related_name="meeting_calendar"
    )
    token = models.CharField(max_length=40, unique=True, default=secret_token)

    def __str__(self) -> str:
        return f"calendar of {self.member}"


# Public hearings live in their own file; imported here so Django finds their models.
from .hearing_models import Hearing, Speaker, Testimony  # noqa: E402, F401
