"""Formal queries of the supervision committee (社区监督委员会): about a spending line, an award or
a decision, raised by a member of the committee and answered in public by staff by a due date.
A query is never deleted; an answer, once given, stays as given."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Query(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("waiting for an answer")
        ANSWERED = "answered", _("answered")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="supervision_queries"
    )
    body = models.ForeignKey(
        "governance.Body", on_delete=models.PROTECT, related_name="supervision_queries"
    )
    # What it is about, as "kind:id" of linli.supervision.books (a spending line, an award, a
    # decision), with its title and page as they were when asked.
    subject = models.CharField(max_length=60, blank=True)
    subject_title = models.CharField(_("about"), max_length=200)
    subject_url = models.CharField(max_length=300, blank=True)
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("public answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("query of the supervision committee")
        verbose_name_plural = _("queries of the supervision committee")
        ordering: ClassVar[list[str]] = ["-asked_at", "-pk"]

    def __str__(self) -> str:
        return self.subject_title

    def get_absolute_url(self) -> str:
        return reverse("supervision:query", args=[self.community.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def answered_late(self) -> bool:
        return self.answered_at is not None and timezone.localdate(self.answered_at) > self.due_on
