"""The participation ledger for what people do in a resident body, each at its depth on the
ladder (seed 001 part 7), all under the ledger method ``governance``:

- a member who takes a seat shares the body's decisions: *collaborating*; an officer (chair,
  vice-chair, secretary) runs its business: *leading*;
- a member who votes on a motion, online or present at a show of hands or paper ballot:
  *involved*;
- the officer who records a count at a meeting or confirms it: *leading*;
- a resident who comments on a matter before a body (a convention's article, typed in by staff
  from a 坝坝会 or online): *consulted*.

Each function runs inside the command that does the act (``linli.core.kit.ledger``); recording
the same act about the same matter twice keeps the first row."""

from __future__ import annotations

from typing import Any

from linli.core.kit import ledger
from linli.core.models import Member
from linli.participation.models import Channel, Depth, Method

from .models import OFFICERS, Motion, Seat

METHOD = Method.GOVERNANCE


def seated(seat: Seat, channel: str = Channel.IN_PERSON) -> Any:
    depth = Depth.LEADING if seat.office in OFFICERS else Depth.COLLABORATING
    return ledger(seat.member, method=METHOD, channel=channel, depth=depth, source=seat)


def voted(member: Member, motion: Motion, channel: str, recorded_by: Any = None) -> Any:
    return ledger(
        member,
        method=METHOD,
        channel=channel,
        depth=Depth.INVOLVED,
        source=motion,
        recorded_by=recorded_by,
    )


def ran(member: Member | None, source: Any, channel: str = Channel.IN_PERSON) -> Any:
    """An officer recorded or confirmed a count, or put a matter to the body."""
    if member is None:
        return None
    return ledger(member, method=METHOD, channel=channel, depth=Depth.LEADING, source=source)


def commented(
    member: Member, source: Any, channel: str = Channel.ONLINE, recorded_by: Any = None
) -> Any:
    """For modules that put a matter to residents through a body (e.g. conventions)."""
    return ledger(
        member,
        method=METHOD,
        channel=channel,
        depth=Depth.CONSULTED,
        source=source,
        recorded_by=recorded_by,
    )


def attended(member: Member, meeting: Any, recorded_by: Any = None) -> Any:
    """A member of the body at one of its meetings deliberates and decides with the others:
    *collaborating*, about the meetings-module meeting."""
    return ledger(
        member,
        method=METHOD,
        channel=Channel.IN_PERSON,
        depth=Depth.COLLABORATING,
        source=meeting,
        recorded_by=recorded_by,
    )


def carried_out(member: Member, resolution: Any, channel: str, recorded_by: Any = None) -> Any:
    """The owner of a resolution carried it out and reported back: *leading*."""
    return ledger(
        member,
        method=METHOD,
        channel=channel,
        depth=Depth.LEADING,
        source=resolution,
        recorded_by=recorded_by,
    )
