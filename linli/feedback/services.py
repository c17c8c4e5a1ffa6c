"""Commands on feedback: reporting (online by a resident, or entered by staff from the hotline, a
home visit, a 坝坝会 or a team leader), "me too", routing, the public answer, closing with a
report-back, and handing an item on as a proposal or to a body's agenda. Each is a ``@command``:
one transaction, the permission or rule checked for the actor, the audit log and the ledger
written inside it. What people read is in ``queries.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as snapshots
from linli.core import photos
from linli.core.kit import Forbidden, Refused, audit, command, ledger
from linli.core.models import Community, Household, Member, Partner, Place, User
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.participation.models import Channel as LedgerChannel
from linli.participation.models import Depth, Method

from . import agenda, grouping, queries, sla
from .models import Category, Channel, Item, MeToo, Report, Responsible

NOTIFY_KIND = "feedback_answer"

# How each way of reaching us is written in the participation ledger.
LEDGER_CHANNEL = {
    Channel.ONLINE: LedgerChannel.ONLINE,
    Channel.PHONE: LedgerChannel.PHONE,
    Channel.HOME_VISIT: LedgerChannel.DOOR_TO_DOOR,
    Channel.YARD_MEETING: LedgerChannel.IN_PERSON,
    Channel.TEAM_LEADER: LedgerChannel.ASSISTED,
    Channel.PAPER: LedgerChannel.PAPER,
}


@dataclass(frozen=True)
class ReportInput:
    category: str
    text: str
    place: Place | None = None
    photo: Any = None


@dataclass(frozen=True)
class Filed:
    report: Report
    joined: bool  # True: grouped with an item others reported already


def _check(community: Community, data: ReportInput) -> str:
    text = data.text.strip()
    if not text:
        raise Refused(_("Say what the problem or need is."), "text")
    if data.category not in Category.values:
        raise Refused(_("Choose a category from the list."), "category")
    if data.place is not None and data.place.community_id != community.pk:
        raise Refused(
            _("This place is not in %(community)s. Choose a courtyard or building from the list.")
            % {"community": community.name},
            "place",
        )
    return text


def _file(
    actor: User,
    community: Community,
    data: ReportInput,
    *,
    member: Member | None,
    household: Household | None,
    channel: str,
    caller: str = "",
) -> Filed:
    text = _check(community, data)
    area = data.place.area if data.place is not None else None
    match = grouping.best_match(
        text, area.pk if area else None, data.category, queries.candidates(community)
    )
    item = Item.objects.filter(pk=int(str(match))).first() if match is not None else None
    if item is not None and member is not None and item.reports.filter(member=member).exists():
        raise Refused(
            _(
                "You have already reported this problem: it is the item “%(title)s”. We kept "
                "your first report; follow the item for its answer."
            )
            % {"title": item.heading},
            "text",
        )
    photo = None
    if data.photo:
        try:
            photo = photos.shrink(data.photo)
        except Refused as error:
            raise Refused(error.message, "photo") from None
    joined = item is not None
    if item is None:
        item = Item.objects.create(community=community, category=data.category, area=area)
    else:
        item.save(update_fields=["updated_at"])  # most recently active first in the grouping
    report = Report.objects.create(
        community=community,
        item=item,
        member=member,
        caller=caller.strip() if member is None else "",
        household=household,
        place=data.place,
        category=data.category,
        text=text,
        photo=photo or "",
        channel=channel,
        recorded_by=actor,
    )
    if member is not None:
        ledger(
            member,
            method=Method.FEEDBACK,
            channel=LEDGER_CHANNEL[Channel(channel)],
            depth=Depth.CONSULTED,
            source=report,
            recorded_by=actor if channel != Channel.ONLINE else None,
        )
    audit("feedback.report", report, after=_report_snapshot(report))
    return Filed(report, joined)


def _report_snapshot(report: Report) -> dict[str, Any]:
    # core.audit.snapshot reads a file field's URL, which an empty photo does not have.
    return {
        "item": report.item_id,
        "member": report.member_id,
        "caller": report.caller,
        "place": report.place_id,
        "category": report.category,
        "text": report.text,
        "channel": report.channel,
        "photo": report.photo.name if report.photo else "",
    }


@command("feedback.report", on="community")
def report(actor: User, community: Community, data: ReportInput) -> Filed:
    """A resident reports online, about their own household."""
    member = member_of(actor, community)
    assert member is not None  # a resident's standing needs a membership
    return _file(
        actor, community, data, member=member, household=member.household, channel=Channel.ONLINE
    )


@command("feedback.manage", on="community")
def enter_report(
    actor: User,
    community: Community,
    data: ReportInput,
    *,
    channel: str,
    member: Member | None = None,
    caller: str = "",
) -> Filed:
    """Staff enter what a resident said on the phone, at the door, at a 坝坝会 or through a team
    leader. The resident may be a member (their ledger row is written) or a caller's name."""
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise Refused(_("Choose how the report reached you."), "channel")
    if member is not None and member.community_id != community.pk:
        raise Refused(_("Choose a resident of this community."), "member")
    if member is None and not caller.strip():
        raise Refused(_("Choose the resident, or write the caller's name."), "caller")
    household = member.household if member is not None else None
    return _file(
        actor,
        community,
        data,
        member=member,
        household=household,
        channel=channel,
        caller=caller,
    )


@command("feedback.me_too", on="item", lock=True)
def me_too(actor: User, item: Item) -> MeToo:
    member = member_of(actor, item.community)
    if member is None:  # a site administrator passes the role check without a membership
        raise Forbidden(_("Only members of this community can do this."))
    if queries.counted(member, item):
        raise Refused(_("You are already counted for this item."))
    added = MeToo.objects.create(item=item, member=member, household=member.household)
    ledger(
        member,
        method=Method.FEEDBACK,
        channel=LedgerChannel.ONLINE,
        depth=Depth.CONSULTED,
        source=added,
    )
    audit("feedback.me_too", item, after={"member": member.pk})
    return added


@command("feedback.route", on="item", lock=True)
def route(
    actor: User,
    item: Item,
    responsible: str,
    *,
    name: str = "",
    partner: Partner | None = None,
    due_on: date | None = None,
    title: str = "",
) -> Item:
    """Pass the item to who is responsible; the answer is due by the body's service time unless
    another date is given."""
    if responsible not in Responsible.values:
        raise Refused(_("Choose who is responsible."), "responsible")
    if responsible == Responsible.PARTNER and partner is None:
        raise Refused(_("Choose the partner organisation."), "partner")
    if partner is not None and partner.community_id != item.community_id:
        raise Refused(_("Choose partners of this community only."), "partner")
    today = queries.today_in(item.community)
    if due_on is not None and due_on < today:
        raise Refused(_("The answer cannot be due in the past."), "due_on")
    before = snapshots.snapshot(item)
    item.responsible = responsible
    item.responsible_name = name.strip()
    item.partner = partner if responsible == Responsible.PARTNER else None
    item.due_on = due_on or sla.due_on(responsible, today)
    item.routed_at = timezone.now()
    if title.strip():
        item.title = title.strip()
    if item.status == Item.Status.NEW:
        item.status = Item.Status.ROUTED
    item.save()
    audit("feedback.route", item, before=before, after=snapshots.snapshot(item))
    return item


def _tell(item: Item, title: Any, body: str) -> int:
    people = queries.people_to_tell(item)
    for person in people:
        notify(
            person, NOTIFY_KIND, title, body, url=item.get_absolute_url(), community=item.community
        )
    return len(people)


@command("feedback.answer", on="item", lock=True)
def answer(actor: User, item: Item, text: str) -> int:
    """Publish the answer; everyone behind the item is told. Returns how many were told."""
    if not text.strip():
        raise Refused(_("Write the answer residents will read."), "answer")
    before = snapshots.snapshot(item)
    item.answer = text.strip()
    item.answered_at = timezone.now()
    item.status = Item.Status.ANSWERED
    item.save()
    audit("feedback.answer", item, before=before, after=snapshots.snapshot(item))
    return _tell(
        item,
        (gettext_lazy("An answer to “%(title)s”"), {"title": item.heading}),
        item.answer,
    )


@command("feedback.close", on="item", lock=True)
def close(actor: User, item: Item, report_back: str) -> int:
    """Close the item with a report-back: what was done (or why nothing could be)."""
    if not report_back.strip():
        raise Refused(
            _("Write the report-back: what was done, or why it could not be done."), "report_back"
        )
    before = snapshots.snapshot(item)
    item.report_back = report_back.strip()
    item.closed_at = timezone.now()
    item.status = Item.Status.CLOSED
    item.save()
    audit("feedback.close", item, before=before, after=snapshots.snapshot(item))
    return _tell(
        item,
        (gettext_lazy("“%(title)s” is closed: what was done"), {"title": item.heading}),
        item.report_back,
    )


PROPOSAL_CATEGORY = {
    Category.ENVIRONMENT: "environment",
    Category.DRAINAGE: "facilities",
    Category.REPAIRS: "facilities",
    Category.SAFETY: "safety",
    Category.SERVICES: "services",
}


@command("feedback.make_proposal", on="item", lock=True)
def make_proposal(actor: User, item: Item, title: str, body: str) -> Any:
    """Turn the item into a published proposal, written by the organiser for the residents behind
    it, through the proposals module's own services. The item stays open: its answer follows the
    proposal."""
    from linli.proposals import services as proposals
    from linli.proposals.models import Proposal

    if not title.strip() or not body.strip():
        raise Refused(_("Give the proposal a title and say what it proposes."), "title")
    member = member_of(actor, item.community)
    if member is None:
        raise Refused(_("Only a member of this community can write its proposals."))
    proposal = Proposal(
        community=item.community,
        title=title.strip()[:120],
        body=body.strip(),
        area=item.area,
        category=PROPOSAL_CATEGORY.get(Category(item.category), "other"),
    )
    proposals.save_draft(actor, proposal)
    proposals.publish(actor, proposal)
    before = snapshots.snapshot(item)
    item.proposal = proposal
    item.save()
    audit("feedback.make_proposal", item, before=before, after=snapshots.snapshot(item))
    return proposal


@command("feedback.route", on="item", lock=True)
def send_to_agenda(actor: User, item: Item, body_name: str) -> Item:
    """Put the item on a body's agenda (see ``agenda.py``: the governance module's hook)."""
    if not body_name.strip():
        raise Refused(_("Name the body whose agenda this goes on."), "body")
    before = snapshots.snapshot(item)
    item.agenda_body = body_name.strip()
    item.agenda_url = agenda.hand_over(actor, item, item.agenda_body)
    item.save()
    audit("feedback.agenda", item, before=before, after=snapshots.snapshot(item))
    return item
