"""Budgeting's uploaded files and who may open them (served only by linli.core.media)."""

from linli.core.media import FileKind
from linli.tracking.files import legacy

from . import services

FILE_KINDS = (
    # Receipts are tracking's (linli.tracking); this is where they were stored before.
    *legacy("budgeting", receipts=("budgeting/receipts",)),
    FileKind(
        "budgeting.idea_photo",
        ("budgeting/ideas", "budgeting/done"),
        "budgeting.Idea",
        ("photo", "final_photo"),
        services.may_see_idea_photo,
    ),
)
