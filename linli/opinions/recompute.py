"""From the votes in the database to a stored :class:`~.models.Analysis`, and back again for the
export: the glue between the models and the pure analysis in ``clustering.py``.

Participants are the members who voted; every statement that has votes is a column, and only the
accepted ones are analysed (votes on a statement taken out still count towards how much a member
voted, as in Pol.is). Group labels stay those of the previous analysis where the groups overlap
(``previous=``), so "group A" stays group A as votes arrive."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from django.utils import timezone

from . import clustering
from .models import Analysis, Conversation, Statement, Vote

# Fewer people than this in groups and the map would only show noise: counts are stored, no groups.
MIN_PARTICIPANTS_FOR_GROUPS = 4
# A community conversation may have a dozen people, many with the same votes; the silhouette then
# happily splits them into five groups of two. Allow a number of groups only when there are at
# least this many people per group on average (a real conversation of 25+ may still have five).
PEOPLE_PER_GROUP = 5


@dataclass
class Matrix:
    members: list[int]  # member ids, one per row
    statements: list[int]  # statement ids, one per column
    active: list[bool]  # per column: accepted (analysed)
    votes: np.ndarray  # 1 / -1 / 0 / NaN


def vote_matrix(conversation: Conversation) -> Matrix:
    rows = list(
        Vote.objects.filter(conversation=conversation).values_list(
            "member_id", "statement_id", "choice"
        )
    )
    statements = list(
        Statement.objects.filter(conversation=conversation)
        .exclude(status=Statement.Status.PENDING)
        .values_list("pk", "status")
        .order_by("number")
    )
    column = {pk: j for j, (pk, _status) in enumerate(statements)}
    members = sorted({member for member, _s, _c in rows})
    row = {member: i for i, member in enumerate(members)}
    votes = np.full((len(members), len(statements)), np.nan)
    for member, statement, choice in rows:
        if statement in column:
            votes[row[member], column[statement]] = float(choice)
    return Matrix(
        members=members,
        statements=[pk for pk, _status in statements],
        active=[status == Statement.Status.ACCEPTED for _pk, status in statements],
        votes=votes,
    )


def group_counts(people: int) -> tuple[int, ...]:
    """The numbers of groups to try for this many people in groups (always 2 at least)."""
    allowed = [k for k in clustering.GROUP_COUNTS if k * PEOPLE_PER_GROUP <= people]
    return tuple(allowed) or (min(clustering.GROUP_COUNTS),)


def _previous_groups(conversation: Conversation) -> dict[Hashable, int]:
    old = Analysis.objects.filter(conversation=conversation).first()
    if old is None:
        return {}
    return {int(member): int(group) for member, group in old.data.get("groups", {}).items()}


def analyse(conversation: Conversation) -> dict[str, Any]:
    """Run the analysis on the conversation's votes now; returns what :func:`store` keeps."""
    matrix = vote_matrix(conversation)
    counts = {
        "participants": len(matrix.members),
        "statements": int(sum(matrix.active)),
        "votes": int(np.count_nonzero(~np.isnan(matrix.votes))),
    }
    empty: dict[str, Any] = {
        "groups": {},
        "points": {},
        "representative": {},
        "consensus": [],
        "group_sizes": {},
    }
    enough = clustering.clusterable(matrix.votes).sum() if matrix.members else 0
    if enough < MIN_PARTICIPANTS_FOR_GROUPS or counts["statements"] < 2:
        return {**counts, "in_groups": int(enough), "n_groups": 0, "data": empty}
    result = clustering.analyse(
        matrix.votes,
        matrix.members,
        active=np.array(matrix.active),
        previous=_previous_groups(conversation) or None,
        group_counts=group_counts(int(enough)),
    )
    ids = matrix.statements
    sizes: dict[int, int] = {}
    for group in result.groups.values():
        sizes[group] = sizes.get(group, 0) + 1
    data = {
        "groups": {str(m): int(g) for m, g in result.groups.items()},
        "points": {
            str(m): [round(float(x), 4), round(float(y), 4)]
            for m, (x, y), placed in zip(
                result.participants, result.points.tolist(), result.in_groups, strict=True
            )
            if placed
        },
        "representative": {
            str(group): [{**asdict(r), "statement": ids[r.statement]} for r in found]
            for group, found in result.representative.items()
        },
        "consensus": [
            {**asdict(c), "statement": ids[c.statement], "rates": list(c.rates)}
            for c in result.consensus
        ],
        "group_sizes": {str(g): n for g, n in sorted(sizes.items())},
    }
    return {
        **counts,
        "in_groups": int(result.in_groups.sum()),
        "n_groups": result.n_groups,
        "data": _plain(data),
    }


def _plain(value: Any) -> Any:
    """NumPy scalars and tuples to what JSON stores."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def store(conversation: Conversation) -> Analysis:
    found = analyse(conversation)
    analysis, _created = Analysis.objects.update_or_create(
        conversation=conversation, defaults={**found, "computed_at": timezone.now()}
    )
    return analysis
