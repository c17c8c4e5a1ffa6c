"""How a body decides: quorum from attendance, then the majority its charter asks for.

Plain Python, no Django: the same arithmetic for a vote online and a show of hands counted by the
secretary. Members who stand aside for a conflict of interest are not entitled to vote on the
matter, so they count neither for the quorum nor for the majority."""

from __future__ import annotations

from dataclasses import dataclass

SIMPLE, ABSOLUTE, TWO_THIRDS = "simple", "absolute", "two_thirds"


@dataclass(frozen=True)
class Count:
    entitled: int  # serving members entitled to vote on this matter
    present: int  # of them, present (online: those who voted)
    votes_for: int
    votes_against: int
    abstentions: int

    @property
    def cast(self) -> int:
        """Votes for or against; abstentions are present but take no side."""
        return self.votes_for + self.votes_against


def problems(count: Count) -> list[str]:
    """What makes a recorded count impossible, in plain words (empty when it adds up)."""
    found = []
    if count.present > count.entitled:
        found.append("more present than entitled")
    if count.votes_for + count.votes_against + count.abstentions > count.present:
        found.append("more votes than members present")
    return found


def quorum_met(count: Count, quorum_percent: int) -> bool:
    """At least ``quorum_percent`` of the entitled members present (and at least one)."""
    return count.entitled > 0 and count.present * 100 >= quorum_percent * count.entitled


def passes(count: Count, majority: str) -> bool:
    if majority == ABSOLUTE:
        return count.votes_for * 2 > count.entitled
    if majority == TWO_THIRDS:
        return count.cast > 0 and count.votes_for * 3 >= count.cast * 2
    return count.votes_for > count.votes_against


def outcome(count: Count, quorum_percent: int, majority: str) -> str:
    """ "no_quorum", "passed" or "failed"."""
    if not quorum_met(count, quorum_percent):
        return "no_quorum"
    return "passed" if passes(count, majority) else "failed"
