"""Proposals residents raise, the support they gather, the deliberation on them, and the answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core.uploads import RandomName

if TYPE_CHECKING:
    from linli.core.models import Community


class ProposalSettings(models.Model):
    """A community's rules for proposals; created with defaults on first use."""

    community = models.OneToOneField(
        "core.Community", on_delete=models.CASCADE, related_name="proposal_settings"
    )
    support_threshold = models.PositiveIntegerField(_("supports needed for the agenda"), default=20)
    window_days = models.PositiveIntegerField(_("days to collect them"), default=60)
    new_account_hours = models.PositiveIntegerField(
        _("an account counts as new for (hours)"), default=24
    )
    new_account_comments_per_hour = models.PositiveIntegerField(
        _("comments a new account may post per hour"), default=3
    )

    class Meta:
        verbose_name = _("proposal settings")
        verbose_name_plural = _("proposal settings")

    def __str__(self) -> str:
        return str(self.community)


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        RECEIVED = "received", _("received")
        UNDER_REVIEW = "under_review", _("under review")
        ACCEPTED = "accepted", _("accepted")
        TO_VOTE = "to_vote", _("going to a vote")
        REJECTED = "rejected", _("rejected")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        MERGED = "merged", _("merged into another proposal")

    class Category(models.TextChoices):
        ENVIRONMENT = "environment", _("courtyard environment and greenery")
        FACILITIES = "facilities", _("facilities and repairs")
        SAFETY = "safety", _("safety and parking")
        ELDERLY = "elderly", _("older residents")
        CHILDREN = "children", _("children and families")
        CULTURE = "culture", _("culture and activities")
        SERVICES = "services", _("services and neighbourly help")
        OTHER = "other", _("other")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="proposals"
    )
    author = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="proposals")
    coauthors = models.ManyToManyField(
        "core.Member", blank=True, related_name="coauthored_proposals"
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("what do you propose, and why?"))
    area = models.ForeignKey(
        "core.Place",
        verbose_name=_("courtyard or estate it concerns"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    # Where exactly, from the address tree: the courtyard itself or one of its buildings. The
    # courtyard (``area``) follows from it; residents never type coordinates.
    place = models.ForeignKey(
        "core.Place",
        verbose_name=_("place it concerns"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placed_proposals",
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    photo = models.ImageField(_("photo"), upload_to=RandomName("proposals/photos"), blank=True)
    latitude = models.DecimalField(
        _("map point: latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("map point: longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # Whole yuan, like every stored amount (docs/decisions.md, "Money").
    estimated_cost = models.PositiveBigIntegerField(
        _("estimated cost (yuan)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(9_999_999_999)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    answer = models.TextField(_("answer from the organisers"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    threshold_reached_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering: ClassVar[list[str]] = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.community.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.status != self.Status.DRAFT

    def authors(self) -> list[int]:
        return [self.author_id, *self.coauthors.values_list("pk", flat=True)]


class StatusChange(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=20, choices=Proposal.Status.choices)
    answer = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal} -> {self.status}"


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["proposal", "member"], name="one_support_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} + {self.proposal}"


class Stance(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    NEUTRAL = "neutral", _("neutral or a question")


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    stance = models.CharField(
        _("your view"), max_length=10, choices=Stance.choices, default=Stance.NEUTRAL
    )
    body = models.TextField(_("comment"), max_length=2000)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)

    @property
    def community(self) -> Community:
        """The proposal's community: the one its permissions are asked in."""
        return self.proposal.community


class CommentRevision(models.Model):
    """The text a comment had before each edit."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    stance = models.CharField(max_length=10, choices=Stance.choices)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("earlier version of a comment")
        verbose_name_plural = _("earlier versions of comments")
        ordering: ClassVar[list[str]] = ["saved_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("what is wrong with it?"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("report of a comment")
        verbose_name_plural = _("reports of comments")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["comment", "member"], name="one_report_per_member")
        ]

    def __str__(self) -> str:
        return self.reason[:60]
