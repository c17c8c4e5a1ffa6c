"""Item-sharing: what a household lends (its box on the board), loans between neighbours with
both-side confirmations, a waiting list per item, problems with mediation, and thank-you notes."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.core.models import Community, Household, Member
from linli.core.uploads import RandomName

LISTING_DAYS = 90  # a listing leaves the board after this long unless the household renews it


class Category(models.TextChoices):
    TOYS = "toys", _("toys")
    BOOKS = "books", _("books")
    TOOLS = "tools", _("tools")
    KITCHEN = "kitchen", _("kitchen")
    SPORTS = "sports", _("sports and outdoors")
    BABY = "baby", _("baby and children")
    ELECTRONICS = "electronics", _("electronics")
    OTHER = "other", pgettext_lazy("item category", "other")


class Box(models.Model):
    """A household's box on the board: how it is shown (flat label, or a name it chooses)."""

    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="share_box")
    show_name = models.BooleanField(_("show our name on the board"), default=False)
    display_name = models.CharField(
        _("name to show"), max_length=40, blank=True, help_text=_("For example 罗嬢嬢家.")
    )
    note = models.CharField(_("note for neighbours"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("box on the board")
        verbose_name_plural = _("boxes on the board")

    def __str__(self) -> str:
        return self.display_name if self.show_name and self.display_name else str(self.household)


class Item(models.Model):
    class Condition(models.TextChoices):
        NEW = "new", _("like new")
        GOOD = "good", _("good")
        USED = "used", _("used, works well")
        WORN = "worn", _("worn")

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("available to borrow")
        PAUSED = "paused", _("paused by the owner")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="share_items")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="share_items")
    listed_by = models.ForeignKey(
        Member, null=True, on_delete=models.SET_NULL, related_name="listed_items"
    )
    name = models.CharField(pgettext_lazy("item", "name"), max_length=60)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    photo = models.ImageField(_("photo"), upload_to=RandomName("sharing/items"), blank=True)
    condition = models.CharField(
        _("condition"), max_length=8, choices=Condition.choices, default=Condition.GOOD
    )
    loan_days = models.PositiveSmallIntegerField(_("longest loan in days"), default=7)
    deposit = models.BooleanField(_("a deposit is agreed before lending"), default=False)
    pickup_times = models.CharField(
        _("when to pick up"), max_length=100, blank=True, help_text=_("For example 晚上7点以后.")
    )
    availability = models.CharField(
        _("availability"), max_length=10, choices=Availability.choices, default="available"
    )
    expires_on = models.DateField(_("listed until"))
    expiry_reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering: ClassVar[list[str]] = ["household_id", "name"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["community", "expires_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sharing:item", args=[self.community.slug, self.pk])

    def is_expired(self, today: date) -> bool:
        return self.expires_on < today


class Loan(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested, waiting for the owner")
        APPROVED = "approved", _("approved, waiting for hand-over")
        DECLINED = "declined", _("declined by the owner")
        CANCELLED = "cancelled", pgettext_lazy("loan", "cancelled")
        HANDED_OVER = "handed_over", _("handed over, with the borrower")
        RETURNED = "returned", _("returned")

    # The loans that hold the item for their dates.
    HOLDING: ClassVar[tuple[str, ...]] = (Status.APPROVED, Status.HANDED_OVER)

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="loans")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="share_loans")
    owner_household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="lent_loans"
    )
    borrower_household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="borrowed_loans"
    )
    borrower = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="share_loans")
    starts_on = models.DateField(_("from"))
    due_on = models.DateField(_("back by"))
    message = models.CharField(_("message to the owner"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    owner_message = models.CharField(_("message from the owner"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who confirmed each step on each side: the ledger credits the people who acted.
    handover_owner_by = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handover_borrower_by = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handover_owner_at = models.DateTimeField(null=True, blank=True)
    handover_borrower_at = models.DateTimeField(null=True, blank=True)
    return_owner_at = models.DateTimeField(null=True, blank=True)
    return_borrower_at = models.DateTimeField(null=True, blank=True)
    handover_photo = models.ImageField(
        _("photo at hand-over"), upload_to=RandomName("sharing/loans"), blank=True
    )
    return_photo = models.ImageField(
        _("photo at return"), upload_to=RandomName("sharing/loans"), blank=True
    )
    due_soon_sent_at = models.DateTimeField(null=True, blank=True)
    overdue_sent_at = models.DateTimeField(null=True, blank=True)
    thanks = models.CharField(_("thank-you note"), max_length=300, blank=True)
    thanks_at = models.DateTimeField(null=True, blank=True)
    thanks_shown = models.BooleanField(_("show on our box"), default=False)
    requested_at = models.DateTimeField(auto_now_add=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering: ClassVar[list[str]] = ["-requested_at"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["item", "status"])]

    def __str__(self) -> str:
        return f"{self.item} · {self.starts_on}–{self.due_on}"

    def get_absolute_url(self) -> str:
        return reverse("sharing:loan", args=[self.community.slug, self.pk])


class WaitingEntry(models.Model):
    """A neighbour waiting for an item that is lent out; told in order when it becomes free."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="waiting")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="share_waiting")
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at", "pk"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["item", "member"], name="sharing_wait_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.item}"


class Problem(models.Model):
    class Kind(models.TextChoices):
        DAMAGE = "damage", _("damaged")
        LOSS = "loss", _("lost")
        NOT_RETURNED = "not_returned", _("not returned")
        OTHER = "other", pgettext_lazy("problem", "other")

    class Status(models.TextChoices):
        OPEN = "open", _("open, between neighbours")
        MEDIATION = "mediation", _("the organiser is mediating")
        RESOLVED = "resolved", _("resolved")

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="problems")
    reported_by = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("what happened"), max_length=14, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    mediation_notes = models.TextField(_("mediation notes"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("problem with a loan")
        verbose_name_plural = _("problems with loans")
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.loan}"

    @property
    def community(self) -> Any:
        """The community permissions are asked in: the loan's."""
        return self.loan.community
