"""API authentication: a bearer token (for organisers' scripts) or the browser session.

A token is checked against the scope the request needs: ``read`` for safe methods, ``write`` for
changes, ``vote`` for casting a ballot (endpoints that cast use ``VOTER``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from linli.core.api_tokens import VOTE, TokenRefused, scope_for_method, user_for_token


class TokenAuth(HttpBearer):
    def __init__(self, scope: str | None = None) -> None:
        super().__init__()
        self.scope = scope  # None: read or write, by the request's method

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        needed = self.scope or scope_for_method(request.method)
        try:
            user = user_for_token(token, needed)
        except TokenRefused as refused:
            raise HttpError(refused.status, refused.message) from refused
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
VOTER = [TokenAuth(scope=VOTE), django_auth]
