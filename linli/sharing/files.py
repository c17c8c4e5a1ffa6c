"""Sharing's uploaded files and who may open them (served only by linli.core.media)."""

from linli.core.media import FileKind

from . import services

FILE_KINDS = (
    FileKind(
        "sharing.item_photo",
        ("sharing/items", "sharing"),
        "sharing.Item",
        ("photo",),
        services.may_see_item_photo,
    ),
    FileKind(
        "sharing.loan_photo",
        ("sharing/loans",),
        "sharing.Loan",
        ("handover_photo", "return_photo"),
        services.may_see_loan,
    ),
)
