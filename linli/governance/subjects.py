"""What other modules tell governance about the matters they put to a body - a contest, an
application, a grant round - without governance naming any of them.

A module registers, once its app is ready, for the ``app_label.model`` of its matter::

    subjects.register(
        "reviews.contest",
        parts=lambda contest_id: ("reviews.application", [ids of its applications]),
        decided=apply_contest_motion,
    )

- ``parts(subject_id)``: the smaller matters inside it. A member who stands aside on any part
  stands aside on the whole (an applicant does not vote on the ranking of the contest he applied
  to); the record names the part and the reason.
- ``decided(motion)``: called in the deciding command's transaction once a motion about the
  matter is decided (adopted, not adopted or without quorum); it does what the decision means for
  the matter (e.g. the contest's rules are adopted)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Subject:
    parts: Callable[[int], tuple[str, Iterable[int]]] | None = None
    decided: Callable[[Any], None] | None = None


REGISTRY: dict[str, Subject] = {}


def register(
    subject_type: str,
    *,
    parts: Callable[[int], tuple[str, Iterable[int]]] | None = None,
    decided: Callable[[Any], None] | None = None,
) -> None:
    REGISTRY[subject_type] = Subject(parts=parts, decided=decided)


def parts_of(subject_type: str, subject_id: int | None) -> tuple[str, list[int]] | None:
    found = REGISTRY.get(subject_type)
    if found is None or found.parts is None or subject_id is None:
        return None
    part_type, ids = found.parts(subject_id)
    return part_type, list(ids)


def decided(motion: Any) -> None:
    found = REGISTRY.get(motion.subject_type)
    if found is not None and found.decided is not None:
        found.decided(motion)
