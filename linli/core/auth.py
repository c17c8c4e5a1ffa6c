"""Sign in with an email address or a mobile number."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .email_case import normalise_email
from .models import User


def normalise_phone(value: str) -> str:
    """Keep digits and a leading +, so "138 0000-0000" and "13800000000" are the same number."""
    value = value.strip()
    digits = "".join(ch for ch in value if ch.isdigit())
    return ("+" + digits) if value.startswith("+") else digits


def find_user(identifier: str) -> User | None:
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        return User.objects.filter(email=normalise_email(identifier)).first()
    return User.objects.filter(phone=normalise_phone(identifier)).first()


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        identifier = username or kwargs.get("email") or ""
        user = find_user(identifier)
        if user is None:
            User().set_password(password)  # same work as a real check, so timing reveals nothing
            return None
        if (
            password is not None
            and user.check_password(password)
            and self.user_can_authenticate(user)
        ):
            return user
        return None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins that come with a request (every sign-in form).

    ``authenticate`` without a request (a management command, a test client's ``login``) has no
    client to lock out, so it is left to the next backend instead of failing."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
