"""Votes: what is asked, who may vote, who voted (the roll) and what was voted (the ballot box).

Secrecy rests on keeping the roll and the ballot box apart - see docs/modules/votes.md:

- ``RollEntry`` says that a member (or a household) voted, through which channel, on which day.
- ``Ballot`` says what was voted. It has a random UUID key, no timestamp, no member, household,
  session or address; only the hash of a secret the voter keeps (``replace_hash``) so that the
  voter - and nobody without that secret - can replace it before the vote closes.
- Every ballot cast, replaced or counted from paper is rewritten with a random sample of the
  vote's other ballots (the whole box while it is small) in random order with new keys
  (``services.mix_box``), so neither the order the database stored them in nor the transaction
  that wrote them narrows a voter's ballot below ``MIX_SAMPLE + 1`` while the vote is open. At
  close the box is *sealed*: rewritten whole once more without the change hashes.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.money import yuan


class Vote(models.Model):
    class Unit(models.TextChoices):
        PERSON = "person", _("one vote per resident")
        HOUSEHOLD = "household", _("one vote per household")

    class ResultsShown(models.TextChoices):
        # "live" is the stored name for historical reasons: no count of a secret vote is ever shown
        # while it is open (one ballot more after one known voter voted would give it away).
        LIVE = "live", _("to everyone as soon as the vote closes")
        AT_CLOSE = "at_close", _("only when the results are published after close")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    community = models.ForeignKey("core.Community", on_delete=models.CASCADE, related_name="votes")
    project = models.ForeignKey(
        "engagement.Project",
        verbose_name=_("engagement project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="votes",
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what is being decided"), blank=True)
    areas = models.ManyToManyField(
        "core.Place",
        verbose_name=_("who may vote: residents of"),
        blank=True,
        related_name="votes",
        help_text=_("Leave empty to let every verified resident of the community vote."),
    )
    unit = models.CharField(
        _("who casts a vote"), max_length=10, choices=Unit.choices, default=Unit.PERSON
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    results_shown = models.CharField(
        _("results are shown"), max_length=10, choices=ResultsShown.choices, default="at_close"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Who may look voters up and hand out paper ballots at this vote's booth (with organisers,
    # who may always): the booth lists names, flats and who has voted.
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booth officers"),
        blank=True,
        related_name="+",
        help_text=_(
            "Resident leaders who may look voters up and hand out paper ballots at this vote's "
            "booth. Organisers always may."
        ),
    )
    sealed_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)
    # What the participation ledger calls taking part: participatory budgeting runs its secret
    # ballots through votes and records them as "budget_ballot" (linli.participation Method).
    ledger_method = models.CharField(max_length=20, default="vote")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering: ClassVar[list[str]] = ["-opens_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="vote_closes_after_open",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("votes:detail", args=[self.community.slug, self.pk])

    # --- where the vote stands -----------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.status == self.Status.PUBLISHED and self.opens_at <= now < self.closes_at

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.PUBLISHED and timezone.now() >= self.closes_at

    @property
    def is_upcoming(self) -> bool:
        return self.status == self.Status.PUBLISHED and timezone.now() < self.opens_at

    @property
    def phase(self) -> str:
        if self.status != self.Status.PUBLISHED:
            return str(self.status)
        if self.is_upcoming:
            return "upcoming"
        return "open" if self.is_open else "closed"

    @property
    def phase_label(self) -> str:
        labels = {
            "draft": _("draft, not yet published"),
            "cancelled": _("cancelled"),
            "upcoming": _("not open yet"),
            "open": _("open for voting"),
            "closed": _("closed"),
        }
        return str(labels[self.phase])

    @property
    def editable(self) -> bool:
        """Questions and options may change only before anyone can vote."""
        return self.status == self.Status.DRAFT

    @property
    def is_sealed(self) -> bool:
        """A closed vote reads as sealed: no ballot can be added or replaced any more. The
        rewrite of the box without its change hashes (``sealed_at``) is done by the sweep or the
        command that closes or counts the vote, never by a read."""
        return self.sealed_at is not None or self.is_closed


class Question(models.Model):
    class BallotType(models.TextChoices):
        SINGLE = "single", _("single choice")
        APPROVAL = "approval", _("approval: choose up to k options")
        SCORE = "score", _("score every option from 0 to n")
        RANKED = "ranked", _("ranked: put options in order")
        KNAPSACK = "knapsack", _("knapsack: choose projects whose total cost fits the budget")
        CUMULATIVE = "cumulative", _("cumulative: share n points among the options")

    class RankedMethod(models.TextChoices):
        IRV = "irv", _("instant-runoff")
        SCHULZE = "schulze", _("Schulze (pairwise comparisons)")

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    ballot_type = models.CharField(
        _("ballot type"), max_length=10, choices=BallotType.choices, default=BallotType.SINGLE
    )
    max_choices = models.PositiveSmallIntegerField(
        _("approval: most options a voter may choose"), null=True, blank=True
    )
    max_score = models.PositiveSmallIntegerField(_("score: highest score"), default=5)
    ranked_method = models.CharField(
        _("ranked: how the winner is found"),
        max_length=10,
        choices=RankedMethod.choices,
        default=RankedMethod.IRV,
    )
    budget_limit = models.PositiveBigIntegerField(
        _("knapsack: budget (yuan)"),
        null=True,
        blank=True,
        help_text=_("The chosen projects' costs must add up to at most this."),
    )
    points_total = models.PositiveIntegerField(
        _("cumulative: points each voter shares out"), null=True, blank=True
    )
    max_points_per_option = models.PositiveIntegerField(
        _("cumulative: most points on one option"),
        null=True,
        blank=True,
        help_text=_("Leave empty to allow all points on one option."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering: ClassVar[list[str]] = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def community(self) -> Any:
        """The vote's community: the one its permissions are asked in."""
        return self.vote.community

    @property
    def method(self) -> str:
        """The counting method's name as ``linli votes recount --method`` knows it."""
        if self.ballot_type == self.BallotType.RANKED:
            return str(self.ranked_method)
        return {
            "single": "plurality",
            "approval": "approval",
            "score": "score",
            "knapsack": "knapsack",
            "cumulative": "cumulative",
        }[self.ballot_type]

    @property
    def budget_text(self) -> str:
        return yuan(self.budget_limit) if self.budget_limit is not None else ""


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("option"), max_length=200)
    # Whole yuan; required on knapsack questions, unused by the other ballot types.
    cost = models.PositiveBigIntegerField(_("cost (yuan)"), null=True, blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("the proposal this option stands for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vote_options",
    )
    # Where a voter reads more: a budgeting idea's page (proposals link through ``proposal``).
    url = models.CharField(_("page about this option"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering: ClassVar[list[str]] = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def cost_text(self) -> str:
        return yuan(self.cost) if self.cost is not None else ""

    @property
    def more_url(self) -> str:
        """The page a voter opens to read about this option ("" when there is none)."""
        if self.url:
            return self.url
        if self.proposal_id:
            return str(self.proposal.get_absolute_url())  # type: ignore[union-attr]
        return ""


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper ballot at the booth")


class RollEntry(models.Model):
    """Who voted. Never anything about how."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    # In household votes the household is the unit: the constraint below allows one entry per
    # household. In person votes it stays empty, because household members vote separately.
    household = models.ForeignKey(
        "core.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        "core.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    voted_on = models.DateField(_("day"), default=timezone.localdate)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["vote", "member"], name="roll_one_per_member"),
            models.UniqueConstraint(fields=["vote", "household"], name="roll_one_per_household"),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_channel_display()})"


class Ballot(models.Model):
    """What was voted: ``choices`` maps a question id (as text) to the answer. No voter, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    choices = models.JSONField(default=dict)
    # SHA-256 of the voter's replacement secret; empty for paper ballots, which cannot change.
    replace_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return f"{self.vote} · {self.get_channel_display()}"


class PaperBatch(models.Model):
    """A bundle of paper ballots from one box, entered twice by two officers before it counts."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="batches")
    label = models.CharField(
        _("batch"), max_length=80, help_text=_("e.g. 梧桐院 ballot box, bundle 1")
    )
    size = models.PositiveIntegerField(_("number of ballots in the bundle"))
    counted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("batch of paper ballots")
        verbose_name_plural = _("batches of paper ballots")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["vote", "label"], name="batch_label_per_vote")
        ]

    def __str__(self) -> str:
        return self.label


class BatchEntry(models.Model):
    """One officer's typing of a whole batch, ballot by ballot in the order of the bundle."""

    batch = models.ForeignKey(PaperBatch, on_delete=models.CASCADE, related_name="entries")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ballots = models.JSONField(default=list)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entry of a batch")
        verbose_name_plural = _("entries of batches")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["batch", "officer"], name="one_entry_per_officer")
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.officer}"
