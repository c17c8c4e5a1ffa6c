"""API authentication: a bearer token (for organisers' scripts) or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from linli.core.api_tokens import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class Anyone:
    """Lets anonymous callers through to public endpoints; permissions are checked inside."""

    def __call__(self, request: HttpRequest) -> Any:
        return True


token_auth = TokenAuth()
CALLER = [token_auth, django_auth]
PUBLIC = [token_auth, django_auth, Anyone()]
