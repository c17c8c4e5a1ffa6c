"""Commands of resident bodies: setting a body up, seats and offices, motions decided online or
at a meeting, and conflicts of interest. Every state change here is a ``@command``."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import Refused, audit, command
from linli.core.models import Community, Member, Place
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.participation.models import Channel

from . import acts, balance, decide, queries, subjects
from .models import (
    OFFICERS,
    Ballot,
    Body,
    Charter,
    Conflict,
    Constituency,
    Majority,
    Motion,
    Office,
    Seat,
)

CHARTER_FIELDS = (
    "purpose",
    "powers",
    "quorum_percent",
    "majority",
    "term_months",
    "join_rules",
    "leave_rules",
    "courtyard_conflicts",
    "seat_plan",
)
SINGLE_OFFICES = (Office.CHAIR, Office.VICE_CHAIR, Office.SECRETARY)


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _snapshot(obj: Model, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


# --- Charter ------------------------------------------------------------------------------


def _clean_charter(values: dict[str, Any]) -> dict[str, Any]:
    clean = {name: values[name] for name in CHARTER_FIELDS if name in values}
    if not str(clean.get("purpose", "")).strip():
        raise Refused(_("Write the purpose of the body."), "purpose")
    if not 1 <= int(clean.get("quorum_percent", 50)) <= 100:
        raise Refused(_("The quorum is a percentage from 1 to 100."), "quorum_percent")
    if clean.get("majority", Majority.SIMPLE) not in Majority.values:
        raise Refused(_("Choose one of the listed majorities."), "majority")
    if int(clean.get("term_months", 24)) < 1:
        raise Refused(_("A term lasts at least one month."), "term_months")
    plan = clean.get("seat_plan") or {}
    for constituency, limits in plan.items():
        if constituency not in Constituency.values or len(limits) != 2:
            raise Refused(_("The seat plan names an unknown constituency."), "seat_plan")
        fewest, most = int(limits[0]), int(limits[1])
        if fewest < 0 or most < fewest:
            raise Refused(
                _("In the seat plan, the most seats cannot be fewer than the fewest."), "seat_plan"
            )
    clean["seat_plan"] = {k: [int(v[0]), int(v[1])] for k, v in plan.items()}
    return clean


@command("governance.manage", on="community")
def create_body(
    actor: Any,
    community: Community,
    *,
    kind: str,
    name: str,
    charter: dict[str, Any],
    area: Place | None = None,
) -> Body:
    """Organisers set a body up with the founding charter drafted at its first meeting."""
    if kind not in Body.Kind.values:
        raise Refused(_("Choose one of the listed kinds of body."), "kind")
    if not name.strip():
        raise Refused(_("Give the body a name."), "name")
    if area is not None and area.community_id != community.pk:
        raise Refused(_("Choose a courtyard of this community."), "area")
    clean = _clean_charter(charter)
    body = Body.objects.create(community=community, kind=kind, name=name.strip(), area=area)
    founding = Charter.objects.create(body=body, version=1, **clean)
    audit("governance.body_created", body, after={"name": body.name, "kind": kind})
    audit("governance.charter_adopted", founding, after=_snapshot(founding, CHARTER_FIELDS))
    return body


def _adopt_charter(motion: Motion) -> Charter:
    body = motion.body
    current = body.charter
    values = _snapshot(current, CHARTER_FIELDS) | _clean_charter(
        _snapshot(current, CHARTER_FIELDS) | motion.payload.get("charter", {})
    )
    amended = Charter.objects.create(
        body=body, version=current.version + 1, adopted_by=motion, **values
    )
    audit(
        "governance.charter_adopted",
        amended,
        before=_snapshot(current, CHARTER_FIELDS),
        after=values,
    )
    return amended


# --- Seats --------------------------------------------------------------------------------


def _check_seat(body: Body, member: Member, constituency: str, office: str) -> None:
    if member.community_id != body.community_id or not member.is_verified:
        raise Refused(_("Only verified residents of this community hold a seat."), "member")
    if constituency not in Constituency.values:
        raise Refused(_("Choose one of the listed constituencies."), "constituency")
    if office not in Office.values:
        raise Refused(_("Choose one of the listed offices."), "office")
    if queries.seat_of(body, member) is not None:
        raise Refused(_("This person already holds a seat on the body."), "member")
    if office in SINGLE_OFFICES and queries.serving(body).filter(office=office).exists():
        raise Refused(
            _("The body already has a %(office)s; they must step down first.")
            % {"office": Office(office).label},
            "office",
        )
    if balance.would_exceed(body.charter.seat_plan, queries.seat_counts(body), constituency):
        raise Refused(
            _("The charter allows no more seats for %(constituency)s.")
            % {"constituency": Constituency(constituency).label},
            "constituency",
        )


def _seat(body: Body, member: Member, constituency: str, office: str, duties: str = "") -> Seat:
    _check_seat(body, member, constituency, office)
    today = timezone.localdate()
    try:
        with transaction.atomic():
            seat = Seat.objects.create(
                body=body,
                member=member,
                constituency=constituency,
                office=office,
                duties=duties.strip(),
                term_start=today,
                term_end=add_months(today, body.charter.term_months),
            )
    except IntegrityError:
        raise Refused(_("This person already holds a seat on the body."), "member") from None
    acts.seated(seat)
    audit("governance.seated", seat, after={"member": member.name, "office": office})
    return seat


@command("governance.manage", on="body", lock=True)
def seat_member(
    actor: Any,
    body: Body,
    member: Member,
    constituency: str,
    office: str = Office.MEMBER,
    duties: str = "",
) -> Seat:
    """Organisers seat the founding members chosen at the first meeting (with or without an
    account). Later members join by a motion of the body."""
    return _seat(body, member, constituency, office, duties)


def _leave(seat: Seat, how: str, note: str) -> Seat:
    before = {"status": seat.status}
    seat.status, seat.left_how = Seat.Status.LEFT, how
    seat.left_at, seat.left_note = timezone.now(), note.strip()
    seat.save(update_fields=["status", "left_how", "left_at", "left_note"])
    audit("governance.seat_ended", seat, before=before, after={"status": seat.status, "how": how})
    return seat


@command("governance.run_body", on="seat", lock=True)
def record_resignation(actor: Any, seat: Seat, note: str = "") -> Seat:
    """An officer records that a member stepped down (said at a meeting, or in writing)."""
    if seat.status != Seat.Status.SERVING:
        raise Refused(_("This member no longer serves."))
    return _leave(seat, Seat.Left.RESIGNED, note)


@command("governance.run_body", on="seat", lock=True)
def change_office(actor: Any, seat: Seat, office: str) -> Seat:
    if seat.status != Seat.Status.SERVING:
        raise Refused(_("This member no longer serves."))
    if office not in Office.values:
        raise Refused(_("Choose one of the listed offices."), "office")
    taken = queries.serving(seat.body).filter(office=office).exclude(pk=seat.pk)
    if office in SINGLE_OFFICES and taken.exists():
        raise Refused(
            _("The body already has a %(office)s; they must step down first.")
            % {"office": Office(office).label},
            "office",
        )
    before = {"office": seat.office}
    seat.office = office
    seat.save(update_fields=["office"])
    audit("governance.office_changed", seat, before=before, after={"office": office})
    return seat


def expire_terms() -> int:
    """Seats whose term has ended leave the body, kept in the history as "term ended". Run by the
    sweep, never by a page."""
    with transaction.atomic():
        ended = Seat.objects.filter(status=Seat.Status.SERVING, term_end__lt=timezone.localdate())
        return ended.update(
            status=Seat.Status.LEFT, left_how=Seat.Left.TERM_ENDED, left_at=timezone.now()
        )


def sweep() -> dict[str, int]:
    return {"terms_ended": expire_terms()}


# --- Conflicts ----------------------------------------------------------------------------


def stand_aside(body: Body, member: Member, subject: Model, source: str, reason: str) -> Conflict:
    """Record that ``member`` stands aside from ``subject`` (inside a running command: another
    module's command calls this when it detects an applicant or a team member on the body)."""
    kind, pk = queries.subject_key(subject)
    conflict, created = Conflict.objects.get_or_create(
        body=body,
        member=member,
        subject_type=kind,
        subject_id=pk,
        defaults={"subject_title": str(subject)[:200], "source": source, "reason": reason[:300]},
    )
    if created:
        audit("governance.stood_aside", conflict, after={"member": member.name, "reason": reason})
    return conflict


def detect_conflicts(body: Body, subject: Model) -> list[Conflict]:
    """Members found conflicted with a matter, without their declaring it: its applicant, its
    team (a ``crew`` of people with a ``member``), and - where the charter says so - those living
    in its courtyard (the matter's ``area``). Runs inside the command that opens the matter."""
    serving = {seat.member_id: seat.member for seat in queries.serving(body)}
    found: list[Conflict] = []
    applicant_id = getattr(subject, "applicant_id", None)
    if applicant_id in serving:
        found.append(
            stand_aside(
                body, serving[applicant_id], subject, Conflict.Source.APPLICANT, _("applicant")
            )
        )
    crew = getattr(subject, "crew", None)
    if crew is not None:
        for member_id in crew.values_list("member_id", flat=True):
            if member_id in serving:
                found.append(
                    stand_aside(
                        body, serving[member_id], subject, Conflict.Source.TEAM, _("team member")
                    )
                )
    area_id = getattr(subject, "area_id", None)
    if body.charter.courtyard_conflicts and area_id is not None:
        for member in serving.values():
            if member.household is not None and member.household.area_id == area_id:
                found.append(
                    stand_aside(
                        body,
                        member,
                        subject,
                        Conflict.Source.COURTYARD,
                        _("lives in that courtyard"),
                    )
                )
    return found


@command("governance.view", on="body")
def note_conflicts(actor: Any, body: Body, subject: Model) -> list[Conflict]:
    """Another module records a matter before the body (an application submitted, a team member
    added): members found conflicted with it stand aside at once, without declaring it."""
    return detect_conflicts(body, subject)


@command("governance.declare_conflict", on="body")
def declare_conflict(
    actor: Any, body: Body, subject: Model, reason: str, member: Member | None = None
) -> Conflict:
    """A member declares a conflict with a matter; an officer may record one that a member
    without an account declared at a meeting."""
    own = member_of(actor, body.community)
    member = member or own
    if member is None or queries.seat_of(body, member) is None:
        raise Refused(_("Only members serving on the body declare a conflict."), "member")
    if member != own and not queries.is_officer(body, actor):
        from linli.core.permissions import can

        if not can(actor, "governance.manage", body.community):
            raise Refused(_("Only an officer records a conflict for another member."), "member")
    if not reason.strip():
        raise Refused(_("Say what the conflict is, e.g. you live in that courtyard."), "reason")
    return stand_aside(body, member, subject, Conflict.Source.DECLARED, reason.strip())


# --- Motions ------------------------------------------------------------------------------


@command("governance.run_body", on="body")
def open_motion(
    actor: Any,
    body: Body,
    *,
    kind: str,
    method: str,
    title: str,
    text: str = "",
    subject: Model | None = None,
    seat: Seat | None = None,
    payload: dict[str, Any] | None = None,
) -> Motion:
    return put_motion(
        actor,
        body,
        kind=kind,
        method=method,
        title=title,
        text=text,
        subject=subject,
        seat=seat,
        payload=payload,
    )


def put_motion(
    actor: Any,
    body: Body,
    *,
    kind: str,
    method: str,
    title: str,
    text: str = "",
    subject: Model | None = None,
    seat: Seat | None = None,
    payload: dict[str, Any] | None = None,
) -> Motion:
    """Open a motion inside a running command whose rule already allowed it (``open_motion``
    for officers; a resident's application to join; another module's command on its matter)."""
    if kind not in Motion.Kind.values:
        raise Refused(_("Choose one of the listed kinds of motion."), "kind")
    if method not in Motion.Method.values:
        raise Refused(_("Choose how the body decides."), "method")
    if not title.strip():
        raise Refused(_("Write the question put to the body."), "title")
    if kind == Motion.Kind.REMOVE and (seat is None or seat.status != Seat.Status.SERVING):
        raise Refused(_("Choose a member serving on this body."), "seat")
    if kind == Motion.Kind.CHARTER:
        _clean_charter(_snapshot(body.charter, CHARTER_FIELDS) | (payload or {}).get("charter", {}))
    subject_type, subject_id = queries.subject_key(subject) if subject is not None else ("", None)
    motion = Motion.objects.create(
        body=body,
        kind=kind,
        method=method,
        title=title.strip(),
        text=text.strip(),
        subject_type=subject_type,
        subject_id=subject_id,
        seat=seat,
        payload=payload or {},
        opened_by=actor,
    )
    audit("governance.motion_opened", motion, after={"title": motion.title, "method": method})
    if subject is not None:
        detect_conflicts(body, subject)
    if method == Motion.Method.ONLINE:
        for held in queries.entitled(motion):
            notify(
                held.member,
                "governance_motion",
                (gettext_lazy("%(body)s votes on: %(title)s"), {"body": body.name, "title": title}),
                text[:300],
                url=motion.get_absolute_url(),
                community=body.community,
            )
    return motion


def _refuse_if_standing_aside(motion: Motion, member: Member) -> None:
    conflict = queries.motion_conflicts(motion).filter(member=member).first()
    if conflict is not None:
        raise Refused(
            _("You stand aside on this matter (%(reason)s), so you do not vote on it.")
            % {"reason": conflict.reason}
        )
    if motion.kind == Motion.Kind.REMOVE and motion.seat and motion.seat.member_id == member.pk:
        raise Refused(_("You cannot vote on your own removal."))


def _refuse_officer_standing_aside(motion: Motion, actor: Any) -> None:
    """An officer who stands aside on the matter neither records nor confirms its count."""
    member = member_of(actor, motion.body.community)
    if member is not None and queries.motion_conflicts(motion).filter(member=member).exists():
        raise Refused(_("You stand aside on this matter, so another officer does this."))


@command("governance.vote", on="motion", lock=True)
def vote(actor: Any, motion: Motion, choice: str) -> Ballot:
    member = member_of(actor, motion.body.community)
    assert member is not None  # the rule checked the seat
    _refuse_if_standing_aside(motion, member)
    if choice not in Ballot.Choice.values:
        raise Refused(_("Choose for, against or abstain."), "choice")
    ballot, _created = Ballot.objects.update_or_create(
        motion=motion, member=member, defaults={"choice": choice}
    )
    acts.voted(member, motion, Channel.ONLINE)
    audit("governance.voted", motion)  # how he voted stays in the ballot, not the public log
    return ballot


@command("governance.close_vote", on="motion", lock=True)
def close_vote(actor: Any, motion: Motion) -> Motion:
    """Count an online vote: those who voted are the members present."""
    allowed = set(queries.entitled(motion).values_list("member_id", flat=True))
    counted = [b for b in motion.ballots.all() if b.member_id in allowed]
    count = decide.Count(
        entitled=len(allowed),
        present=len(counted),
        votes_for=sum(b.choice == Ballot.Choice.FOR for b in counted),
        votes_against=sum(b.choice == Ballot.Choice.AGAINST for b in counted),
        abstentions=sum(b.choice == Ballot.Choice.ABSTAIN for b in counted),
    )
    motion.present.set([b.member_id for b in counted])
    return _decide(motion, count)


@command("governance.record_count", on="motion", lock=True)
def record_count(
    actor: Any,
    motion: Motion,
    *,
    present: list[Member],
    votes_for: int,
    votes_against: int,
    abstentions: int,
) -> Motion:
    """The secretary records a show of hands or a paper ballot: who was present and the count.
    It counts once a second officer confirms it."""
    _refuse_officer_standing_aside(motion, actor)
    serving = {seat.member_id for seat in queries.serving(motion.body)}
    if not present or any(member.pk not in serving for member in present):
        raise Refused(_("Tick the members present; only members serving count."), "present")
    entitled = set(queries.entitled(motion).values_list("member_id", flat=True))
    count = decide.Count(
        entitled=len(entitled),
        present=len([m for m in present if m.pk in entitled]),
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
    )
    if min(votes_for, votes_against, abstentions) < 0 or decide.problems(count):
        raise Refused(
            _(
                "The count does not add up: there are more votes than members present who may "
                "vote (members standing aside do not vote)."
            ),
            "votes_for",
        )
    motion.present.set(present)
    motion.votes_for, motion.votes_against = votes_for, votes_against
    motion.abstentions, motion.entitled = abstentions, count.entitled
    motion.status, motion.recorded_by, motion.recorded_at = (
        Motion.Status.RECORDED,
        actor,
        timezone.now(),
    )
    motion.save()
    channel = Channel.PAPER if motion.method == Motion.Method.PAPER else Channel.IN_PERSON
    acts.ran(member_of(actor, motion.body.community), motion, channel)
    audit("governance.count_recorded", motion, after=_count_record(motion))
    return motion


@command("governance.confirm_count", on="motion", lock=True)
def confirm_count(actor: Any, motion: Motion) -> Motion:
    if motion.recorded_by_id == actor.pk:
        raise Refused(_("A second officer confirms the count, not the one who recorded it."))
    _refuse_officer_standing_aside(motion, actor)
    entitled = set(queries.entitled(motion).values_list("member_id", flat=True))
    count = decide.Count(
        entitled=motion.entitled,
        present=motion.present.filter(pk__in=entitled).count(),
        votes_for=motion.votes_for,
        votes_against=motion.votes_against,
        abstentions=motion.abstentions,
    )
    motion.confirmed_by = actor
    decided = _decide(motion, count)
    channel = Channel.PAPER if motion.method == Motion.Method.PAPER else Channel.IN_PERSON
    acts.ran(member_of(actor, motion.body.community), motion, channel)
    for member in motion.present.all():
        acts.voted(member, motion, channel, recorded_by=motion.recorded_by)
    return decided


def _count_record(motion: Motion) -> dict[str, Any]:
    return {
        "method": motion.method,
        "present": sorted(m.name for m in motion.present.all()),
        "for": motion.votes_for,
        "against": motion.votes_against,
        "abstain": motion.abstentions,
        "entitled": motion.entitled,
    }


def _decide(motion: Motion, count: decide.Count) -> Motion:
    charter = motion.body.charter
    motion.votes_for, motion.votes_against = count.votes_for, count.votes_against
    motion.abstentions, motion.entitled = count.abstentions, count.entitled
    motion.status = decide.outcome(count, charter.quorum_percent, charter.majority)
    motion.stood_aside = [
        {"name": c.member.name, "reason": c.reason, "matter": c.subject_title}
        for c in queries.motion_conflicts(motion)
    ]
    motion.closed_at = timezone.now()
    motion.save()
    if motion.status == Motion.Status.PASSED:
        _apply(motion)
        # 公示 (issue 19): an adopted resolution residents live with goes under public notice.
        from linli.disclosure.services import publicise_decision

        publicise_decision("governance.resolution", motion)
    subjects.decided(motion)
    audit(
        "governance.motion_decided",
        motion,
        after=_count_record(motion) | {"outcome": motion.status},
    )
    return motion


def _apply(motion: Motion) -> None:
    """What an adopted motion changes in the body itself."""
    if motion.kind == Motion.Kind.CHARTER:
        _adopt_charter(motion)
    elif motion.kind == Motion.Kind.REMOVE and motion.seat is not None:
        _leave(motion.seat, Seat.Left.REMOVED, motion.text)
    elif motion.kind == Motion.Kind.ADMIT:
        wanted = motion.payload
        member = Member.objects.get(pk=wanted["member"], community=motion.body.community)
        office = wanted.get("office", Office.MEMBER)
        if office in SINGLE_OFFICES and queries.serving(motion.body).filter(office=office):
            office = Office.MEMBER  # the office was filled meanwhile: he joins as a member
        _seat(motion.body, member, wanted["constituency"], office, wanted.get("duties", ""))


__all__ = [
    "OFFICERS",
    "add_months",
    "change_office",
    "close_vote",
    "confirm_count",
    "create_body",
    "declare_conflict",
    "note_conflicts",
    "open_motion",
    "put_motion",
    "record_count",
    "record_resignation",
    "seat_member",
    "stand_aside",
    "sweep",
    "vote",
]
