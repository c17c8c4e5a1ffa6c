"""Reviews's uploaded files and who may open them (served only by linli.core.media). Photos are
tracking's (linli.tracking); the folders named here are where they were stored before tracking
was shared."""

from linli.core.media import FileKind
from linli.tracking.files import legacy

from . import paper_scores

FILE_KINDS = (
    *legacy("reviews", receipts=(), photos=("reviews/photos", "reviews")),
    FileKind(
        "reviews.sheet",
        ("reviews/sheets",),
        "reviews.ScoreSheet",
        ("image",),
        paper_scores.may_see_sheet,
    ),
)
