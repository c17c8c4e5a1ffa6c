"""Who may do what in an opinion-mapping conversation, and when: named rules beside the role table
(declared in ``OpinionsConfig.kit``).

A public conversation's statements and results are for anyone to read; another only for the
community's members. Residents vote and write statements while the conversation is open; organisers
moderate at any time (a statement may still be taken out after closing), enter paper sheets and
change the conversation while it is open, and close it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, Standing, standing

from .models import Conversation


def _is_open(conversation: Conversation) -> bool:
    return conversation.status == Conversation.Status.OPEN


def _is_closed(conversation: Conversation) -> bool:
    return conversation.status == Conversation.Status.CLOSED


def _public_or_member(user: Any, conversation: Conversation) -> bool:
    return conversation.is_public or standing(user, conversation.community) >= Standing.RESIDENT


CLOSED_WORDS = _("This conversation is closed. You can still read what it found.")

RULES: dict[str, Rule] = {
    "opinions.see": Rule("opinions.view", who=(_public_or_member,)),
    "opinions.vote": Rule("opinions.take_part", when=((_is_open, CLOSED_WORDS),)),
    "opinions.write_statement": Rule(
        "opinions.take_part",
        when=(
            (_is_open, CLOSED_WORDS),
            (
                lambda conversation: conversation.allows_statements,
                _("In this conversation only the organisers write statements."),
            ),
        ),
    ),
    "opinions.moderate": Rule("opinions.manage"),
    "opinions.enter_paper": Rule(
        "opinions.manage", when=((_is_open, _("Paper sheets are entered while it is open.")),)
    ),
    "opinions.edit": Rule(
        "opinions.manage", when=((_is_open, _("A closed conversation is not changed.")),)
    ),
    "opinions.close": Rule(
        "opinions.manage", when=((_is_open, _("Only an open conversation can be closed.")),)
    ),
    "opinions.report_back": Rule(
        "opinions.view",
        who=(_public_or_member,),
        when=((_is_closed, _("The report-back is written when the conversation closes.")),),
    ),
}
