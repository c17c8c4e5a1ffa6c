"""Grants's uploaded files and who may open them (served only by linli.core.media)."""

from linli.core.media import FileKind

from . import services

FILE_KINDS = (
    FileKind(
        "grants.photo",
        ("grants/photos", "grants"),
        "grants.Photo",
        ("image",),
        services.may_see_photo,
    ),
    FileKind(
        "grants.receipt",
        ("grants/receipts",),
        "grants.Spending",
        ("receipt",),
        services.may_see_receipt,
    ),
)
