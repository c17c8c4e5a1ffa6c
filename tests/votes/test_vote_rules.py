"""Each named rule of votes (``linli/votes/rules.py``), for each role, in each phase of a vote:
a draft, a published vote before it opens, while it is open and after it closes (the clock moved
by time-machine), a vote whose results are published, and a cancelled one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.permissions import PREDICATES, can, require
from linli.votes.models import Vote
from tests.votes.helpers import make_vote

# The published vote opens a day from now and closes a week later; the clock is moved to:
MOMENTS = {
    "upcoming": timedelta(hours=1),
    "open": timedelta(days=2),
    "closed": timedelta(days=10),
}
# rule -> the phases in which an organiser may
ORGANISER_MAY = {
    "votes.edit": {"draft", "upcoming", "open"},
    "votes.edit_questions": {"draft"},
    "votes.publish": {"draft"},
    "votes.cancel": {"draft", "upcoming", "open", "cancelled"},
    "votes.close_now": {"open"},
    "votes.publish_results": {"closed"},
}
PHASES = ["draft", "upcoming", "open", "closed", "results published", "cancelled"]


def told(rule: str) -> str:
    """A pattern matching exactly one of the rule's own "not now" messages."""
    return "^(" + "|".join(re.escape(str(words)) for _, words in PREDICATES[rule].when) + ")$"


def vote_in(phase: str, community, organiser, time_machine) -> Vote:
    start = timezone.now()
    vote = make_vote(
        community,
        organiser,
        publish=phase != "draft",
        opens_in=timedelta(days=1),
        closes_in=timedelta(days=8),
    )
    if phase == "cancelled":
        Vote.objects.filter(pk=vote.pk).update(status=Vote.Status.CANCELLED)
    if phase == "results published":
        Vote.objects.filter(pk=vote.pk).update(results_published_at=start)
    moment = MOMENTS.get(phase, MOMENTS["closed"] if phase == "results published" else None)
    if moment is not None:
        time_machine.move_to(start + moment, tick=False)
    vote.refresh_from_db()
    return vote


@pytest.mark.parametrize("phase", PHASES)
def test_each_rule_in_each_phase_for_each_role(phase, community, people, time_machine):
    vote = vote_in(phase, community, people["organiser"], time_machine)
    for rule, phases in ORGANISER_MAY.items():
        for role, user in people.items():
            allowed = phase in phases and role in ("organiser", "community_admin")
            assert can(user or AnonymousUser(), rule, vote) == allowed, (rule, role, phase)


@pytest.mark.parametrize("phase", PHASES)
def test_a_resident_may_not_and_an_organiser_is_told_why_not_now(
    phase, community, organiser, resident, time_machine
):
    vote = vote_in(phase, community, organiser, time_machine)
    for rule, phases in ORGANISER_MAY.items():
        with pytest.raises(Forbidden, match=rf"^{re.escape(rule)}$"):
            require(resident, rule, vote)
        if phase in phases:
            require(organiser, rule, vote)
        else:
            with pytest.raises(Refused, match=told(rule)) as refusal:
                require(organiser, rule, vote)
            assert refusal.value.message


def test_question_rules_are_asked_of_the_question_too(community, organiser, time_machine):
    draft = vote_in("draft", community, organiser, time_machine)
    assert can(organiser, "votes.edit_questions", draft.questions.get())
    published = vote_in("open", community, organiser, time_machine)
    assert not can(organiser, "votes.edit_questions", published.questions.get())
