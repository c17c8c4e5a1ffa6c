"""Standing resident bodies (评审会, 院落自治小组, 居民议事会, 业委会, 社区监督委员会...): their charter,
seats and officers, motions decided online or on paper, and the conflicts that make a member stand
aside.

Nothing here is deleted: a seat that ends, a charter that is amended and a motion that fails all
stay as the body's history."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Body(models.Model):
    class Kind(models.TextChoices):
        REVIEW_BOARD = "review_board", _("review board (评审会)")
        COURTYARD_GROUP = "courtyard_group", _("courtyard self-governance group (院落自治小组)")
        RESIDENTS_COUNCIL = "residents_council", _("residents' council (居民议事会)")
        OWNERS_COMMITTEE = "owners_committee", _("owners' committee (业委会)")
        SUPERVISION = "supervision", _("supervision committee (社区监督委员会)")
        RESIDENTS_COMMITTEE = "residents_committee", _("residents' committee (居委会)")
        OTHER = "other", pgettext_lazy("kind of body", "other")

    community = models.ForeignKey("core.Community", on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind of body"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        "core.Place",
        verbose_name=_("courtyard or estate it serves"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text=_("Leave empty for a body of the whole community."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resident body")
        verbose_name_plural = _("resident bodies")
        ordering: ClassVar[list[str]] = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", args=[self.community.slug, self.pk])

    @property
    def charter(self) -> Charter:
        """The charter in force: the latest adopted version."""
        return self.charters.order_by("-version").first()  # type: ignore[return-value]


class Majority(models.TextChoices):
    SIMPLE = "simple", _("more votes for than against, of those voting")
    ABSOLUTE = "absolute", _("more than half of the members entitled to vote")
    TWO_THIRDS = "two_thirds", _("two thirds of those voting")


class Constituency(models.TextChoices):
    COURTYARD = "courtyard", _("courtyard or building")
    PARTY = "party", _("party members")
    COMMERCIAL = "commercial", _("shops and commercial estate")
    STAFF = "staff", _("community staff")
    EXPERT = "expert", _("partner expert")
    RESIDENT = "resident", _("residents at large")


class Charter(models.Model):
    """One version of a body's charter. The founding version is set up by the organisers with the
    founding members; every later one is adopted by a motion of the body."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="charters")
    version = models.PositiveSmallIntegerField(default=1)
    purpose = models.TextField(_("purpose"))
    powers = models.TextField(_("what it may decide"), blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% of the members entitled to vote who must be present)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    majority = models.CharField(
        _("majority needed"), max_length=10, choices=Majority.choices, default=Majority.SIMPLE
    )
    term_months = models.PositiveSmallIntegerField(
        _("length of a term (months)"), default=24, validators=[MinValueValidator(1)]
    )
    join_rules = models.TextField(_("how members join"), blank=True)
    leave_rules = models.TextField(_("how members leave"), blank=True)
    courtyard_conflicts = models.BooleanField(
        _("members stand aside on matters of their own courtyard"), default=False
    )
    # {constituency: [fewest, most]} seats; a constituency not named has no limit.
    seat_plan = models.JSONField(default=dict, blank=True)
    adopted_at = models.DateTimeField(auto_now_add=True)
    adopted_by = models.ForeignKey(
        "Motion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        ordering: ClassVar[list[str]] = ["body", "-version"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["body", "version"], name="one_charter_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.body} v{self.version}"

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.body.community


class Office(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", pgettext_lazy("seat on a body", "member")


OFFICERS = (Office.CHAIR, Office.VICE_CHAIR, Office.SECRETARY)


class Seat(models.Model):
    """One term of one person on a body. A member without an account can hold a seat."""

    class Status(models.TextChoices):
        SERVING = "serving", _("serving")
        LEFT = "left", _("left")

    class Left(models.TextChoices):
        RESIGNED = "resigned", _("resigned")
        TERM_ENDED = "term_ended", _("term ended")
        REMOVED = "removed", _("removed by a motion of the body")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="body_seats")
    constituency = models.CharField(_("constituency"), max_length=12, choices=Constituency.choices)
    office = models.CharField(
        _("office"), max_length=12, choices=Office.choices, default=Office.MEMBER
    )
    duties = models.TextField(_("own duties"), blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.SERVING)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    left_at = models.DateTimeField(null=True, blank=True)
    left_how = models.CharField(max_length=12, choices=Left.choices, blank=True)
    left_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seat on a body")
        verbose_name_plural = _("seats on bodies")
        ordering: ClassVar[list[str]] = ["body", "created_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["body", "member"],
                condition=models.Q(status="serving"),
                name="one_serving_seat_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_office_display()})"

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.body.community

    @property
    def is_officer(self) -> bool:
        return self.office in OFFICERS


class Motion(models.Model):
    """A question put to the body: decided by its members online, or at a meeting by a show of
    hands or paper ballot that the secretary records and a second officer confirms."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("a decision in words")
        BUDGET = "budget", _("spending")
        DOCUMENT = "document", _("adopt a document")
        CHARTER = "charter", _("amend the charter")
        ADMIT = "admit", _("admit a member")
        REMOVE = "remove", _("remove a member")
        CONTEST = "contest", _("a contest decision")

    class Method(models.TextChoices):
        ONLINE = "online", _("online vote")
        HANDS = "hands", _("show of hands at a meeting")
        PAPER = "paper", _("paper ballot at a meeting")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RECORDED = "recorded", _("count recorded, waiting for a second officer")
        PASSED = "passed", _("adopted")
        FAILED = "failed", _("not adopted")
        NO_QUORUM = "no_quorum", _("no quorum")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="motions")
    kind = models.CharField(_("kind of motion"), max_length=10, choices=Kind.choices)
    method = models.CharField(_("decided by"), max_length=8, choices=Method.choices)
    title = models.CharField(pgettext_lazy("motion", "question"), max_length=200)
    text = models.TextField(_("text of the decision"), blank=True)
    # What the motion is about, as "app.model" and id; members conflicted with it stand aside.
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.PROTECT, related_name="motions"
    )
    payload = models.JSONField(default=dict, blank=True)  # e.g. the amended charter
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    abstentions = models.PositiveSmallIntegerField(default=0)
    entitled = models.PositiveSmallIntegerField(default=0)  # members entitled to vote
    present = models.ManyToManyField("core.Member", blank=True, related_name="+")
    stood_aside = models.JSONField(default=list, blank=True)  # [{"name", "reason"}] at the close
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering: ClassVar[list[str]] = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:motion", args=[self.body.community.slug, self.pk])

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.body.community

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.PASSED, self.Status.FAILED, self.Status.NO_QUORUM)


class Ballot(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("member's vote on a motion")
        verbose_name_plural = _("members' votes on motions")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["motion", "member"], name="one_ballot_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.choice}"


class Conflict(models.Model):
    """A member of a body stands aside from one matter: declared by the member, or found by
    linli (the applicant, a team member, or the same courtyard where the charter says so)."""

    class Source(models.TextChoices):
        DECLARED = "declared", _("declared by the member")
        APPLICANT = "applicant", _("the member applied")
        TEAM = "team", _("the member is on the team")
        COURTYARD = "courtyard", _("the member lives in that courtyard")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    subject_type = models.CharField(max_length=60)
    subject_id = models.PositiveIntegerField()
    subject_title = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source.choices)
    reason = models.CharField(_("the conflict of interest"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["body", "member", "subject_type", "subject_id"],
                name="one_conflict_per_matter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.subject_title}"

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.body.community


# A body's meetings, agenda and resolutions live beside (kept apart to keep each file short).
from .meeting_models import AgendaItem, BodyMeeting, Resolution  # noqa: E402

__all__ = [
    "OFFICERS",
    "AgendaItem",
    "Ballot",
    "Body",
    "BodyMeeting",
    "Charter",
    "Conflict",
    "Constituency",
    "Majority",
    "Motion",
    "Office",
    "Resolution",
    "Seat",
]
