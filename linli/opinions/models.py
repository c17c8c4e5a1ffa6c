"""Opinion-mapping conversations: a seed question, short statements by residents (moderated),
agree / disagree / pass votes, and the analysis of the votes stored per conversation.

The analysis itself is pure (``clustering.py`` and its steps); ``recompute.py`` reads the votes
from here, runs it and stores the result in :class:`Analysis`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STATEMENT_MAX = 280  # a statement is one short thought, like Pol.is's 140-280 characters


class Conversation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="conversations"
    )
    project = models.ForeignKey(
        "engagement.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
        verbose_name=_("engagement project"),
    )
    title = models.CharField(_("title"), max_length=120)
    question = models.TextField(
        _("seed question"),
        max_length=500,
        help_text=_("The question residents answer with their statements."),
    )
    description = models.TextField(_("background"), blank=True, max_length=2000)
    is_public = models.BooleanField(
        _("results public"),
        default=True,
        help_text=_("Anyone may read the results; otherwise only members of the community."),
    )
    allows_statements = models.BooleanField(_("residents may write statements"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.TextField(
        _("what we will do with it"),
        blank=True,
        max_length=4000,
        help_text=_("Shown on the report-back page when the conversation closes."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set when a recompute is queued and cleared when it starts: at most one is pending.
    recompute_queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opinions:detail", args=[self.community.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Statement(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="statements"
    )
    number = models.PositiveIntegerField(_("statement number"))  # printed on the paper sheet
    text = models.CharField(_("statement"), max_length=STATEMENT_MAX)
    author = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_seed = models.BooleanField(default=False)  # written by the organisers to start
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("statement")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "number"], name="opinions_statement_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    @property
    def community(self) -> Any:
        return self.conversation.community


class Vote(models.Model):
    class Choice(models.IntegerChoices):
        AGREE = 1, _("agree")
        DISAGREE = -1, _("disagree")
        PASS = 0, _("pass / unsure")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    choice = models.SmallIntegerField(choices=Choice.choices)
    channel = models.CharField(max_length=20, default="online")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "member"], name="opinions_one_vote")
        ]
        indexes = [models.Index(fields=["conversation", "member"])]

    def __str__(self) -> str:
        return f"{self.member_id} on {self.statement_id}: {self.choice}"


class Analysis(models.Model):
    """The last analysis of a conversation's votes. ``data`` holds, by member id and statement id:
    ``groups`` {member: group}, ``points`` {member: [x, y]}, ``representative`` {group: [{statement,
    direction, rate, rest_rate, z, z_rest, significant}]}, ``consensus`` [{statement, direction,
    score, rates}] and ``group_sizes`` {group: n}."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="analysis"
    )
    computed_at = models.DateTimeField(default=timezone.now)
    participants = models.PositiveIntegerField(default=0)  # everyone who voted
    in_groups = models.PositiveIntegerField(default=0)
    statements = models.PositiveIntegerField(default=0)  # accepted statements analysed
    votes = models.PositiveIntegerField(default=0)
    n_groups = models.PositiveSmallIntegerField(default=0)
    data = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"analysis of {self.conversation_id} at {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def community(self) -> Any:
        return self.conversation.community
