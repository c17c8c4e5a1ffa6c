"""A body's meetings: each is a meetings-module ``Meeting`` (time, place, invitations, check-in,
published minutes), linked and not copied, with what only a body has - its agenda built from
matters of the community, the quorum from who attended, minutes per item, and resolutions with
an owner and a due date followed to done and reported back.

Imported by ``models.py`` so Django finds these models in the governance app."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BodyMeeting(models.Model):
    body = models.ForeignKey("governance.Body", on_delete=models.CASCADE, related_name="meetings")
    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="body_meeting"
    )
    # Minutes and resolutions are read by everyone from this moment; before, by the body.
    published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting of a body")
        verbose_name_plural = _("meetings of bodies")
        ordering: ClassVar[list[str]] = ["-pk"]

    def __str__(self) -> str:
        return self.meeting.title

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", args=[self.body.community.slug, self.pk])

    @property
    def community(self) -> Any:
        return self.body.community

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_started(self) -> bool:
        return self.meeting.starts_at <= timezone.now()


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        MATTER = "matter", _("a matter raised in the community")
        MOTION = "motion", _("an open motion of the body")
        FREE = "free", _("another item")

    sitting = models.ForeignKey(BodyMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    title = models.CharField(_("agenda item"), max_length=200)
    # The matter another module offered (``agenda_sources``), as "app.model" and id, and where
    # to read it; members conflicted with it stand aside on this item.
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    source_label = models.CharField(max_length=60, blank=True)
    url = models.CharField(max_length=300, blank=True)
    motion = models.ForeignKey(
        "governance.Motion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes = models.TextField(_("minutes of this item"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering: ClassVar[list[str]] = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def body(self) -> Any:
        return self.sitting.body

    @property
    def community(self) -> Any:
        return self.sitting.body.community


class Resolution(models.Model):
    """What the body decided someone will do, by when; followed until it is done (with a
    report-back residents can read) or dropped (with the reason)."""

    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    CLOSED: ClassVar[tuple[str, ...]] = (Status.DONE, Status.DROPPED)

    sitting = models.ForeignKey(BodyMeeting, on_delete=models.CASCADE, related_name="resolutions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="resolutions"
    )
    text = models.TextField(_("what is resolved"))
    owner = models.ForeignKey(
        "core.Member",
        on_delete=models.PROTECT,
        related_name="body_resolutions",
        verbose_name=_("who carries it out"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    report_back = models.TextField(_("report-back: what was done"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering: ClassVar[list[str]] = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("governance:resolution", args=[self.body.community.slug, self.pk])

    @property
    def body(self) -> Any:
        return self.sitting.body

    @property
    def community(self) -> Any:
        return self.sitting.body.community

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def is_overdue(self) -> bool:
        return not self.is_closed and self.due_on < timezone.localdate()
