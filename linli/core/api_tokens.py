"""API tokens: random secrets shown once; only their SHA-256 is stored.

A token carries scopes and an expiry. ``read`` allows safe requests (GET, HEAD, OPTIONS), ``write``
allows changes, and ``vote`` alone allows casting a ballot, so a script that syncs data cannot
vote in its owner's name unless the owner chose so. Every token of an account is revoked when its
password changes (reset or change): whoever took over an account loses the tokens they made."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, User

READ, WRITE, VOTE = "read", "write", "vote"
SCOPES = (READ, WRITE, VOTE)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LIFETIMES_IN_DAYS = (7, 30, 90, 365)
DEFAULT_DAYS = 90


class TokenRefused(Exception):
    """A known token that may not be used for this request; ``status`` is 401 or 403."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    user: User, name: str, scopes: Iterable[str] = (READ,), days: int = DEFAULT_DAYS
) -> str:
    chosen = [scope for scope in SCOPES if scope in set(scopes)]
    if not chosen:
        raise ValueError("a token needs at least one scope")
    token = "linli_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[6:14],
        key_hash=_hash(token),
        scopes=chosen,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token


LAST_USED_GRANULARITY = timedelta(minutes=1)


def scope_for_method(method: str | None) -> str:
    return READ if (method or "GET").upper() in SAFE_METHODS else WRITE


def user_for_token(token: str, needed: str = READ) -> User | None:
    """The token's user if it may be used for ``needed``; None for an unknown token.

    Raises ``TokenRefused`` for a known token that has expired or lacks the scope, so the caller
    is told why instead of a bare 401."""
    found = ApiToken.objects.select_related("user").filter(key_hash=_hash(token)).first()
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.expires_at is not None and found.expires_at <= now:
        raise TokenRefused(
            401,
            _("This API token expired on %(date)s. Create a new one on your API tokens page.")
            % {"date": found.expires_at.date().isoformat()},
        )
    if needed not in found.scopes:
        raise TokenRefused(
            403,
            _("This API token lacks the “%(needed)s” scope (it has: %(scopes)s).")
            % {"needed": needed, "scopes": ", ".join(found.scopes) or "-"},
        )
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_GRANULARITY:
        # "last used" is for people deciding which tokens to revoke: a minute's precision is
        # plenty, and writing on every request made each API call a write (and serialised a
        # busy script's requests on the token's row).
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user


def revoke_all(user: User) -> int:
    deleted, _per_model = ApiToken.objects.filter(user=user).delete()
    return deleted
