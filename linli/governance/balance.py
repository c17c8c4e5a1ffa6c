"""Seat balance: does the body's make-up match what its charter asks of each constituency?

Plain Python. The charter's seat plan names, per constituency, the fewest and the most seats
(``{"courtyard": [3, 6], "staff": [0, 1]}``); constituencies it does not name are free."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Imbalance:
    constituency: str
    seated: int
    fewest: int
    most: int

    @property
    def too_few(self) -> bool:
        return self.seated < self.fewest


def imbalances(plan: Mapping[str, Sequence[int]], seated: Mapping[str, int]) -> list[Imbalance]:
    found = []
    for constituency, (fewest, most) in sorted(plan.items()):
        count = seated.get(constituency, 0)
        if count < fewest or count > most:
            found.append(Imbalance(constituency, count, fewest, most))
    return found


def would_exceed(plan: Mapping[str, Sequence[int]], seated: Mapping[str, int], adding: str) -> bool:
    """Whether one more seat for ``adding`` goes over the charter's most."""
    if adding not in plan:
        return False
    return seated.get(adding, 0) + 1 > plan[adding][1]
