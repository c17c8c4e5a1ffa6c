"""Commands of the supervision committee: a member raises a formal query on a spending line, an
award or a decision; staff answer it in public. Every state change here is a ``@command``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import Refused, audit, command, ledger
from linli.core.models import Community
from linli.core.notify import notify
from linli.participation.models import Channel, Depth, Method

from . import books, queries
from .models import Query

DAYS_TO_ANSWER = 15  # working practice of 社区监督委员会: an answer within half a month


@command("supervision.raise_query", on="community")
def raise_query(
    actor: Any, community: Community, *, subject: str, question: str, due_on: date | None = None
) -> Query:
    seat = queries.seat_on_committee(actor, community)
    line = books.find(community, subject) if subject else None
    if subject and line is None:
        raise Refused(
            _("Choose a spending line, an award or a decision of this community."), "subject"
        )
    if not question.strip():
        raise Refused(_("Write the question the staff must answer."), "question")
    today = timezone.localdate()
    due = due_on or today + timedelta(days=DAYS_TO_ANSWER)
    if due <= today:
        raise Refused(_("The answer is due on a later day."), "due_on")
    query = Query.objects.create(
        community=community,
        body=seat.body,
        subject=subject,
        subject_title=(line.title if line else _("the committee's own question"))[:200],
        subject_url=line.url if line else "",
        question=question.strip(),
        asked_by=seat.member,
        due_on=due,
    )
    ledger(
        seat.member,
        method=Method.OTHER,
        channel=Channel.ONLINE,
        depth=Depth.INVOLVED,
        source=query,
    )
    audit("supervision.query_raised", query, after={"subject": subject, "due_on": str(due)})
    return query


@command("supervision.answer_query", on="query", lock=True)
def answer(actor: Any, query: Query, text: str) -> Query:
    if not text.strip():
        raise Refused(_("Write the answer; it is published as written."), "answer")
    query.answer = text.strip()
    query.status = Query.Status.ANSWERED
    query.answered_by = actor
    query.answered_at = timezone.now()
    query.save()
    audit("supervision.query_answered", query, after={"late": query.answered_late})
    notify(
        query.asked_by,
        "supervision_answers",
        (gettext_lazy("Your query is answered: %(title)s"), {"title": query.subject_title}),
        query.answer[:300],
        url=query.get_absolute_url(),
        community=query.community,
    )
    return query
