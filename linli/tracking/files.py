"""Tracking's uploaded files and who may open them: the source's rule, as on its pages.

Files stored before tracking was shared keep their names (``grants/receipts/...``,
``budgeting/receipts/...``, ``reviews/photos/...``); their source app declares those folders
with :func:`legacy`."""

from __future__ import annotations

from typing import Any

from linli.core.media import FileKind

from .sources import source_for


def may_see_receipt(user: Any, spending: Any) -> bool:
    source = spending.project.source
    return source is not None and bool(source_for(source).may_see_receipts(user, source))


def may_see_photo(user: Any, photo: Any) -> bool:
    source = photo.project.source
    return source is not None and bool(source_for(source).may_see_photos(user, source))


def legacy(
    app: str, receipts: tuple[str, ...], photos: tuple[str, ...] = ()
) -> tuple[FileKind, ...]:
    """File kinds for the folders an app stored its tracking files in before they moved here."""
    kinds = []
    if receipts:
        kinds.append(
            FileKind(f"{app}.receipt", receipts, "tracking.Spending", ("receipt",), may_see_receipt)
        )
    if photos:
        kinds.append(FileKind(f"{app}.photo", photos, "tracking.Photo", ("image",), may_see_photo))
    return tuple(kinds)


FILE_KINDS = (
    FileKind(
        "tracking.receipt",
        ("tracking/receipts",),
        "tracking.Spending",
        ("receipt",),
        may_see_receipt,
    ),
    FileKind("tracking.photo", ("tracking/photos",), "tracking.Photo", ("image",), may_see_photo),
)
