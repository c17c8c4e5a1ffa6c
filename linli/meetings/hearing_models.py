"""Public hearings (听证会): a meeting of the kind "hearing" with registered speakers in order,
each one's testimony as recorded in the minutes, and the formal written response, published as
a notice in the disclosure register (category "decisions"), that answers each testimony."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .entered import Entered, EntryChannel

MAX_SPEAKERS = 60


class Hearing(models.Model):
    """What a hearing adds to its meeting. Made with the defaults by the first sign-up or by the
    organiser's settings, whichever comes first."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="hearing"
    )
    matter = models.TextField(
        _("the matter heard"),
        blank=True,
        help_text=_("The decision the hearing is about, and who will take it."),
    )
    speakers_max = models.PositiveSmallIntegerField(
        _("speakers at most"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SPEAKERS)],
    )
    minutes_each = models.PositiveSmallIntegerField(
        _("minutes for each speaker"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    response = models.OneToOneField(
        "disclosure.Entry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hearing",
        verbose_name=_("written response"),
    )
    responded_at = models.DateTimeField(_("response published"), null=True, blank=True)

    class Meta:
        verbose_name = _("public hearing")
        verbose_name_plural = _("public hearings")

    def __str__(self) -> str:
        return f"hearing: {self.meeting}"

    @property
    def community(self) -> Any:
        return self.meeting.community

    @property
    def is_answered(self) -> bool:
        return self.responded_at is not None


class Speaker(Entered):
    """A resident registered to speak, in the order they signed up (how, and who entered it for
    them: ``Entered``, as a meeting's registration)."""

    Channel = EntryChannel

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="speakers")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("order"))
    topic = models.CharField(_("what you will speak about"), max_length=200)
    needs = models.CharField(
        _("what you need to speak"),
        max_length=200,
        blank=True,
        help_text=_(
            "For example a sign language interpreter, a seat by the microphone, large print."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering: ClassVar[list[str]] = ["position", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["hearing", "member"], name="hearing_speaks_once")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.member}"

    @property
    def community(self) -> Any:
        return self.hearing.meeting.community


class Testimony(models.Model):
    """What a speaker said, as staff typed it into the minutes, and the response's answer to it."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("spoken at the hearing")
        ONLINE = "online", _("spoken online")
        WRITTEN = "written", _("handed in in writing")

    speaker = models.OneToOneField(Speaker, on_delete=models.CASCADE, related_name="testimony")
    text = models.TextField(_("testimony"))
    channel = models.CharField(
        _("how it was given"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON
    )
    answer = models.TextField(_("answer in the written response"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        ordering: ClassVar[list[str]] = ["speaker__position", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
