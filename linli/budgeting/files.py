"""Budgeting's uploaded files and who may open them (served only by linli.core.media)."""

from linli.core.media import FileKind

from . import services

FILE_KINDS = (
    FileKind(
        "budgeting.idea_photo",
        ("budgeting/ideas", "budgeting/done"),
        "budgeting.Idea",
        ("photo", "final_photo"),
        services.may_see_idea_photo,
    ),
    FileKind(
        "budgeting.receipt",
        ("budgeting/receipts",),
        "budgeting.Spending",
        ("receipt",),
        services.may_see_receipt,
    ),
)
