"""Disclosure (信息公开): the register of notices with categories, attachments and a publication
schedule; read receipts and paper-board postings; and 公示 - any decision under public notice,
with objections answered in public before it becomes final."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.uploads import RandomName


class Category(models.TextChoices):
    PLANS = "plans", _("plans")
    FINANCES = "finances", _("finances")
    SCHEDULES = "schedules", _("schedules")
    DECISIONS = "decisions", _("decisions")
    SERVICES = "services", _("services")


class Entry(models.Model):
    """A notice in the register. It becomes a ``core.Notice`` (the community's notice board) when
    it is published - at once, or by the sweep at its scheduled time - so nothing scheduled is
    shown early."""

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="disclosure_entries"
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"))
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now)
    notice = models.OneToOneField(
        "core.Notice", null=True, blank=True, on_delete=models.SET_NULL, related_name="entry"
    )
    notified = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering: ClassVar[list[str]] = ["-publish_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosure:entry", args=[self.community.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.notice_id is not None


class Attachment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=120)
    file = models.FileField(_("file"), upload_to=RandomName("disclosure/attachments"))
    is_pdf = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.title


class Reading(models.Model):
    """A resident said they read the notice (online), or staff recorded that they did."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("told in person")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="readings")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(
        "core.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["entry", "member"], name="disclosure_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} read {self.entry_id}"


class BoardPosting(models.Model):
    """Staff posted the notice on the paper board (公示栏) of a courtyard."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="postings")
    place = models.ForeignKey("core.Place", on_delete=models.PROTECT, related_name="+")
    posted_on = models.DateField(_("posted on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["entry", "place"], name="disclosure_one_posting_per_board"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} @ {self.place_id}"


class Publicity(models.Model):
    """公示: a decision of another module (a grant award, PB results...) under public notice. The
    subject is named by its adapter's kind and id (see ``publicity.py``)."""

    class Status(models.TextChoices):
        OPEN = "open", _("under public notice")
        FINAL = "final", _("final")

    class WhoMayObject(models.TextChoices):
        RESIDENTS = "residents", _("verified residents of the community")
        SIGNED_IN = "signed_in", _("anyone signed in")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="publicities"
    )
    kind = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=200)
    becomes_final = models.TextField(_("what becomes final"))
    who_may_object = models.CharField(
        _("who may object"),
        max_length=10,
        choices=WhoMayObject.choices,
        default=WhoMayObject.RESIDENTS,
    )
    starts_on = models.DateField(_("notice starts"))
    ends_on = models.DateField(_("notice ends"))
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    finalised_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("public notice of a decision")
        verbose_name_plural = _("public notices of decisions")
        ordering: ClassVar[list[str]] = ["-starts_on", "-pk"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["kind", "subject_id"], name="disclosure_one_publicity")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosure:publicity", args=[self.community.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Objection(models.Model):
    publicity = models.ForeignKey(Publicity, on_delete=models.CASCADE, related_name="objections")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    # the part of the decision it is about (a contest's application), as its adapter names it:
    # a key and, frozen, its label; empty when it is about the whole decision
    about = models.CharField(_("about"), max_length=40, blank=True)
    about_label = models.CharField(max_length=200, blank=True)
    text = models.TextField(_("objection"))
    answer = models.TextField(_("public answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at"]

    def __str__(self) -> str:
        return self.text[:40]


class Delivery(models.Model):
    """How a member hears about new notices and 公示: each at once (the default, no row), or
    gathered into a daily or weekly digest. The notification settings (per kind and channel)
    still decide whether and where they hear at all."""

    class Mode(models.TextChoices):
        AT_ONCE = "at_once", _("each one at once")
        DAILY = "daily", _("one digest a day (after 8 in the morning)")
        WEEKLY = "weekly", _("one digest a week (Monday morning)")

    member = models.OneToOneField(
        "core.Member", on_delete=models.CASCADE, related_name="disclosure_delivery"
    )
    mode = models.CharField(_("how often"), max_length=8, choices=Mode.choices)

    def __str__(self) -> str:
        return f"{self.member_id}: {self.mode}"


class Waiting(models.Model):
    """A notice or 公示 waiting for a member's next digest; ``sent_at`` once it went out."""

    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=250)
    url = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at", "pk"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["member", "sent_at"])]

    def __str__(self) -> str:
        return self.title


class Newsletter(models.Model):
    """One issue of the community newsletter: an intro and picked items (recent notices, 公示
    results), sent to a segment by email and printable as an A4 sheet. ``items`` holds
    ``{"title", "url", "kind"}`` as picked; ``counts`` the recipients per part of the segment."""

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="newsletters"
    )
    title = models.CharField(_("title"), max_length=150)
    intro = models.TextField(_("introduction"))
    items = models.JSONField(default=list)
    segment = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    sent_to = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering: ClassVar[list[str]] = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosure:newsletter", args=[self.community.slug, self.pk])


class NewsletterReading(models.Model):
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="readings")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["newsletter", "member"], name="newsletter_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} read {self.newsletter_id}"


class NewsletterOptOut(models.Model):
    """The member wants no newsletters (set on their page or by the link in every newsletter)."""

    member = models.OneToOneField(
        "core.Member", on_delete=models.CASCADE, related_name="newsletter_opt_out"
    )
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.member_id)
