"""Proposals's uploaded files and who may open them (served only by linli.core.media)."""

from linli.core.media import FileKind

from . import services

FILE_KINDS = (
    FileKind(
        "proposals.photo",
        ("proposals/photos", "proposals"),
        "proposals.Proposal",
        ("photo",),
        services.may_see_photo,
    ),
)
