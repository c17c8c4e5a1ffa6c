"""Engagement projects. The foundation defines the project so the ledger can point at it; the
engagement module (plan, equity plan, phases, report-back) builds on this model."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Project(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", _("being planned")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=60)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("engagement project")
        verbose_name_plural = _("engagement projects")
        ordering: ClassVar[list[str]] = ["-created_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["community", "slug"], name="project_slug_per_community")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:community", args=[self.community.slug]) + f"#project-{self.pk}"
