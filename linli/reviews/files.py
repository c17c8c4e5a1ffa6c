"""Reviews's uploaded files and who may open them (served only by linli.core.media)."""

from linli.core.media import FileKind

from . import services

FILE_KINDS = (
    FileKind(
        "reviews.photo",
        ("reviews/photos", "reviews"),
        "reviews.Photo",
        ("image",),
        services.may_see_photo,
    ),
)
