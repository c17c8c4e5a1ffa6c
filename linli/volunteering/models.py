"""Volunteer teams, their activities and shifts, who signs up and comes, the hours they give (and
how those hours are verified or corrected), the impact of each activity and the milestones residents
reach (seed 003: a 40-person garden guard and mural teams; seed 004: a 30-person vegetable garden
team; seed 001 parts 4 and 6: volunteer programmes and 志愿服务时长)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# checkin_code is named by the migrations as this module's attribute.
from linli.core.waitlist import HeldPlace, checkin_code


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Team(models.Model):
    class Joining(models.TextChoices):
        OPEN = "open", _("open: any resident can join")
        APPROVAL = "approval", _("by approval of a team leader")
        INVITATION = "invitation", _("by invitation only")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="volunteer_teams"
    )
    name = models.CharField(_("team name"), max_length=100)
    purpose = models.TextField(_("what the team does"))
    joining = models.CharField(
        _("how to join"), max_length=10, choices=Joining.choices, default=Joining.OPEN
    )
    skills_wanted = models.TextField(
        _("skills wanted"), blank=True, help_text=_("One skill per line, e.g. pruning, painting.")
    )
    area = models.ForeignKey(
        "core.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("courtyard or estate"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering: ClassVar[list[str]] = ["name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["community", "name"], name="team_name_once")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("volunteering:team", args=[self.community.slug, self.pk])

    @property
    def skill_list(self) -> list[str]:
        return lines(self.skills_wanted)


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("team leader")
        MEMBER = "member", _("team member")

    class Status(models.TextChoices):
        ACTIVE = "active", _("in the team")
        PENDING = "pending", _("asked to join")
        INVITED = "invited", _("invited")
        DECLINED = "declined", _("not accepted")
        LEFT = "left", _("left the team")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        "core.Member", on_delete=models.CASCADE, related_name="volunteer_teams"
    )
    role = models.CharField(
        pgettext_lazy("volunteering", "role"),
        max_length=8,
        choices=Role.choices,
        default=Role.MEMBER,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    skills = models.CharField(_("my skills"), max_length=200, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["role", "member__name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["team", "member"], name="team_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.team}"

    @property
    def community(self) -> Any:
        """The community permissions are asked in."""
        return self.team.community

    @property
    def is_leader(self) -> bool:
        return self.status == self.Status.ACTIVE and self.role == self.Role.LEADER


class Schedule(models.Model):
    """A recurring shift, e.g. every Saturday 8:00-10:00 until the end of the year."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="schedules")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what we do"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    every_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    starts_on = models.DateField(_("first day"))
    until = models.DateField(_("last day"))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    skills_needed = models.CharField(_("skills needed"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["weekday", "start_time"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="schedule_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(until__gte=models.F("starts_on")), name="schedule_until_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def community(self) -> Any:
        """The community permissions are asked in."""
        return self.team.community


class Activity(models.Model):
    """One shift or one-off activity with a time, a place and a number of places."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("open for sign-up")
        CANCELLED = "cancelled", _("cancelled")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="activities")
    schedule = models.ForeignKey(
        Schedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    project = models.ForeignKey(
        "engagement.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_activities",
        verbose_name=_("engagement project"),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what we do"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    skills_needed = models.CharField(_("skills needed"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering: ClassVar[list[str]] = ["starts_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="activity_capacity_positive",
            ),
            # Regenerating a schedule can never make the same shift twice.
            models.UniqueConstraint(
                fields=["team", "schedule", "starts_at"],
                condition=Q(schedule__isnull=False),
                name="one_shift_per_schedule_start",
            ),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["team", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:activity", args=[self.team.community.slug, self.pk])

    @property
    def community(self) -> Any:
        """The community permissions are asked in."""
        return self.team.community

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def length_hours(self) -> Decimal:
        """The shift's length in half hours, the unit hours are counted in."""
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return Decimal(max(1, round(seconds / 1800))) / 2


class SignUp(HeldPlace):
    """A resident's place at a shift, or their place on its waiting list (the queue itself is
    ``linli.core.waitlist``)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    member = models.ForeignKey(
        "core.Member", on_delete=models.CASCADE, related_name="volunteer_signups"
    )
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)

    class Meta(HeldPlace.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["activity", "member"], name="signed_up_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.activity}"

    @property
    def community(self) -> Any:
        """The community permissions are asked in."""
        return self.activity.community


class Hours(models.Model):
    """Hours given at one activity by one resident: claimed, then verified or declined."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("waiting for verification")
        VERIFIED = "verified", _("verified")
        DECLINED = "declined", _("declined")

    class Source(models.TextChoices):
        SELF = "self", _("logged by the volunteer")
        LEADER = "leader", _("logged by the team leader")
        PAPER = "paper", _("from a paper sign-in sheet")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="hours")
    member = models.ForeignKey(
        "core.Member", on_delete=models.CASCADE, related_name="volunteer_hours"
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CLAIMED
    )
    source = models.CharField(_("logged"), max_length=8, choices=Source.choices)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        ordering: ClassVar[list[str]] = ["-activity__starts_at", "member__name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["activity", "member"], name="hours_once_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.hours}h @ {self.activity}"

    @property
    def community(self) -> Any:
        """The community permissions are asked in."""
        return self.activity.community


class Correction(models.Model):
    """A volunteer asks to change recorded hours; the leader accepts or declines. The hours row
    changes only on acceptance, and this row stays as the history."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the leader")
        ACCEPTED = "accepted", pgettext_lazy("correction", "accepted")
        DECLINED = "declined", _("declined")

    entry = models.ForeignKey(Hours, on_delete=models.CASCADE, related_name="corrections")
    old_hours = models.DecimalField(max_digits=5, decimal_places=1)
    new_hours = models.DecimalField(
        _("correct hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    reason = models.CharField(_("why"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=300, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-requested_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=Q(status="pending"),
                name="one_pending_correction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry}: {self.old_hours} -> {self.new_hours}"

    @property
    def community(self) -> Any:
        """The community permissions are asked in."""
        return self.entry.activity.community


class Impact(models.Model):
    """What an activity achieved, e.g. 12 bags of rubbish, 30 m² painted."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="impacts")
    metric = models.CharField(_("what"), max_length=100, help_text=_("e.g. rubbish collected"))
    amount = models.DecimalField(
        _("how much"), max_digits=10, decimal_places=1, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField(
        pgettext_lazy("measure", "unit"),
        max_length=20,
        help_text=_("e.g. bags, m², trees"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["metric", "id"]

    def __str__(self) -> str:
        return f"{self.metric}: {self.amount} {self.unit}"

    @property
    def community(self) -> Any:
        """The community permissions are asked in."""
        return self.activity.community


class Milestone(models.Model):
    """A resident passed 50/100/250/500 verified hours; kept so each is celebrated once."""

    member = models.ForeignKey(
        "core.Member", on_delete=models.CASCADE, related_name="volunteer_milestones"
    )
    threshold = models.PositiveIntegerField()
    reached_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["threshold"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["member", "threshold"], name="milestone_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.threshold}h"


class Certificate(models.Model):
    """A certificate issued: its code lets anyone check it on the verification page."""

    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=12, unique=True, default=checkin_code)
    period_start = models.DateField()
    period_end = models.DateField()
    total_hours = models.DecimalField(max_digits=8, decimal_places=1)
    issued_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.code
