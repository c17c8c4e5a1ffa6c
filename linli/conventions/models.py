"""Conventions (社区公约, 院落公约): a text in articles, drafted together, commented on article by
article (online, or typed in by staff from a 坝坝会), amended in versions, and adopted by a
household vote or by a resident body's motion.

Nothing is deleted: every version of the text stays, with how it was adopted or why it was
replaced, and every comment and amendment stays with the version it was made on."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from linli.participation.models import Channel


class Convention(models.Model):
    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="conventions"
    )
    title = models.CharField(_("title"), max_length=120)
    area = models.ForeignKey(
        "core.Place",
        verbose_name=_("courtyard or estate it binds"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conventions",
        help_text=_("Leave empty for a convention of the whole community."),
    )
    drafters = models.ManyToManyField(
        "core.Member", verbose_name=_("drafters"), blank=True, related_name="conventions_drafted"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        ordering: ClassVar[list[str]] = ["pk"]  # in the order they were started

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("conventions:detail", args=[self.community.slug, self.pk])

    @property
    def latest(self) -> Version:
        """The newest version: the draft being worked on, the one put to adoption, or the one in
        force when no change is under way."""
        return self.versions.order_by("-number").first()  # type: ignore[return-value]

    @property
    def in_force(self) -> Version | None:
        return self.versions.filter(status=Version.Status.ADOPTED).first()


class Version(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("convention", "draft under discussion")
        SUPERSEDED = "superseded", _("earlier draft")
        PROPOSED = "proposed", _("put to adoption")
        ADOPTED = "adopted", _("adopted, in force")
        REPLACED = "replaced", _("replaced by a later version")
        NOT_ADOPTED = "not_adopted", _("not adopted")

    class How(models.TextChoices):
        HOUSEHOLD_VOTE = "household_vote", _("household vote")
        BODY_MOTION = "body_motion", _("motion of a resident body")

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    preamble = models.TextField(_("preamble"), blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    how = models.CharField(max_length=16, choices=How.choices, blank=True)
    vote = models.ForeignKey(
        "votes.Vote", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    motion = models.ForeignKey(
        "governance.Motion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The count of the vote or motion, kept as facts and put into words in the reader's language.
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    abstentions = models.PositiveIntegerField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("version of a convention")
        verbose_name_plural = _("versions of conventions")
        ordering: ClassVar[list[str]] = ["convention", "-number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["convention", "number"], name="one_convention_version")
        ]

    def __str__(self) -> str:
        return f"{self.convention} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "conventions:version",
            args=[self.convention.community.slug, self.convention_id, self.number],
        )

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.convention.community

    @property
    def outcome(self) -> str:
        """The count in words, in the reader's language."""
        if self.votes_for is None:
            return ""
        if self.how == self.How.HOUSEHOLD_VOTE:
            return gettext("household vote: %(yes)s for, %(no)s against") % {
                "yes": self.votes_for,
                "no": self.votes_against,
            }
        return gettext("%(body)s: %(for)s for, %(against)s against, %(abstain)s abstaining") % {
            "body": self.motion.body.name if self.motion else "",
            "for": self.votes_for,
            "against": self.votes_against,
            "abstain": self.abstentions or 0,
        }


class Article(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("text of the article"))

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering: ClassVar[list[str]] = ["version", "position"]

    def __str__(self) -> str:
        return f"{self.version} §{self.position}"

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.version.convention.community

    @property
    def convention(self) -> Convention:
        return self.version.convention


class Amendment(models.Model):
    """A change to one article (or a new article) proposed by a resident, discussed in comments,
    then taken into a new version by the drafters or declined with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("amendment", "under discussion")
        ACCEPTED = "accepted", _("taken into the text")
        DECLINED = "declined", _("declined")

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="amendments")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="amendments")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="amendments"
    )
    text = models.TextField(_("proposed wording"), blank=True)
    reason = models.TextField(_("why"))
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer of the drafters"), blank=True)
    result = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="taken_in"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60] or str(self.reason[:60])

    def get_absolute_url(self) -> str:
        return reverse("conventions:amendment", args=[self.convention.community.slug, self.pk])

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.convention.community

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Comment(models.Model):
    """A comment on one article, or in the discussion of an amendment; written online by the
    resident, or typed in by staff from a 坝坝会, a phone call or a note (the channel says which)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="comments")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    amendment = models.ForeignKey(
        Amendment, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    text = models.TextField(_("comment"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a convention")
        verbose_name_plural = _("comments on conventions")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def community(self):  # type: ignore[no-untyped-def]
        return self.convention.community

    @property
    def typed_in(self) -> bool:
        return self.channel != Channel.ONLINE
