"""Contests run by a review board (评审会, a ``governance`` body): rubric, applications, scoring, public notice
(公示, disclosure's: ``publicity.py``), awards against milestones, acceptance inspection (验收) and the showcase. An
application's team, photos and milestones are linli.tracking's (``tracked.py``)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core.uploads import RandomName
from linli.disclosure.period import MAX_DAYS as NOTICE_MAX_DAYS
from linli.disclosure.period import MIN_DAYS as NOTICE_MIN_DAYS

# --- Contests and rubric ------------------------------------------------------------------


class Contest(models.Model):
    class Stage(models.TextChoices):
        DRAFT = "draft", _("rules being drafted")
        OPEN = "open", _("rules adopted, applications")
        SCORING = "scoring", _("scoring")
        NOTICE = "notice", _("public notice")
        FINAL = "final", _("result final, work under way")
        DONE = "done", _("finished")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="contests"
    )
    body = models.ForeignKey(  # the 评审会 that decides the contest: a governance body
        "governance.Body",
        verbose_name=_("review board"),
        on_delete=models.PROTECT,
        related_name="contests",
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what the contest is for"))
    eligibility = models.TextField(_("who may apply"), blank=True)
    areas = models.ManyToManyField(
        "core.Place",
        verbose_name=_("courtyards and estates that may apply"),
        blank=True,
        related_name="contests",
        help_text=_("Leave empty to let every courtyard apply."),
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    scoring_deadline = models.DateTimeField(_("scoring ends"))
    budget = models.DecimalField(
        _("budget for awards (yuan)"),
        max_digits=10,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    funds_rules = models.TextField(_("how the funds are used"), blank=True)
    min_signatures = models.PositiveSmallIntegerField(_("supporting households needed"), default=0)
    notice_days = models.PositiveSmallIntegerField(  # the 公示's, as disclosure allows them
        _("days of public notice"),
        default=7,
        validators=[MinValueValidator(NOTICE_MIN_DAYS), MaxValueValidator(NOTICE_MAX_DAYS)],
    )
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.DRAFT)
    rubric_adopted_at = models.DateTimeField(null=True, blank=True)
    ranking_adopted_at = models.DateTimeField(null=True, blank=True)
    ranking = models.JSONField(default=list, blank=True)  # the adopted ranking, frozen
    finalised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering: ClassVar[list[str]] = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:contest", args=[self.community.slug, self.pk])


class Criterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    description = models.TextField(_("what it looks at"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    low = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    high = models.PositiveSmallIntegerField(_("highest score"), default=10)
    levels = models.TextField(
        _("levels"),
        blank=True,
        help_text=_("One level per line, e.g. “9-10: residents designed it together”."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering: ClassVar[list[str]] = ["contest", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def level_lines(self) -> list[str]:
        return [line.strip() for line in self.levels.splitlines() if line.strip()]

    @property
    def community(self) -> Any:
        """The contest's community: where permissions on it are asked."""
        return self.contest.community


class RubricComment(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rubric_comments")
    criterion = models.ForeignKey(
        Criterion, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment on the rubric")
        verbose_name_plural = _("comments on the rubric")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class AwardTier(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="tiers")
    name = models.CharField(_("award"), max_length=60)
    rank_from = models.PositiveSmallIntegerField(_("from rank"), validators=[MinValueValidator(1)])
    rank_to = models.PositiveSmallIntegerField(_("to rank"), validators=[MinValueValidator(1)])
    amount = models.DecimalField(
        _("amount each (yuan)"), max_digits=10, decimal_places=0, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering: ClassVar[list[str]] = ["contest", "rank_from"]

    def __str__(self) -> str:
        return self.name

    @property
    def community(self) -> Any:
        """The contest's community: where permissions on it are asked."""
        return self.contest.community


# --- Applications -------------------------------------------------------------------------


class Application(models.Model):
    class Inspection(models.TextChoices):
        NONE = "", _("not inspected")
        PASS = "pass", _("passed")
        FIX = "fix", _("to fix, then inspected again")
        FAIL = "fail", _("failed")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="applications")
    area = models.ForeignKey(
        "core.Place",
        verbose_name=_("courtyard or estate"),
        on_delete=models.PROTECT,
        related_name="contest_applications",
    )
    applicant = models.ForeignKey(
        "core.Member", on_delete=models.PROTECT, related_name="contest_applications"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("the place today and the idea"))
    plan = models.TextField(_("plan: steps, who does what, when"))
    team = models.TextField(_("the team and partners"), blank=True)
    budget = models.DecimalField(
        _("budget asked (yuan)"),
        max_digits=10,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    award_name = models.CharField(max_length=60, blank=True)
    award_amount = models.DecimalField(max_digits=10, decimal_places=0, null=True, blank=True)
    inspection = models.CharField(max_length=4, choices=Inspection.choices, blank=True)
    showcase_text = models.TextField(_("story for the showcase"), blank=True)
    # Its team, photos and milestones with the funds released at each (linli.tracking).
    tracked = GenericRelation(
        "tracking.FundedProject", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering: ClassVar[list[str]] = ["contest", "submitted_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "reviews:application", args=[self.contest.community.slug, self.contest_id, self.pk]
        )

    @property
    def community(self) -> Any:
        """The contest's community: where permissions on it are asked."""
        return self.contest.community

    @property
    def crew(self) -> QuerySet[Any]:
        """The team (tracking's rows, each with its ``member`` or none): governance finds the
        board members who stand aside on the application among them."""
        from linli.tracking import queries

        return queries.team(self)


class Signature(models.Model):
    """A household supporting an application: online by a resident, or copied from the paper
    sheet by a leader. One per household and application."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("paper sheet")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="signatures"
    )
    household = models.ForeignKey("core.Household", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(_("name of the signer"), max_length=80)
    channel = models.CharField(max_length=6, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supporting household")
        verbose_name_plural = _("supporting households")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["application", "household"], name="one_signature_per_household"
            )
        ]

    def __str__(self) -> str:
        return self.signer_name


# --- Scoring ------------------------------------------------------------------------------


class ScoreSheet(models.Model):
    """A member's signed paper score sheet for one application, copied in by the board's secretary
    (or another officer): the scores it carries are marked as entered for the member."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="score_sheets"
    )
    reviewer = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    image = models.ImageField(
        _("photo of the signed sheet"), upload_to=RandomName("reviews/sheets")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paper score sheet")
        verbose_name_plural = _("paper score sheets")
        ordering: ClassVar[list[str]] = ["application", "entered_at", "pk"]

    def __str__(self) -> str:
        return f"{self.reviewer} / {self.application}"


class Score(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))
    reason = models.CharField(_("reason"), max_length=500)
    sheet = models.ForeignKey(  # set when the secretary entered it from the member's paper sheet
        ScoreSheet, null=True, blank=True, on_delete=models.PROTECT, related_name="scores"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["application", "criterion", "reviewer"], name="one_score_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.value}"


# --- Funds and inspection -----------------------------------------------------------------


INSPECTION_DECISIONS = [(value, label) for value, label in Application.Inspection.choices if value]


class InspectionVisit(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="inspections"
    )
    decision = models.CharField(
        _("decision"),
        max_length=4,
        choices=INSPECTION_DECISIONS,
    )
    checklist = models.JSONField(default=list)  # [{"criterion": name, "met": bool, "note": str}]
    notes = models.TextField(_("notes"), blank=True)
    recheck_by = models.DateField(_("inspect again by"), null=True, blank=True)
    inspected_by = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    inspected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acceptance inspection")
        verbose_name_plural = _("acceptance inspections")
        ordering: ClassVar[list[str]] = ["application", "inspected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.decision}"
