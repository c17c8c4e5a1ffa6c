"""The participation ledger: one row per act of participation. Evaluation reads only from here."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    SURVEY = "survey", _("survey")
    MEETING = "meeting", _("meeting")
    TRAINING = "training", _("training")
    PROPOSAL = "proposal", _("proposal")
    COMMENT = "comment", _("comment")
    SUPPORT = "support", _("support for a proposal")
    VOTE = "vote", _("vote")
    BUDGET_IDEA = "budget_idea", _("budget idea")
    BUDGET_BALLOT = "budget_ballot", _("budget ballot")
    GRANT = "grant", _("micro-grant")
    REVIEW = "review", _("review board")
    GOVERNANCE = "governance", _("resident body (议事会, 自治小组...)")
    CONTEST = "contest", _("contest application")
    OBJECTION = "objection", _("objection in a public notice")
    VOLUNTEERING = "volunteering", _("volunteering")
    SHARING = "sharing", _("item-sharing")
    FEEDBACK = "feedback", _("feedback")
    OPINIONS = "opinions", _("opinion mapping")
    OTHER = "other", _("other")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper")
    PHONE = "phone", _("phone")
    IN_PERSON = "in_person", _("in person")
    DOOR_TO_DOOR = "door_to_door", _("door to door")
    ASSISTED = "assisted", _("assisted by staff")


class Depth(models.IntegerChoices):
    """The ladder of participation, from being informed to leading (seed 001 part 7)."""

    INFORMED = 1, _("informed")
    CONSULTED = 2, _("consulted")
    INVOLVED = 3, _("involved")
    COLLABORATING = 4, _("collaborating")
    LEADING = 5, _("leading")


class Act(models.Model):
    member = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="acts"
    )
    household = models.ForeignKey(
        "core.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="acts"
    )
    # The household's estate or courtyard when the act happened: history stays put if people move.
    area = models.ForeignKey(
        "core.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="acts"
    )
    community = models.ForeignKey("core.Community", on_delete=models.CASCADE, related_name="acts")
    project = models.ForeignKey(
        "engagement.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="acts"
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    depth = models.PositiveSmallIntegerField(_("depth"), choices=Depth.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # What the act was about, e.g. ("surveys.response", "42"); with member and method it makes
    # recording idempotent, so a retried request never counts twice.
    source_type = models.CharField(max_length=60)
    source_id = models.CharField(max_length=40)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("act of participation")
        verbose_name_plural = _("acts of participation")
        ordering: ClassVar[list[str]] = ["-occurred_at"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["member", "method", "source_type", "source_id"], name="act_recorded_once"
            )
        ]
        indexes: ClassVar[list[Any]] = [
            # Covers what the insights pages read of a community's period - who, which household,
            # how deep - so the database answers from the index alone (bench_insights_pages).
            models.Index(
                fields=["community", "occurred_at", "depth", "household", "member"],
                name="act_period_reading",
            ),
            models.Index(fields=["community", "method"]),
        ]

    def __str__(self) -> str:
        return f"{self.method}/{self.channel} by member {self.member_id} at {self.occurred_at:%Y-%m-%d}"
