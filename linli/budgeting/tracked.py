"""A funded budgeting idea as a source of a funded project (linli.tracking): registered once in
BudgetingConfig.ready()."""

from __future__ import annotations

from typing import Any

from linli.tracking.sources import Source, register


def _may(user: Any, verb: str, idea: Any) -> bool:
    from .services.access import may

    return may(user, verb, idea)


def _photos(user: Any, idea: Any) -> bool:
    from .services.access import may_see_idea_photo

    return may_see_idea_photo(user, idea)


def _receipts(user: Any, idea: Any) -> bool:
    from .services.access import may_see_receipts

    return may_see_receipts(user, idea)


def register_source() -> None:
    register(
        Source(
            model="budgeting.Idea",
            community=lambda idea: idea.process.community,
            may=_may,
            may_see_photos=_photos,
            may_see_receipts=_receipts,
        )
    )
