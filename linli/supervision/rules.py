"""Who may read the books and raise a query, and when a query can be answered (rules beside the
role table in ``SupervisionConfig.kit``). A seat on the community's supervision committee - a
governance body of that kind - is what opens the books; organisers read them anyway."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, can, community_of

from . import queries
from .models import Query


def _on_committee(user: Any, target: Any) -> bool:
    return queries.seat_on_committee(user, community_of(target)) is not None


def _on_committee_or_organiser(user: Any, target: Any) -> bool:
    community = community_of(target)
    return _on_committee(user, community) or can(user, "supervision.answer", community)


def _open(query: Query) -> bool:
    return query.is_open


RULES: dict[str, Rule] = {
    "supervision.read_books": Rule("supervision.take_part", who=(_on_committee_or_organiser,)),
    "supervision.raise_query": Rule("supervision.take_part", who=(_on_committee,)),
    "supervision.answer_query": Rule(
        "supervision.answer", when=((_open, _("This query is already answered.")),)
    ),
}
