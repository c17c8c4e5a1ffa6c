"""Staff type in answers given on paper, by phone or at the door, with a warning before a likely
duplicate."""

from __future__ import annotations

from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from linli.core.kit import command
from linli.core.models import Member, Place, User
from linli.core.services import ServiceError
from linli.participation.models import Channel

from ..models import Response, Survey
from ..queries import has_answered
from .answering import _create_response, check_answers, fingerprint

PAPER_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.DOOR_TO_DOOR, Channel.ASSISTED)


class PossibleDuplicate(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "duplicate")


@command("surveys.enter_paper", on="survey")
def enter_on_paper(
    actor: User,
    survey: Survey,
    raw: dict[str, Any],
    *,
    channel: str,
    member: Member | None = None,
    area: Place | None = None,
    paper_ref: str = "",
    confirmed_duplicate: bool = False,
) -> Response:
    """Type in a response given on paper, by phone or at the door. Warns (and needs a second
    confirmation) when the same form number, the same resident or identical answers were entered
    already."""
    if channel not in PAPER_CHANNELS:
        raise ServiceError(_("Choose how the answers were given."), "channel")
    if member is not None and member.community_id != survey.community_id:
        raise ServiceError(_("This resident is not a member of the community."), "member")
    if area is not None and area.community_id != survey.community_id:
        raise ServiceError(_("Choose a courtyard of this community."), "area")
    answers = check_answers(survey, raw)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.status != Survey.Status.PUBLISHED or timezone.now() < locked.opens_at:
        raise ServiceError(_("The survey is not open for answers."))
    if member is not None and has_answered(locked, member):
        raise ServiceError(_("This resident has already answered this survey."), "member")
    if not confirmed_duplicate:
        warning = _duplicate_warning(locked, answers, paper_ref)
        if warning:
            raise PossibleDuplicate(warning)
    response = _create_response(
        locked,
        member,
        answers,
        channel=channel,
        entered_by=actor,
        paper_ref=paper_ref.strip(),
        area=area,
    )
    return response


def _duplicate_warning(survey: Survey, answers: dict[str, Any], paper_ref: str) -> str:
    if paper_ref.strip() and survey.responses.filter(paper_ref=paper_ref.strip()).exists():
        return _("A form with the number %(ref)s was entered already.") % {"ref": paper_ref.strip()}
    same = survey.responses.filter(fingerprint=fingerprint(answers)).exclude(channel=Channel.ONLINE)
    if same.exists():
        entry = same.order_by("-submitted_on").first()
        assert entry is not None
        return _("A form with exactly the same answers was entered on %(day)s.") % {
            "day": formats.date_format(entry.submitted_on)
        }
    return ""
