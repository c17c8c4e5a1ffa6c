"""Background work: tell organisers, once a day, about items whose answer is late."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy
from django_tasks import task

from linli.core.models import Member, Role
from linli.core.notify import notify

from . import queries
from .models import Item

STAFF_ROLES = (Role.ORGANISER, Role.COMMUNITY_ADMIN)


def remind() -> dict[str, int]:
    told = 0
    late = queries.late_items()
    for item in late:
        today = queries.today_in(item.community)
        if item.late_reminded_on == today:
            continue  # safe to run every five minutes
        staff = Member.objects.filter(
            community=item.community, role__in=STAFF_ROLES, status=Member.Status.VERIFIED
        ).filter(~Q(user=None))
        for person in staff:
            notify(
                person,
                "feedback_late",
                (gettext_lazy("The answer to “%(title)s” is late"), {"title": item.heading}),
                (gettext_lazy("It was due on %(date)s."), {"date": item.due_on}),
                url=item.get_absolute_url(),
                community=item.community,
            )
            told += 1
        Item.objects.filter(pk=item.pk).update(late_reminded_on=today)
    return {"late_items": len(late), "organisers_told": told}


@task()
def remind_late_items() -> dict[str, int]:
    return remind()
