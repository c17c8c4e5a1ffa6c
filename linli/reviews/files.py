"""Reviews's uploaded files and who may open them (served only by linli.core.media)."""

from linli.core.media import FileKind

from . import paper_scores, services

FILE_KINDS = (
    FileKind(
        "reviews.photo",
        ("reviews/photos", "reviews"),
        "reviews.Photo",
        ("image",),
        services.may_see_photo,
    ),
    FileKind(
        "reviews.sheet",
        ("reviews/sheets",),
        "reviews.ScoreSheet",
        ("image",),
        paper_scores.may_see_sheet,
    ),
)
