"""Who may record what on a funded project: each rule asks the project's source (its app's own
rule: a grant's team, a budget project's owner, team and organisers) and says, in the source's
words, why not now."""

from __future__ import annotations

from typing import Any

from linli.core.permissions import Rule

from .models import FundedProject, TeamMember
from .sources import source_for


def _project(target: Any) -> FundedProject:
    return target if isinstance(target, FundedProject) else target.project


def _may(verb: str) -> Any:
    def test(user: Any, target: Any) -> bool:
        project = _project(target)
        source = project.source
        return source is not None and bool(source_for(source).may(user, verb, source))

    test.__name__ = f"may_{verb}"
    return test


def _is_them(user: Any, entry: TeamMember) -> bool:
    """The resident on the team, with their own account (someone named without one has none)."""
    member = entry.member
    return bool(
        user is not None
        and user.is_authenticated
        and member is not None
        and member.user_id == user.pk
    )


RULES: dict[str, Rule] = {
    "tracking.team": Rule("tracking.view", who=(_may("team"),)),
    "tracking.plan": Rule("tracking.view", who=(_may("plan"),)),
    "tracking.record": Rule("tracking.view", who=(_may("record"),)),
    "tracking.photo": Rule("tracking.view", who=(_may("photo"),)),
    "tracking.consent": Rule("tracking.view", who=(_is_them,)),
}
