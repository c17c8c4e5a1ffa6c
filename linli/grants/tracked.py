"""A grant application as a source of a funded project (linli.tracking): registered once in
GrantsConfig.ready()."""

from __future__ import annotations

from typing import Any

from linli.tracking.sources import Source, register


def _may(user: Any, verb: str, application: Any) -> bool:
    from .services import may_track

    return may_track(user, verb, application)


def _photos(user: Any, application: Any) -> bool:
    from .services import may_see_photos

    return may_see_photos(user, application)


def _receipts(user: Any, application: Any) -> bool:
    from .services import may_see_receipts

    return may_see_receipts(user, application)


def register_source() -> None:
    register(
        Source(
            model="grants.Application",
            community=lambda application: application.call.community,
            may=_may,
            may_see_photos=_photos,
            may_see_receipts=_receipts,
        )
    )
