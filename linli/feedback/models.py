"""Feedback: what residents report (``Report``), gathered into collective items (``Item``) that
are routed to whoever is responsible, answered in public and closed with a report-back. A "me
too" (``MeToo``) counts a household behind an item without a new report."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.core.uploads import RandomName


class Category(models.TextChoices):
    ENVIRONMENT = "environment", _("courtyard environment and cleaning")
    DRAINAGE = "drainage", _("water, drains and flooding")
    REPAIRS = "repairs", _("repairs to buildings and facilities")
    SAFETY = "safety", _("safety, lighting and parking")
    NOISE = "noise", _("noise and neighbours")
    SERVICES = "services", _("services for older people and families")
    OTHER = "other", _("other")


class Channel(models.TextChoices):
    """How the report reached us. Staff enter everything but ONLINE."""

    ONLINE = "online", _("online")
    PHONE = "phone", _("resident feedback hotline")
    HOME_VISIT = "home_visit", _("home visit")
    YARD_MEETING = "yard_meeting", _("courtyard meeting (坝坝会)")
    TEAM_LEADER = "team_leader", _("through a team leader")
    PAPER = "paper", _("paper form or letter")


class Responsible(models.TextChoices):
    COMMITTEE = "committee", _("residents' committee (居委会)")
    PROPERTY = "property", _("property management (物业)")
    STREET = "street", _("street office (街道)")
    PARTNER = "partner", _("a partner organisation")


class ItemQuerySet(models.QuerySet["Item"]):
    def open(self) -> ItemQuerySet:
        return self.exclude(status=Item.Status.CLOSED)


class Item(models.Model):
    """One problem, however many people reported it."""

    class Status(models.TextChoices):
        NEW = "new", _("received")
        ROUTED = "routed", _("passed to who is responsible")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed with a report-back")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="feedback_items"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    # The courtyard or estate the problem is in; empty: the whole community.
    area = models.ForeignKey(
        "core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Given by organisers when they route the item. Until then the item is named by its place and
    # category: the words of a resident's report are not public.
    title = models.CharField(_("title"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    responsible = models.CharField(
        _("responsible"), max_length=10, choices=Responsible.choices, blank=True
    )
    responsible_name = models.CharField(
        _("office or person responsible"), max_length=120, blank=True
    )
    partner = models.ForeignKey(
        "core.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("public answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    report_back = models.TextField(_("report-back: what was done"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda_body = models.CharField(_("put on the agenda of"), max_length=120, blank=True)
    agenda_url = models.CharField(max_length=300, blank=True)
    # The day organisers were last told the answer is late (the sweep tells them once a day).
    late_reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering: ClassVar[list[str]] = ["-updated_at"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return self.heading

    def get_absolute_url(self) -> str:
        return reverse("feedback:item", args=[self.community.slug, self.pk])

    @property
    def heading(self) -> str:
        if self.title:
            return self.title
        where = self.area.name if self.area else str(_("the whole community"))
        return f"{where} · {self.get_category_display()}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class Report(models.Model):
    """One person's report, as they said it. Only organisers and the reporter read it; the public
    sees the item it belongs to."""

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="feedback_reports"
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reports")
    member = models.ForeignKey(
        "core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A caller who is not (yet) a member: the name they gave, so the answer can reach them.
    caller = models.CharField(_("name of the caller"), max_length=80, blank=True)
    household = models.ForeignKey(
        "core.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    place = models.ForeignKey(
        "core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    text = models.TextField(_("what is the problem or need?"))
    photo = models.ImageField(_("photo"), upload_to=RandomName("feedback/photos"), blank=True)
    channel = models.CharField(
        pgettext_lazy("feedback", "channel"),
        max_length=12,
        choices=Channel.choices,
        default=Channel.ONLINE,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")
        ordering: ClassVar[list[str]] = ["created_at"]

    def __str__(self) -> str:
        return self.text[:40]


class MeToo(models.Model):
    """A resident saying "this affects me too", without writing a report of their own."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="me_toos")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey(
        "core.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["item", "member"], name="feedback_one_me_too_each")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} -> {self.item_id}"
