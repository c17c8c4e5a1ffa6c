"""Attachments of published notices are public, like the notice; those of a scheduled notice are
for organisers until it is published (served only by linli.core.media)."""

from typing import Any

from linli.core.media import FileKind
from linli.core.permissions import can


def _may_see(user: Any, attachment: Any) -> bool:
    entry = attachment.entry
    return entry.is_published or can(user, "disclosure.manage", entry.community)


FILE_KINDS = (
    FileKind(
        "disclosure.attachment",
        ("disclosure/attachments",),
        "disclosure.Attachment",
        ("file",),
        _may_see,
    ),
)
