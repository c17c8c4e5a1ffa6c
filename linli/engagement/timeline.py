"""Where a project stands: which phases are done, happening now, or still to come, on a given day.

Pure: takes plain dates, imports no Django, so it is tested on its own.

Rules
- A phase is *now* on the days from its start to its end, both included. Phases may overlap
  (visits often go on while a survey is open), so several can be *now* at once.
- Between two phases, nothing is *now*; the page then says which phase comes next.
- A closed project has every phase *done*, whatever the dates said; a project still being planned
  has none *now*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class State(StrEnum):
    DONE = "done"
    NOW = "now"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class Span:
    starts_on: date
    ends_on: date

    def __post_init__(self) -> None:
        if self.ends_on < self.starts_on:
            raise ValueError("a phase cannot end before it starts")


def states(spans: Sequence[Span], today: date, *, closed: bool = False) -> list[State]:
    """The state of each phase, in the order given."""
    if closed:
        return [State.DONE for _span in spans]
    result = []
    for span in spans:
        if span.ends_on < today:
            result.append(State.DONE)
        elif span.starts_on <= today:
            result.append(State.NOW)
        else:
            result.append(State.UPCOMING)
    return result


def next_index(spans: Sequence[Span], today: date) -> int | None:
    """The phase that starts soonest after today (the first in order on a tie), if any."""
    upcoming = [(span.starts_on, i) for i, span in enumerate(spans) if span.starts_on > today]
    return min(upcoming)[1] if upcoming else None


def order(spans: Sequence[Span]) -> list[int]:
    """Positions of the phases sorted by start, then end, then the order they were given in:
    the order residents read them in."""
    return sorted(range(len(spans)), key=lambda i: (spans[i].starts_on, spans[i].ends_on, i))


def outside(span: Span, within: Span) -> bool:
    """True when ``span`` begins before or ends after ``within``."""
    return span.starts_on < within.starts_on or span.ends_on > within.ends_on
