"""The one place that decides what a person may do in a community.

Two kinds of names, one question (``can(user, name, target)``) and one answer when it is no
(``require`` raises :class:`~linli.core.kit.Forbidden` or :class:`~linli.core.kit.Refused`):

- **Actions** (``"engagement.manage"``): the role table. Each names the least standing it needs;
  standing grows with the role a person holds in the community; site administrators stand above
  all. Core's actions are below; each module declares its own in its AppConfig (``Module.actions``)
  and they are merged here when the apps are ready.
- **Rules** (``"engagement.open_project"``): named predicates on one object, declared by a module
  (``Module.rules``, a dict of :class:`Rule`). A rule needs an action's standing in the object's
  community, then object-level tests (who: the author, a team member... - no means Forbidden) and
  phase-level tests (when: open, not closed yet... - no means Refused, with the words to say).

The target is a community or any object with a ``community``. Views use ``@community_view``,
services ``@command`` (which calls ``require``), templates ``{% can "name" target as flag %}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from .kit.refusals import Forbidden, Refused
from .kit.standing import Standing
from .models import Community, Member, Role

__all__ = ["RULES", "Rule", "Standing", "can", "community_of", "member_of", "require", "standing"]


ROLE_STANDING = {
    Role.RESIDENT: Standing.RESIDENT,
    Role.LEADER: Standing.LEADER,
    Role.BOARD_MEMBER: Standing.BOARD_MEMBER,
    Role.ORGANISER: Standing.ORGANISER,
    Role.COMMUNITY_ADMIN: Standing.COMMUNITY_ADMIN,
}

# Core's actions. Each module's own are declared in its AppConfig and added when the apps are
# ready (see linli.core.kit.modules.install).
RULES: dict[str, Standing] = {
    "community.view": Standing.PUBLIC,
    "community.edit": Standing.COMMUNITY_ADMIN,
    "community.manage": Standing.ORGANISER,
    "members.view": Standing.ORGANISER,
    "members.approve": Standing.ORGANISER,
    "members.set_role": Standing.COMMUNITY_ADMIN,
    "members.record_without_account": Standing.ORGANISER,
    "households.view": Standing.ORGANISER,
    "households.import": Standing.ORGANISER,
    "households.print_invitations": Standing.ORGANISER,
    "places.manage": Standing.ORGANISER,
    "partners.view": Standing.PUBLIC,
    "partners.manage": Standing.ORGANISER,
    "notices.manage": Standing.ORGANISER,
    "audit.view": Standing.COMMUNITY_ADMIN,
    "ledger.view": Standing.ORGANISER,
    "api.token": Standing.ORGANISER,
}


def member_of(user: Any, community: Community) -> Member | None:
    """The user's membership in the community, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return None
    cache: dict[int, Member | None] = user.__dict__.setdefault("_linli_members", {})
    if community.pk not in cache:
        cache[community.pk] = Member.objects.filter(community=community, user=user).first()
    return cache[community.pk]


def standing(user: Any, community: Community) -> Standing:
    if user is None or not user.is_authenticated:
        return Standing.PUBLIC
    if user.is_superuser:
        return Standing.SITE_ADMIN
    member = member_of(user, community)
    if member is None or member.status in (Member.Status.DECLINED, Member.Status.LEFT):
        return Standing.SIGNED_IN
    if member.status == Member.Status.PENDING:
        return Standing.MEMBER
    return ROLE_STANDING[Role(member.role)]


@dataclass(frozen=True)
class Rule:
    """A named permission on one object.

    ``action``: the role-table action whose standing the person needs in the object's community.
    ``who``: object-level tests ``(user, obj) -> bool``; all must hold, else the person may not.
    ``when``: phase-level tests ``(obj) -> bool``, each with what to say when it does not hold
    (the person may, but not now)."""

    action: str
    who: tuple[Callable[[Any, Any], bool], ...] = ()
    when: tuple[tuple[Callable[[Any], bool], str | Promise], ...] = ()


# Every module's rules by name, added when the apps are ready (``Module.rules``).
PREDICATES: dict[str, Rule] = {}


def community_of(target: Any) -> Community:
    """The community a permission is asked in: the target itself, or the object's community."""
    if isinstance(target, Community):
        return target
    community = getattr(target, "community", None)
    if not isinstance(community, Community):
        raise TypeError(f"{target!r} has no community to ask a permission in")
    return community


def _standing_allows(user: Any, action: str, community: Community) -> bool:
    if action not in RULES:
        raise KeyError(f"unknown action {action!r}: declare it in its module's AppConfig")
    return standing(user, community) >= RULES[action]


def refusal(user: Any, name: str, target: Any) -> Forbidden | Refused | None:
    """Why ``user`` may not do ``name`` to ``target`` now, or None when they may."""
    rule = PREDICATES.get(name)
    action = rule.action if rule is not None else name
    if not _standing_allows(user, action, community_of(target)):
        return Forbidden(name)
    if rule is None:
        return None
    if not all(test(user, target) for test in rule.who):
        return Forbidden(name)
    for test, words in rule.when:
        if not test(target):
            return Refused(str(words))
    return None


def can(user: Any, name: str, target: Any) -> bool:
    """Whether ``user`` may do the action or rule ``name`` to ``target`` (a community or an
    object with one) now."""
    return refusal(user, name, target) is None


def require(user: Any, name: str, target: Any) -> None:
    """Raise :class:`Forbidden` ("may not") or :class:`Refused` ("not now") unless ``can``."""
    reason = refusal(user, name, target)
    if reason is not None:
        raise reason


def grantable_roles(user: Any, community: Community) -> list[str]:
    """The roles ``user`` may give someone in ``community``: the one check every path asks.

    Anyone who may add residents may give the resident role. Any other role needs the standing to
    set roles (``members.set_role``), and never a role above the giver's own standing. Recording a
    resident, approving a request, joining with a code, claiming a record and the role form all
    end here, so a role cannot be smuggled in by a path that forgot to ask.
    """
    own = standing(user, community)
    if own < RULES["members.set_role"]:
        return [Role.RESIDENT]
    return [role for role in Role.values if ROLE_STANDING[Role(role)] <= own]


def needs_sign_in(user: Any, action: str) -> bool:
    """True when the only thing missing is signing in (so a view can offer the login page)."""
    rule = PREDICATES.get(action)
    return not user.is_authenticated and RULES[rule.action if rule else action] > Standing.PUBLIC
