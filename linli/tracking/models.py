"""A funded project, whatever funded it, and how it is carried out: the team (named in public only
after agreeing), milestones (with the funds released at each, for payment stages), spending with
receipts and photos (before and after the work, where the source shows them so).

Money (docs/decisions.md, "Money"): what people plan with - budgets, awards, costs - is whole
yuan, kept by the source; what was paid on a receipt is integer fen (``amount_fen``), because
receipts have fen and cutting them would lose money."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.uploads import RandomName

# A receipt above ten million yuan is a typing mistake.
MAX_FEN = 10_000_000 * 100


class FundedProject(models.Model):
    """The tracking side of one funded thing: a grant application, a budgeting idea, a contest
    application."""

    community = models.ForeignKey("core.Community", on_delete=models.CASCADE, related_name="+")
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["source_type", "source_id"], name="tracking_one_each")
        ]

    def __str__(self) -> str:
        return str(self.source)


class TeamMember(models.Model):
    """Someone on the project's team: a resident (``member``) or, where the source allows it, a
    person without an account named in free text (``name``). Named on public pages only after
    agreeing: a resident may say so with their own account; for someone without one, whoever
    records them (the lead, staff) records the agreement given in person (``consent_by``)."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="team")
    member = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=80, blank=True)  # as given; else the member's
    task = models.CharField(_("task in the team"), max_length=100, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    # Who recorded an agreement given in person; empty when the person said so themselves (or
    # it was recorded before tracking was shared and nobody noted who).
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["added_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["project", "member"], name="tracking_team_once"),
            models.CheckConstraint(
                condition=models.Q(member__isnull=False) | ~models.Q(name=""),
                name="tracking_team_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shown_name} ({self.task})" if self.task else self.shown_name

    @property
    def shown_name(self) -> str:
        """The name as recorded, or the resident's own."""
        if self.name:
            return self.name
        return self.member.name if self.member is not None else ""

    @property
    def community(self) -> object:
        return self.project.community


class Milestone(models.Model):
    """A step of the work. A payment stage also says the funds released when it is reached
    (``amount``: planned money, whole yuan) and what showed it was (``evidence``)."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=150)
    due = models.DateField(_("due"), null=True, blank=True)
    amount = models.PositiveIntegerField(_("funds released at it (yuan)"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("what shows it is reached"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering: ClassVar[list[str]] = ["due", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def community(self) -> object:
        return self.project.community


class Spending(models.Model):
    """Money paid, with the receipt: integer fen."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="spending")
    category = models.CharField(_("category"), max_length=12, blank=True)  # the source's own
    what = models.CharField(_("what was bought or paid"), max_length=200)
    amount_fen = models.PositiveBigIntegerField(
        _("amount (fen)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_FEN)]
    )
    spent_on = models.DateField(_("date"))
    receipt = models.FileField(
        _("receipt (photo or PDF)"), upload_to=RandomName("tracking/receipts"), blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("spending entry")
        verbose_name_plural = _("spending")
        ordering: ClassVar[list[str]] = ["spent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.what} ¥{self.amount}"

    @property
    def amount(self) -> Decimal:
        """In yuan, to the fen."""
        return Decimal(self.amount_fen) / 100

    @property
    def community(self) -> object:
        return self.project.community


class Photo(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("before")
        AFTER = "after", _("after")

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="photos")
    # Before or after the work, where the source shows them side by side (contests); else empty.
    kind = models.CharField(_("before or after"), max_length=6, choices=Kind.choices, blank=True)
    image = models.ImageField(_("photo"), upload_to=RandomName("tracking/photos"))
    caption = models.CharField(_("caption"), max_length=200)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.caption

    @property
    def community(self) -> object:
        return self.project.community
