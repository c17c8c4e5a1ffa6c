"""Participatory budgeting: a process, the ideas residents bring, the projects on the ballot,
the computed outcome and the tracking of what was funded.

The vote itself is a ``votes.Vote`` (secret ballots, booth, paper batches, change codes): the
process only links to it. A "project" is an idea that passed the feasibility review; it carries
its reviewed cost and, after the vote opens, the ballot option that stands for it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.core.uploads import RandomName

if TYPE_CHECKING:
    from linli.core.models import Community


class Theme(models.TextChoices):
    """Chengdu's five fields of community building, 人文地景产 (seed 004)."""

    PEOPLE = "people", _("people")
    CULTURE = "culture", _("culture")
    PLACE = "place", pgettext_lazy("budget theme", "place")
    LANDSCAPE = "landscape", _("landscape")
    LIVELIHOOD = "livelihood", _("livelihood")


class Process(models.Model):
    class BallotType(models.TextChoices):
        APPROVAL = "approval", _("approval: choose up to k projects")
        KNAPSACK = "knapsack", _("knapsack: choose projects whose total cost fits the budget")
        CUMULATIVE = "cumulative", _("cumulative: share n points among the projects")
        RANKED = "ranked", _("ranked: put projects in order")

    class Rule(models.TextChoices):
        GREEDY_VOTES = "greedy_votes", _("greedy: most votes first")
        GREEDY_PER_COST = "greedy_per_cost", _("greedy: most votes per yuan first")
        MES_COST = "mes_cost", _("Method of Equal Shares (cost utility), completed")
        MES_CARDINALITY = (
            "mes_cardinality",
            _("Method of Equal Shares (one per project), completed"),
        )
        GREEDY_BORDA = "greedy_borda", _("greedy by Borda points (ranked ballots)")
        GREEDY_FIRST = "greedy_first", _("greedy by first preferences (ranked ballots)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="budget_processes"
    )
    project = models.ForeignKey(
        "engagement.Project",
        verbose_name=_("engagement project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_processes",
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what the money is for"), blank=True)
    budget = models.PositiveBigIntegerField(_("total budget (yuan)"))
    project_cap = models.PositiveBigIntegerField(
        _("most one project may cost (yuan)"), null=True, blank=True
    )
    area_cap = models.PositiveBigIntegerField(
        _("most the projects of one courtyard may cost together (yuan)"),
        null=True,
        blank=True,
        help_text=_("The same cap for every courtyard or district in the process."),
    )
    areas = models.ManyToManyField(
        "core.Place",
        verbose_name=_("courtyards or districts taking part"),
        blank=True,
        related_name="budget_processes",
        help_text=_("Their residents may vote. Leave empty for the whole community."),
    )
    ideas_open_at = models.DateTimeField(_("ideas collected from"))
    review_starts_at = models.DateTimeField(_("feasibility review from"))
    vote_opens_at = models.DateTimeField(_("vote opens"))
    vote_closes_at = models.DateTimeField(_("vote closes"))
    implementation_starts_at = models.DateTimeField(_("implementation from"))
    ballot_type = models.CharField(
        _("ballot"), max_length=12, choices=BallotType.choices, default=BallotType.KNAPSACK
    )
    max_choices = models.PositiveSmallIntegerField(
        _("approval: most projects a voter may choose"), null=True, blank=True
    )
    points_total = models.PositiveIntegerField(
        _("cumulative: points each voter shares out"), null=True, blank=True
    )
    max_points_per_option = models.PositiveIntegerField(
        _("cumulative: most points on one project"), null=True, blank=True
    )
    rule = models.CharField(
        _("how the funded projects are found"),
        max_length=20,
        choices=Rule.choices,
        default=Rule.MES_COST,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reviewers = models.ManyToManyField(
        "core.Member",
        verbose_name=_("feasibility reviewers"),
        blank=True,
        related_name="budget_reviews",
        help_text=_("Residents or partner experts who may review ideas, besides the staff."),
    )
    vote = models.OneToOneField(
        "votes.Vote",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_process",
    )
    # Set when the process came from a pabulib file: its ballots have no roll entries.
    imported_from = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("budget process")
        verbose_name_plural = _("budget processes")
        ordering: ClassVar[list[str]] = ["-vote_opens_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(review_starts_at__gte=models.F("ideas_open_at"))
                & models.Q(vote_opens_at__gte=models.F("review_starts_at"))
                & models.Q(vote_closes_at__gt=models.F("vote_opens_at"))
                & models.Q(implementation_starts_at__gte=models.F("vote_closes_at")),
                name="budget_phases_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:detail", args=[self.community.slug, self.pk])

    PHASES: ClassVar[list[str]] = [
        "upcoming",
        "ideas",
        "review",
        "vote",
        "results",
        "implementation",
    ]

    @property
    def phase(self) -> str:
        """Where the process stands by its dates (a draft is "draft" whatever the date)."""
        if self.status == self.Status.DRAFT:
            return "draft"
        now = timezone.now()
        if now < self.ideas_open_at:
            return "upcoming"
        if now < self.review_starts_at:
            return "ideas"
        if now < self.vote_opens_at:
            return "review"
        if now < self.vote_closes_at:
            return "vote"
        if now < self.implementation_starts_at:
            return "results"
        return "implementation"

    @property
    def phase_label(self) -> str:
        labels = {
            "draft": _("draft, not yet published"),
            "upcoming": _("starts soon"),
            "ideas": _("collecting ideas"),
            "review": _("feasibility review"),
            "vote": pgettext_lazy("budget phase", "vote"),
            "results": _("results"),
            "implementation": _("implementation"),
        }
        return str(labels[self.phase])

    def phase_reached(self, name: str) -> bool:
        phase = self.phase
        return phase != "draft" and self.PHASES.index(phase) >= self.PHASES.index(name)


class SubBudget(models.Model):
    """Money set aside for the projects of one courtyard/district or one theme."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="sub_budgets")
    area = models.ForeignKey(
        "core.Place",
        verbose_name=_("courtyard or district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    theme = models.CharField(_("theme"), max_length=12, choices=Theme.choices, blank=True)
    amount = models.PositiveBigIntegerField(_("at most (yuan)"))

    class Meta:
        verbose_name = _("sub-budget")
        verbose_name_plural = _("sub-budgets")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(models.Q(area__isnull=False) & models.Q(theme=""))
                | (models.Q(area__isnull=True) & ~models.Q(theme="")),
                name="sub_budget_area_or_theme",
            )
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def group(self) -> str:
        return f"area:{self.area_id}" if self.area_id else f"theme:{self.theme}"

    @property
    def label(self) -> str:
        return self.area.name if self.area else str(self.get_theme_display())


class Idea(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        FEASIBLE = "feasible", _("feasible: on the ballot")
        REJECTED = "rejected", _("not feasible")
        MERGED = "merged", _("merged into another idea")

    class Work(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("what and why"))
    area = models.ForeignKey(
        "core.Place",
        verbose_name=_("courtyard or district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.CharField(_("where exactly"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=12, choices=Theme.choices, blank=True)
    estimated_cost = models.PositiveBigIntegerField(
        _("your estimate of the cost (yuan)"), null=True, blank=True
    )
    photo = models.ImageField(_("photo"), upload_to=RandomName("budgeting/ideas"), blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("brought in from the proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_ideas",
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    # --- the feasibility review (public) ---
    cost = models.PositiveBigIntegerField(_("costed estimate (yuan)"), null=True, blank=True)
    cost_reason = models.CharField(
        _("why the cost changed"), max_length=300, blank=True, help_text=_("Shown publicly.")
    )
    review_note = models.TextField(
        _("review: public reason"), blank=True, help_text=_("Required when the idea is rejected.")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # --- one appeal by the author ---
    appeal_text = models.TextField(_("appeal"), blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_answer = models.TextField(_("answer to the appeal"), blank=True)
    appeal_upheld = models.BooleanField(null=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    # --- on the ballot and after ---
    option = models.OneToOneField(
        "votes.Option", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pabulib_id = models.CharField(max_length=40, blank=True)
    owner = models.ForeignKey(
        "core.Member",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_budget_projects",
    )
    owner_partner = models.ForeignKey(
        "core.Partner",
        verbose_name=_("owner (partner)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    work = models.CharField(
        _("implementation"), max_length=12, choices=Work.choices, default=Work.NOT_STARTED
    )
    final_note = models.TextField(_("what was done"), blank=True)
    final_photo = models.ImageField(
        _("photo of the result"), upload_to=RandomName("budgeting/done"), blank=True
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Its team, milestones and spending with receipts (linli.tracking), once funded.
    tracked = GenericRelation(
        "tracking.FundedProject", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:idea", args=[self.process.community.slug, self.pk])

    @property
    def community(self) -> Community:
        """The process's community: the one its permissions are asked in."""
        return self.process.community

    @property
    def key(self) -> str:
        """The project id the rules and the .pb file know."""
        return self.pabulib_id or str(self.pk)

    @property
    def groups(self) -> list[str]:
        found = []
        if self.area_id:
            found.append(f"area:{self.area_id}")
        if self.theme:
            found.append(f"theme:{self.theme}")
        return found

    @property
    def may_appeal(self) -> bool:
        return self.status == self.Status.REJECTED and self.appealed_at is None


class Outcome(models.Model):
    """The funded projects as the process's rule computed them from the sealed ballots."""

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="outcome")
    rule = models.CharField(max_length=20)
    ballots = models.PositiveIntegerField(default=0)
    # rules.Outcome.as_dict() plus {"tie_break": ...}
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.process} · {self.rule}"

    @property
    def selected(self) -> list[str]:
        return list(self.data.get("selected", []))


class Update(models.Model):
    """A public line on the process page: a milestone done, money spent, a project finished.
    Stored as facts and put into words when shown, in the reader's language."""

    class Kind(models.TextChoices):
        MILESTONE = "milestone", _("milestone done")
        SPENDING = "spending", _("money spent")
        DONE = "done", _("project done")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    detail = models.CharField(max_length=200, blank=True)
    amount_fen = models.PositiveBigIntegerField(null=True, blank=True)  # money paid: fen
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        from .explain import update_text

        return update_text(self.kind, self.idea.title, self.detail, self.amount)

    @property
    def amount(self) -> Decimal | None:
        """In yuan, to the fen."""
        return None if self.amount_fen is None else Decimal(self.amount_fen) / 100
