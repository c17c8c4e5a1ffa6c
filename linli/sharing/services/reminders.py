"""Due-soon, overdue and listing reminders, and the sweep that sends them (run by
``tasks.sweep_task``; each reminder is claimed before it is sent, so running it twice sends
nothing new)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from linli.core.notify import notify

from ..models import Item, Loan
from ..queries import _people
from .loans import EXPIRY_NOTICE_DAYS


def _claim(loan: Loan, field_name: str, now: datetime) -> bool:
    """Claim one reminder by a conditional update, so it is sent once even if sweeps overlap."""
    return bool(
        Loan.objects.filter(pk=loan.pk, **{f"{field_name}__isnull": True}).update(
            **{field_name: now}
        )
    )


def send_reminders(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    day = timezone.localdate(now)
    sent = {"due_soon": 0, "overdue": 0, "expiring": 0}
    active = Loan.objects.filter(status=Loan.Status.HANDED_OVER).select_related(
        "item", "community", "borrower__user"
    )
    for loan in active.filter(
        due_on__lte=day + timedelta(days=1), due_on__gte=day, due_soon_sent_at__isnull=True
    ):
        with transaction.atomic():
            if _claim(loan, "due_soon_sent_at", now):
                notify(
                    loan.borrower,
                    "sharing_reminders",
                    (
                        gettext_lazy("Please return %(item)s by %(due)s"),
                        {"item": loan.item.name, "due": loan.due_on},
                    ),
                    gettext_lazy(
                        "A reminder: the loan ends soon. Arrange the return with the "
                        "owner and both confirm it on the page."
                    ),
                    url=loan.get_absolute_url(),
                    community=loan.community,
                )
                sent["due_soon"] += 1
    for loan in active.filter(due_on__lt=day, overdue_sent_at__isnull=True):
        with transaction.atomic():
            if _claim(loan, "overdue_sent_at", now):
                notify(
                    loan.borrower,
                    "sharing_reminders",
                    (
                        gettext_lazy("Overdue: %(item)s was due back on %(due)s"),
                        {"item": loan.item.name, "due": loan.due_on},
                    ),
                    gettext_lazy(
                        "Your household cannot borrow anything else until it is "
                        "returned. If something went wrong, report a problem."
                    ),
                    url=loan.get_absolute_url(),
                    community=loan.community,
                )
                for owner in _people(loan.owner_household):
                    notify(
                        owner,
                        "sharing_reminders",
                        (gettext_lazy("%(item)s has not come back yet"), {"item": loan.item.name}),
                        gettext_lazy(
                            "The borrower has been reminded. If it is lost or damaged, "
                            "report a problem on the loan page."
                        ),
                        url=loan.get_absolute_url(),
                        community=loan.community,
                    )
                sent["overdue"] += 1
    for item in Item.objects.filter(
        expires_on__gte=day,
        expires_on__lte=day + timedelta(days=EXPIRY_NOTICE_DAYS),
        expiry_reminded_on__isnull=True,
    ).select_related("community"):
        with transaction.atomic():
            claimed = Item.objects.filter(pk=item.pk, expiry_reminded_on__isnull=True).update(
                expiry_reminded_on=day
            )
            if claimed:
                for owner in _people(item.household):
                    notify(
                        owner,
                        "sharing_reminders",
                        (
                            gettext_lazy("%(item)s leaves the board on %(day)s"),
                            {"item": item.name, "day": item.expires_on},
                        ),
                        gettext_lazy("Renew the listing if you still lend it."),
                        url=item.get_absolute_url(),
                        community=item.community,
                    )
                sent["expiring"] += 1
    return sent


def sweep(now: datetime | None = None) -> dict[str, int]:
    """The periodic job (``linli sweep``): due-soon, overdue and expiry reminders."""
    return send_reminders(now)
