"""Who may do what to a vote, and when: named rules beside the role table (declared in
``VotesConfig.kit``; see ``linli.core.permissions``).

The standing comes from the role table (organisers manage votes); the phase from the vote: its
questions change only while it is a draft, it is published once, closed early only while open,
cancelled only before it closes, and its results are published once, after it closes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from .models import Vote


def _is_draft(vote: Vote) -> bool:
    return vote.status == Vote.Status.DRAFT


def _not_closed_or_cancelled(vote: Vote) -> bool:
    return vote.status != Vote.Status.CANCELLED and not vote.is_closed


def _question_editable(target: Any) -> bool:
    """A question, or the vote itself: questions change only while the vote is a draft."""
    vote = target if isinstance(target, Vote) else target.vote
    return bool(vote.editable)


RULES: dict[str, Rule] = {
    "votes.edit": Rule(
        "votes.manage",
        when=((_not_closed_or_cancelled, _("A closed or cancelled vote cannot be changed.")),),
    ),
    "votes.edit_questions": Rule(
        "votes.manage",
        when=((_question_editable, _("Questions cannot change once the vote is published.")),),
    ),
    "votes.publish": Rule(
        "votes.manage", when=((_is_draft, _("This vote is already published.")),)
    ),
    "votes.cancel": Rule(
        "votes.manage",
        when=((lambda vote: not vote.is_closed, _("A closed vote cannot be cancelled.")),),
    ),
    "votes.close_now": Rule(
        "votes.manage", when=((lambda vote: vote.is_open, _("Only an open vote can be closed.")),)
    ),
    "votes.publish_results": Rule(
        "votes.manage",
        when=(
            (
                lambda vote: vote.is_closed,
                _("Results can be published only after the vote closes."),
            ),
            (
                lambda vote: not vote.results_published_at,
                _("The results are already published."),
            ),
        ),
    ),
}
