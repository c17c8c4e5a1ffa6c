"""Commands: the service functions that change state, made a mechanism rather than a habit.

::

    @command("engagement.open_project", on="project", lock=True)
    def open_project(actor: User, project: Project, reason: str = "") -> Project:
        ...
        audit("engagement.open", project, before=before, after=after)

``@command`` runs the function in one ``transaction.atomic()`` block; optionally takes the row
lock on the target and reads it afresh (so two people cannot both pass a phase check); checks the
permission - an action of the role table or a named rule - for the actor on the target (refusing
with ``Forbidden`` or ``Refused``); and while the function runs, :func:`audit` and :func:`ledger`
write the audit log and the participation ledger in the same transaction, for the same actor.

Every command's first parameter is ``actor: User`` - the signed-in account acting (for a resident
entered by staff, the staff account; the resident is the ``member`` the ledger row is about).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.db import models, transaction

from .refusals import Forbidden

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Running:
    """The command now running: who acts, under which permission."""

    actor: Any
    permission: str
    name: str


_running: ContextVar[Running | None] = ContextVar("linli_command", default=None)


def running() -> Running | None:
    return _running.get()


def command(
    permission: str, *, on: str, lock: bool = False
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Make ``fn(actor, ...)`` a command needing ``permission`` on its parameter ``on`` (a
    community, or an object with one). ``lock=True`` locks and reloads that object first."""

    def check(actor: Any, target: Any) -> None:
        from linli.core.permissions import require

        require(actor, permission, target)

    return _commanding(permission, on, lock, check)


OWN = "own"


def own_command(*, on: str, lock: bool = False) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Make ``fn(actor, ...)`` a command a person runs on what is theirs, in no community: ``on``
    names the parameter holding the actor's own account, or an object whose ``user`` is the actor
    (their membership, a notification, an API token). Anyone else's is ``Forbidden``."""

    def check(actor: Any, target: Any) -> None:
        from django.contrib.auth import get_user_model

        signed_in = actor is not None and actor.is_authenticated
        account = isinstance(target, get_user_model())
        owner = target.pk if account else getattr(target, "user_id", None)
        if not signed_in or owner is None or owner != actor.pk:
            raise Forbidden(OWN)

    return _commanding(OWN, on, lock, check)


def _commanding(
    permission: str, on: str, lock: bool, check: Callable[[Any, Any], None]
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(fn)
        names = list(signature.parameters)
        if not names or names[0] != "actor":
            raise TypeError(f"{fn.__qualname__}: a command's first parameter is named 'actor'")
        if on not in signature.parameters:
            raise TypeError(f"{fn.__qualname__}: no parameter {on!r} to check {permission!r} on")

        @wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            actor, target = bound.arguments["actor"], bound.arguments[on]
            with transaction.atomic():
                if lock:
                    _lock(target)
                check(actor, target)
                token = _running.set(Running(actor, permission, fn.__qualname__))
                try:
                    return fn(*args, **kwargs)
                finally:
                    _running.reset(token)

        run.permission = permission  # type: ignore[attr-defined]
        return run

    return decorate


def _lock(target: models.Model) -> None:
    """Take the row lock and read the object afresh; the caller's object is updated in place."""
    type(target)._default_manager.select_for_update().filter(pk=target.pk).first()
    target.refresh_from_db()


def _inside(what: str) -> Running:
    now = _running.get()
    if now is None or not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{what} is written by a @command, inside its transaction")
    return now


def audit(
    verb: str,
    obj: models.Model | None = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    community: Any = None,
) -> Any:
    """Write one audit entry for the running command's actor, in its transaction. The community
    is the object's (or the object itself) unless given."""
    from linli.core import audit as audit_log
    from linli.core.models import Community

    now = _inside("the audit log")
    if community is None and obj is not None:
        community = obj if isinstance(obj, Community) else getattr(obj, "community", None)
    return audit_log.log(now.actor, verb, obj, community=community, before=before, after=after)


def ledger(member: Any, **act: Any) -> Any:
    """Record one act of participation in the running command's transaction (the arguments of
    ``linli.participation.services.record``)."""
    from linli.participation.services import record

    _inside("the participation ledger")
    return record(member, **act)
