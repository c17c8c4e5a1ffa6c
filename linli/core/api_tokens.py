"""API tokens: random secrets shown once; only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken, User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str) -> str:
    token = "linli_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=token[6:14], key_hash=_hash(token))
    return token


def user_for_token(token: str) -> User | None:
    found = ApiToken.objects.select_related("user").filter(key_hash=_hash(token)).first()
    if found is None or not found.user.is_active:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user
