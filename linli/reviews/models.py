"""Review boards (评审会) and the contests they run: rubric, applications, scoring, public notice
(公示), awards against milestones, acceptance inspection (验收) and the showcase."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.core.uploads import RandomName

# --- The board ----------------------------------------------------------------------------


class Board(models.Model):
    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="review_boards"
    )
    name = models.CharField(_("name"), max_length=100)
    purpose = models.TextField(_("purpose"))
    duties = models.TextField(_("duties of the members"), blank=True)
    join_rules = models.TextField(_("how members join"), blank=True)
    leave_rules = models.TextField(_("how members leave"), blank=True)
    term_months = models.PositiveSmallIntegerField(
        _("length of a term (months)"), default=24, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review board")
        verbose_name_plural = _("review boards")
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:board", args=[self.community.slug, self.pk])


class BoardRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


class Seat(models.Model):
    """One term of one person on the board. Rows are never deleted: they are the history."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for the board's vote")
        ACTIVE = "active", _("serving")
        REJECTED = "rejected", _("not approved")
        LEFT = "left", _("left")

    class Via(models.TextChoices):
        FOUNDING = "founding", _("founding member")
        NOMINATION = "nomination", _("nominated by a member")
        APPLICATION = "application", _("applied")

    class Left(models.TextChoices):
        RESIGNED = "resigned", _("resigned")
        TERM_ENDED = "term_ended", _("term ended")
        REMOVED = "removed", _("removed by a vote of the board")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="board_seats")
    role = models.CharField(
        pgettext_lazy("board", "role"),
        max_length=12,
        choices=BoardRole.choices,
        default=BoardRole.MEMBER,
    )
    duties = models.TextField(_("own duties"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    via = models.CharField(max_length=12, choices=Via.choices)
    statement = models.TextField(_("why they should serve"), blank=True)
    nominated_by = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    left_how = models.CharField(max_length=12, choices=Left.choices, blank=True)
    left_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seat on a board")
        verbose_name_plural = _("seats on boards")
        ordering: ClassVar[list[str]] = ["board", "created_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["board", "member"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="one_open_seat_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"


class Motion(models.Model):
    """A question put to the board; members vote online. It passes with the votes of more than
    half of the members serving when it closes (an absolute majority, not of those present)."""

    class Kind(models.TextChoices):
        ADOPT_RUBRIC = "adopt_rubric", _("adopt the rules and rubric of a contest")
        ADOPT_RANKING = "adopt_ranking", _("adopt the ranking of a contest")
        ADMIT = "admit", _("admit a member")
        REMOVE = "remove", _("remove a member")
        OTHER = "other", _("other decision")

    class Status(models.TextChoices):
        OPEN = "open", _("voting")
        PASSED = "passed", _("adopted")
        FAILED = "failed", _("not adopted")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="motions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("board motion", "question"), max_length=200)
    text = models.TextField(_("text of the decision"), blank=True)
    contest = models.ForeignKey(
        "Contest", null=True, blank=True, on_delete=models.CASCADE, related_name="motions"
    )
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.CASCADE, related_name="motions"
    )
    payload = models.JSONField(default=dict, blank=True)  # e.g. the ranking put to the vote
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    abstentions = models.PositiveSmallIntegerField(default=0)
    serving = models.PositiveSmallIntegerField(default=0)  # members serving when it closed

    class Meta:
        verbose_name = _("board decision")
        verbose_name_plural = _("board decisions")
        ordering: ClassVar[list[str]] = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class MotionVote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("board member's vote")
        verbose_name_plural = _("board members' votes")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["motion", "member"], name="one_board_vote_each")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.choice}"


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
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="contests")
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
    notice_days = models.PositiveSmallIntegerField(
        _("days of public notice"), default=7, validators=[MinValueValidator(1)]
    )
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.DRAFT)
    rubric_adopted_at = models.DateTimeField(null=True, blank=True)
    ranking_adopted_at = models.DateTimeField(null=True, blank=True)
    ranking = models.JSONField(default=list, blank=True)  # the adopted ranking, frozen
    notice_starts_at = models.DateTimeField(null=True, blank=True)
    notice_ends_at = models.DateTimeField(null=True, blank=True)
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


class TeamMember(models.Model):
    """Someone who worked on the project. Named in the showcase only with their consent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="crew")
    member = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=80)
    role = models.CharField(_("what they do"), max_length=100, blank=True)
    credit_consent = models.BooleanField(_("agrees to be named in the showcase"), default=False)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering: ClassVar[list[str]] = ["application", "pk"]

    def __str__(self) -> str:
        return self.name


class Photo(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("before")
        AFTER = "after", _("after")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("before or after"), max_length=6, choices=Kind.choices)
    image = models.ImageField(_("photo"), upload_to=RandomName("reviews/photos"))
    caption = models.CharField(
        _("what the photo shows"),
        max_length=200,
        help_text=_("Read aloud to people who cannot see the photo."),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering: ClassVar[list[str]] = ["application", "kind", "pk"]

    def __str__(self) -> str:
        return self.caption


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


class Recusal(models.Model):
    """A board member's declared conflict of interest: he does not score the application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("the conflict of interest"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["application", "member"], name="one_recusal_each")
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.application}"


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


# --- Public notice ------------------------------------------------------------------------


class Objection(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="objections")
    application = models.ForeignKey(
        Application,
        verbose_name=_("about which application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="objections",
    )
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("your objection and its reason"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("the board's answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.reason[:60]


# --- Funds and inspection -----------------------------------------------------------------


class Milestone(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=150)
    amount = models.DecimalField(
        _("funds released at it (yuan)"),
        max_digits=10,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    evidence = models.TextField(_("what shows it is reached"), blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering: ClassVar[list[str]] = ["application", "pk"]

    def __str__(self) -> str:
        return self.title


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
