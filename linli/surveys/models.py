"""Surveys: what is asked (survey, sections, questions, options) and what was answered.

Anonymity (docs/modules/surveys.md): in an *anonymous* survey ``Participation`` records that a
member answered (so nobody answers twice, and the ledger counts them) while ``Response`` holds the
answers with a random UUID key, the day only, and no member, user or session - the two cannot be
joined. An *identified* survey links the response to its member, so it can be edited until close.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.participation.models import Channel

from . import texts


def new_link_token() -> str:
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    class Mode(models.TextChoices):
        IDENTIFIED = "identified", _("identified: one response per resident, editable until close")
        ANONYMOUS = (
            "anonymous",
            _("anonymous: one response per verified resident, not linked to them"),
        )
        OPEN = "open", _("open to anyone with the link")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="surveys"
    )
    project = models.ForeignKey(
        "engagement.Project",
        verbose_name=_("engagement project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    thanks = models.JSONField(_("message after answering"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    mode = models.CharField(
        _("who answers"), max_length=12, choices=Mode.choices, default=Mode.IDENTIFIED
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    max_responses = models.PositiveIntegerField(
        _("close after this many responses"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close only at the closing time."),
    )
    publish_free_text = models.BooleanField(
        _("show written answers in the public summary"), default=False
    )
    results_published_at = models.DateTimeField(null=True, blank=True)
    link_token = models.CharField(max_length=32, unique=True, default=new_link_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering: ClassVar[list[str]] = ["-opens_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_open",
            )
        ]

    def __str__(self) -> str:
        return self.title_text

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.community.slug, self.pk])

    def pick(self, value: dict[str, str]) -> texts.Picked:
        """One of this survey's texts in the reader's language (see texts.pick)."""
        return texts.pick(value, order=self.languages)

    @property
    def title_text(self) -> str:
        return self.pick(self.title).text

    @property
    def open_link(self) -> str:
        return reverse("survey_open_link", args=[self.link_token])

    # --- where the survey stands ----------------------------------------------------------------

    def phase(self, response_count: int | None = None) -> str:
        if self.status != self.Status.PUBLISHED:
            return str(self.status)
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now >= self.closes_at:
            return "closed"
        if self.max_responses is not None:
            count = self.responses.count() if response_count is None else response_count
            if count >= self.max_responses:
                return "full"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.phase() == "open"

    @property
    def editable(self) -> bool:
        """Questions can change only while nobody has answered."""
        return not self.responses.exists()


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.JSONField(_("title"), default=dict, blank=True)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    show_if = models.JSONField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["position", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["survey", "key"], name="section_key_once")
        ]

    def __str__(self) -> str:
        return texts.pick(self.title).text or self.key

    @property
    def community(self) -> Any:
        """The community permissions are asked in: the survey's."""
        return self.survey.community


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        SCALE = "scale", _("rating scale")
        RANKING = "ranking", _("ranking")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")
        NUMBER = "number", _("number")
        DATE = "date", _("date")
        MATRIX = "matrix", _("matrix (rows rated on the same choices)")
        PLACE = "place", _("courtyard or building")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)
    min_value = models.FloatField(_("lowest"), null=True, blank=True)
    max_value = models.FloatField(_("highest"), null=True, blank=True)
    min_length = models.PositiveIntegerField(
        _("shortest answer (characters)"), null=True, blank=True
    )
    max_length = models.PositiveIntegerField(
        _("longest answer (characters)"), null=True, blank=True
    )
    low_label = models.JSONField(default=dict, blank=True)
    high_label = models.JSONField(default=dict, blank=True)
    # Matrix rows: [{"key": "r1", "text": {"zh-hans": ..., "en": ...}}, ...]
    rows = models.JSONField(default=list, blank=True)
    # For place questions: "area" (courtyards and estates) or "building".
    place_kind = models.CharField(max_length=10, blank=True)
    show_if = models.JSONField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["section__position", "position", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["survey", "key"], name="question_key_once")
        ]

    def __str__(self) -> str:
        return texts.pick(self.text).text or self.key

    @property
    def community(self) -> Any:
        """The community permissions are asked in: the survey's."""
        return self.survey.community


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar[list[str]] = ["position", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["question", "key"], name="option_key_once")
        ]

    def __str__(self) -> str:
        return texts.pick(self.text).text or self.key


class Participation(models.Model):
    """That a member answered - the roll. Never points at the response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["survey", "member"], name="survey_answered_once")
        ]

    def __str__(self) -> str:
        return f"member {self.member_id} answered survey {self.survey_id}"


class Response(models.Model):
    # A random key: in an anonymous survey the order of rows must not follow the roll's order.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Only in identified surveys (and open ones answered while signed in as a member).
    member = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # Staff who typed in a paper, phone or door-to-door answer; never set for answers given online.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paper_ref = models.CharField(_("number on the paper form"), max_length=30, blank=True)
    # Coarse facts for filtering results; groups under 5 are never shown.
    area = models.ForeignKey(
        "core.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    age_band = models.CharField(max_length=6, blank=True)
    gender = models.CharField(max_length=6, blank=True)
    language = models.CharField(max_length=10, blank=True)
    submitted_on = models.DateField(default=timezone.localdate)
    # Identical answers typed twice are warned about at paper entry.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["survey", "member"],
                condition=models.Q(member__isnull=False),
                name="survey_one_response_per_member",
            )
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["survey", "channel"])]

    def __str__(self) -> str:
        return f"response {self.pk} to survey {self.survey_id}"


class Answer(models.Model):
    """One cell of a response. Choice answers have one row per chosen option (ranking: with its
    place in ``number``; matrix: with the row key), so results are counted by the database."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    row_key = models.CharField(max_length=20, blank=True)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return f"answer to question {self.question_id}"


class Draft(models.Model):
    """Answers saved for later. Deleted when the response is submitted."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    member = models.ForeignKey("core.Member", null=True, blank=True, on_delete=models.CASCADE)
    session_key = models.CharField(max_length=64, blank=True)
    answers = models.JSONField(default=dict)
    section = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["survey", "member"],
                condition=models.Q(member__isnull=False),
                name="survey_one_draft_per_member",
            ),
            models.UniqueConstraint(
                fields=["survey", "session_key"],
                condition=~models.Q(session_key=""),
                name="survey_one_draft_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"draft of survey {self.survey_id}"
