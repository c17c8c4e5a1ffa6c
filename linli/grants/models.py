"""Community micro-grants (公益创投, seed 004): a call for projects, applications from resident groups
and social organisations, panel scores, awards within the caps, the grant agreement, milestone and
final reports with spending, and the yearly evaluation that continues or ends each project."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from linli.core.models import Community

# Seed 004: at most 100,000 yuan a project and 300,000 a community in a year.
PROJECT_CAP = 100_000
COMMUNITY_CAP = 300_000


class Theme(models.TextChoices):
    """人文地景产, as Chengdu's community-building calls define them (seed 004)."""

    PEOPLE = "people", _("people (人): residents' needs, neighbourly ties, well-being")
    CULTURE = "culture", _("culture (文): shared history, arts, lifelong learning")
    PLACE = "place", _("place (地): the local environment and its character")
    LANDSCAPE = "landscape", _("landscape (景): public spaces and the living environment")
    LIVELIHOOD = "livelihood", _("livelihood (产): local economy run together")


THEME_SHORT = {
    "people": pgettext_lazy("theme", "people"),
    "culture": pgettext_lazy("theme", "culture"),
    "place": pgettext_lazy("theme", "place"),
    "landscape": pgettext_lazy("theme", "landscape"),
    "livelihood": pgettext_lazy("theme", "livelihood"),
}

DEFAULT_CRITERIA = [
    (_("Fit with the community's needs"), 3),
    (_("Resident involvement"), 3),
    (_("Feasibility"), 2),
    (_("Budget soundness"), 1),
    (_("Sustainability"), 1),
]


class Call(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("taking applications")
        REVIEW = "review", _("panel review")
        DECIDED = "decided", _("awards decided")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="grant_calls"
    )
    title = models.CharField(_("title"), max_length=150)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    description = models.TextField(_("description"))
    themes = models.JSONField(_("themes offered"), default=list)
    project_cap = models.PositiveIntegerField(
        _("most for one project (yuan)"),
        default=PROJECT_CAP,
        validators=[MinValueValidator(1), MaxValueValidator(PROJECT_CAP)],
    )
    community_cap = models.PositiveIntegerField(
        _("most for the community this year (yuan)"),
        default=COMMUNITY_CAP,
        validators=[MinValueValidator(1), MaxValueValidator(COMMUNITY_CAP)],
    )
    min_residents = models.PositiveSmallIntegerField(
        _("verified residents a resident group needs"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    ngos_may_apply = models.BooleanField(
        _("registered social organisations may apply"), default=True
    )
    areas = models.ManyToManyField(
        "core.Place",
        blank=True,
        related_name="+",
        verbose_name=_("courtyards and areas where the work may happen"),
        help_text=_("None chosen: anywhere in the community."),
    )
    opens_on = models.DateField(_("applications open"))
    closes_on = models.DateField(_("applications close"))
    review_by = models.DateField(_("panel review ends"))
    award_by = models.DateField(_("awards announced"))
    scale_high = models.PositiveSmallIntegerField(
        _("top score"), default=10, validators=[MinValueValidator(3), MaxValueValidator(100)]
    )
    panel = models.ManyToManyField(
        "core.Member", blank=True, related_name="grant_panels", verbose_name=_("panel members")
    )
    project = models.ForeignKey(
        "engagement.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_calls",
        verbose_name=_("engagement project"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        ordering: ClassVar[list[str]] = ["-year", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:call", args=[self.community.slug, self.pk])

    def theme_labels(self) -> list[str]:
        return [str(THEME_SHORT.get(t, t)) for t in self.themes]

    def awarded_total(self) -> int:
        return int(
            Application.objects.filter(call=self, status=Application.Status.AWARDED).aggregate(
                s=Sum("award_amount")
            )["s"]
            or 0
        )


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def community(self) -> Community:
        """The community its permissions are asked in."""
        return self.call.community


class Application(models.Model):
    class Kind(models.TextChoices):
        GROUP = "group", _("resident group")
        NGO = "ngo", _("registered social organisation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        REVIEW = "review", pgettext_lazy("grant", "under review")
        AWARDED = "awarded", _("awarded")
        DECLINED = "declined", _("not awarded")
        WITHDRAWN = "withdrawn", _("withdrawn")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    lead = models.ForeignKey(
        "core.Member", on_delete=models.PROTECT, related_name="grant_applications"
    )
    kind = models.CharField(_("applying as"), max_length=5, choices=Kind.choices, default="group")
    group_name = models.CharField(_("name of the group or organisation"), max_length=120)
    partner = models.ForeignKey(
        "core.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered social organisation"),
    )
    title = models.CharField(_("project title"), max_length=150)
    theme = models.CharField(_("theme"), max_length=12, choices=Theme.choices)
    area = models.ForeignKey(
        "core.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("where the work happens"),
    )
    goals = models.TextField(_("goals"))
    activities = models.TextField(
        _("activities"), help_text=_("What, when and where: one activity a line.")
    )
    results = models.TextField(
        _("expected results and how you will know"),
        help_text=_("e.g. 20 households take part in planting; a care rota of 10 people."),
    )
    other_funding = models.PositiveIntegerField(
        _("other funding (yuan)"),
        default=0,
        help_text=_("Money or materials from elsewhere: residents, partners, shops."),
    )
    continuation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continuations",
        verbose_name=_("continues last year's project"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    award_amount = models.PositiveIntegerField(_("amount awarded (yuan)"), null=True, blank=True)
    decision_note = models.TextField(_("reason for the decision"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Its team, milestones, spending and photos (linli.tracking), once anything is recorded.
    tracked = GenericRelation(
        "tracking.FundedProject", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering: ClassVar[list[str]] = ["call", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:application", args=[self.call.community.slug, self.pk])

    @property
    def community(self) -> Community:
        """The community its permissions are asked in."""
        return self.call.community

    def requested(self) -> int:
        return sum(line.amount for line in self.budget_lines.all())

    def spent(self) -> Decimal:
        """Yuan (to the fen) on the receipts of the reports the staff accepted."""
        from linli.tracking.models import Spending

        fen = Spending.objects.filter(
            grant_reports__application=self, grant_reports__status=Report.Status.ACCEPTED
        ).aggregate(s=Sum("amount_fen"))["s"]
        return Decimal(fen or 0) / 100


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        MATERIALS = "materials", _("materials and plants")
        ACTIVITIES = "activities", _("activities and events")
        PEOPLE = "people", pgettext_lazy("budget", "teachers and helpers")
        VENUE = "venue", _("venue and equipment")
        PUBLICITY = "publicity", _("printing and publicity")
        OTHER = "other", _("other")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    item = models.CharField(pgettext_lazy("budget line", "item"), max_length=150)
    # No upper bound here: the service compares the whole budget with the call's cap and names it.
    amount = models.PositiveIntegerField(_("amount (yuan)"), validators=[MinValueValidator(1)])

    class Meta:
        ordering: ClassVar[list[str]] = ["pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.amount}"

    @property
    def community(self) -> Community:
        """The community its permissions are asked in: the application's."""
        return self.application.call.community


class Review(models.Model):
    """One panel member's sheet for one application: scores per criterion, a comment, or recusal."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    panelist = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    recused = models.BooleanField(default=False)
    conflict = models.TextField(_("conflict of interest"), blank=True)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["application", "panelist"], name="grant_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.panelist} / {self.application}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        ordering: ClassVar[list[str]] = ["criterion__order", "criterion_id"]  # rubric order
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["review", "criterion"], name="grant_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Agreement(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="agreement"
    )
    duties = models.TextField(_("reporting duties"))
    grantee_name = models.CharField(max_length=80, blank=True)
    grantee_accepted_at = models.DateTimeField(null=True, blank=True)
    organiser_name = models.CharField(max_length=80, blank=True)
    organiser_signed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.application}"

    @property
    def complete(self) -> bool:
        return bool(self.grantee_accepted_at and self.organiser_signed_at)


class Report(models.Model):
    class Kind(models.TextChoices):
        MILESTONE = "milestone", _("milestone report")
        FINAL = "final", _("final report")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for staff")
        ACCEPTED = "accepted", pgettext_lazy("report", "accepted")
        RETURNED = "returned", _("returned with a request")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reports")
    milestone = models.ForeignKey(
        "tracking.Milestone",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("milestone"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    narrative = models.TextField(pgettext_lazy("report", "what happened"))
    activities_held = models.TextField(_("activities held"))
    participants = models.PositiveIntegerField(
        _("people who took part"), validators=[MaxValueValidator(100_000)]
    )
    # The spending lines (with receipts) sent with this report: tracking's, counted once the
    # staff accept the report.
    spending_lines = models.ManyToManyField(
        "tracking.Spending", blank=True, related_name="grant_reports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    staff_note = models.TextField(_("request or note from staff"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.application}"

    @property
    def community(self) -> Community:
        """The community its permissions are asked in."""
        return self.application.call.community


class Evaluation(models.Model):
    """The organiser's yearly evaluation of one project; public, with its reason."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("continue")
        CONDITIONS = "conditions", _("continue with conditions")
        END = "end", _("end")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="evaluation"
    )
    outcome = models.CharField(
        pgettext_lazy("evaluation", "outcome"), max_length=10, choices=Outcome.choices
    )
    conditions = models.TextField(_("conditions"), blank=True)
    reason = models.TextField(_("reason (published)"))
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"
