"""Feedback's uploaded files and who may open them (served only by linli.core.media): a report's
photo is seen by the person who reported and by organisers, like the report itself."""

from typing import Any

from linli.core.media import FileKind
from linli.core.permissions import can


def _may_see(user: Any, report: Any) -> bool:
    return can(user, "feedback.see_report", report)


FILE_KINDS = (
    FileKind("feedback.photo", ("feedback/photos",), "feedback.Report", ("photo",), _may_see),
)
