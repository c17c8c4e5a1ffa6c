"""What insights stores: census-style population margins, the flags raised when a group is
under-reached in an open consultation, and what staff did about each flag.

Everything else is computed from the household roster and the participation ledger when read."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Dimension(models.TextChoices):
    """What a population can be divided by. The first two come from the household roster (counted
    in households); the others from imported margins (counted in people)."""

    AREA = "area", _("courtyard or estate")
    HOUSING_TYPE = "housing_type", _("type of housing")
    AGE_BAND = "age_band", _("age")
    GENDER = "gender", _("gender")
    LANGUAGE = "language", _("language spoken")
    DISABILITY = "disability", _("disability")
    TENURE = "tenure", _("tenure")


ROSTER_DIMENSIONS = (Dimension.AREA, Dimension.HOUSING_TYPE)
MARGIN_DIMENSIONS = (
    Dimension.AGE_BAND,
    Dimension.GENDER,
    Dimension.LANGUAGE,
    Dimension.DISABILITY,
    Dimension.TENURE,
)


class Margin(models.Model):
    """How many people of one group live in the community (or one courtyard of it), from a
    census-style table imported by staff."""

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="insight_margins"
    )
    # The courtyard the count is for; empty for the community as a whole.
    area = models.ForeignKey(
        "core.Place", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    group = models.CharField(_("group"), max_length=20)
    people = models.PositiveIntegerField(pgettext_lazy("a count", "people"))
    source = models.CharField(_("source"), max_length=120, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("population margin")
        verbose_name_plural = _("population margins")
        ordering: ClassVar[list[str]] = ["dimension", "group"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["community", "area", "dimension", "group"],
                condition=models.Q(area__isnull=False),
                name="insights_margin_once_per_area",
            ),
            models.UniqueConstraint(
                fields=["community", "dimension", "group"],
                condition=models.Q(area__isnull=True),
                name="insights_margin_once_for_all",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.group}: {self.people}"


class Flag(models.Model):
    """A group taking part at less than the chosen share of the best-reached group's rate, in a
    consultation that is still open. Raised once by the daily sweep; re-measured afterwards."""

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="insight_flags"
    )
    subject = models.CharField(max_length=60)  # e.g. "survey:12", "project:3" (see subjects.py)
    subject_title = models.CharField(max_length=200)
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    group = models.CharField(max_length=60)
    ratio_when_raised = models.FloatField()
    raised_at = models.DateTimeField(default=timezone.now)
    ratio_now = models.FloatField(null=True, blank=True)
    measured_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("under-reached group")
        verbose_name_plural = _("under-reached groups")
        ordering: ClassVar[list[str]] = ["-raised_at"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["community", "subject", "dimension", "group"], name="insights_flag_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.dimension}={self.group}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class FollowUp(models.Model):
    """One thing staff did about a flag: letters printed, a call list taken, a message sent."""

    class Kind(models.TextChoices):
        LETTERS = "letters", _("invitation letters printed")
        CALL_LIST = "call_list", _("call list taken")
        MESSAGE = "message", _("message sent")
        VISITS = "visits", _("home visits")
        OTHER = "other", _("other")

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("what was done"), max_length=12, choices=Kind.choices)
    households = models.PositiveIntegerField(_("households reached"), default=0)
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)
    # The flag's ratio when this was done, so the page shows whether the gap closed afterwards.
    ratio_before = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering: ClassVar[list[str]] = ["-done_at"]

    def __str__(self) -> str:
        return f"{self.kind} on flag {self.flag_id}"


class DailyCheck(models.Model):
    """When the sweep last measured a community's open consultations (it does so once a day)."""

    community = models.OneToOneField(
        "core.Community", on_delete=models.CASCADE, related_name="insight_check"
    )
    checked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"checked {self.community_id} at {self.checked_at:%Y-%m-%d}"


class HomeVisit(models.Model):
    """A visit to a household by staff or a resident leader (入户走访): what they heard, what is
    to be followed up, and whether someone there could lead."""

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="home_visits"
    )
    household = models.ForeignKey(
        "core.Household", on_delete=models.CASCADE, related_name="home_visits"
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    visited_on = models.DateField(_("visited on"), default=timezone.localdate)
    resident = models.ForeignKey(
        "core.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resident spoken with"),
    )
    concerns = models.TextField(_("concerns raised"), blank=True)
    follow_ups = models.TextField(_("to follow up"), blank=True)
    possible_leader = models.BooleanField(_("could become a resident leader"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        ordering: ClassVar[list[str]] = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"visit to {self.household_id} on {self.visited_on}"


class LeaderCandidate(models.Model):
    """A resident on the way to leading: suggested from the ledger or a home visit, then invited,
    joined a team, trained, leading."""

    class Stage(models.TextChoices):
        INVITED = "invited", _("invited")
        JOINED_TEAM = "joined_team", _("joined a team")
        TRAINED = "trained", _("trained")
        LEADING = "leading", _("leading")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="leader_candidates"
    )
    member = models.OneToOneField(
        "core.Member", on_delete=models.CASCADE, related_name="leader_candidacy"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("leader candidate")
        verbose_name_plural = _("leader candidates")
        ordering: ClassVar[list[str]] = ["stage", "member__name"]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.stage}"


class RepeatedQuestion(models.Model):
    """The same question asked in two surveys - before and after a project, or a year apart -
    chosen by an organiser. The figures page, the annual report and satisfaction targets show
    the share at the top of each with its interval and the change between them, weighted to the
    population baselines when a weighting is chosen. Choosing one publishes it (suppressed)."""

    class Weighting(models.TextChoices):
        NONE = "", _("not weighted")
        RAKE = "rake", _("raking to courtyards, age and gender")
        POSTSTRATIFY = "poststratify", _("post-stratification by courtyard")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="repeated_questions"
    )
    before = models.ForeignKey(
        "surveys.Question",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("question asked before"),
    )
    after = models.ForeignKey(
        "surveys.Question",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("the same question asked after"),
    )
    weighting = models.CharField(
        _("weighting"), max_length=12, choices=Weighting.choices, blank=True, default=""
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("repeated survey question")
        verbose_name_plural = _("repeated survey questions")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.before_id} -> {self.after_id}"


class ProjectTarget(models.Model):
    """One of an engagement project's 3 to 5 targets, with its baseline, set while the project is
    planned; the actual value is computed when it closes."""

    class Kind(models.TextChoices):
        HOUSEHOLD_SHARE = "household_share", _("share of households taking part")
        NEW_LEADERS = "new_leaders", _("new resident leaders")
        SATISFACTION = "satisfaction", _("satisfaction (a repeated survey question)")

    project = models.ForeignKey(
        "engagement.Project", on_delete=models.CASCADE, related_name="insight_targets"
    )
    kind = models.CharField(_("what is measured"), max_length=16, choices=Kind.choices)
    baseline = models.FloatField(_("baseline"))
    target = models.FloatField(_("target"))
    question = models.ForeignKey(
        "surveys.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("survey question"),
    )
    repeated = models.ForeignKey(
        RepeatedQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
        verbose_name=_("before and after (a repeated question)"),
    )
    actual = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("project target")
        verbose_name_plural = _("project targets")
        ordering: ClassVar[list[str]] = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} for project {self.project_id}"

    @property
    def met(self) -> bool | None:
        if self.actual is None:
            return None
        return (
            self.actual >= self.target
            if self.target >= self.baseline
            else self.actual <= self.target
        )
