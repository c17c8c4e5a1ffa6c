"""Slowing down guessing: who is asking (the real client address) and how often they may ask.

Sign-in lockout is django-axes (configured in settings: 5 wrong passwords for one account from one
address pause that pair for 15 minutes). Everything else that can be guessed - registration,
password reset, claim codes, household codes, open survey links, and sign-in attempts spread over
many accounts or many addresses - is limited here with django-ratelimit, counted in the shared
cache, per client address and where it helps per account or per email.

The client address is ``REMOTE_ADDR`` unless ``TRUSTED_PROXY_COUNT`` (docs/deployment.md) says how
many proxies of ours stand in front: then it is the address the outermost of them saw, read from
the right of ``X-Forwarded-For``. Entries further left are written by the client and never
trusted, so a forged header cannot move a guesser to a fresh counter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit

from .auth import normalise_phone
from .email_case import normalise_email

# The rates live in settings.LINLI_THROTTLE_RATES ("number/period", period s, m, h or d with an
# optional multiplier, e.g. "60/10m"), so an office that registers a whole courtyard in an
# afternoon from one connection can raise them (LINLI_THROTTLE_RATES in the environment).
LOGIN_PER_ADDRESS = "login-address"  # many accounts tried from one place (password spraying)
LOGIN_PER_ACCOUNT = "login-account"  # one account tried from many places
REGISTER_PER_ADDRESS = "register"  # each registration may also try a household code
PASSWORD_RESET_PER_ADDRESS = "reset-address"
PASSWORD_RESET_PER_EMAIL = "reset-email"  # nobody's mailbox is flooded
CODES_PER_ACCOUNT = "codes-account"  # claim and household codes typed by a signed-in person
CODES_PER_ADDRESS = "codes-address"


def configured_rate(group: str, request: HttpRequest) -> str:
    """django-ratelimit's rate callable: the group's rate from the settings."""
    return str(settings.LINLI_THROTTLE_RATES[group])


def client_ip(request: HttpRequest) -> str:
    """The address of the person asking, as far as our own proxies can vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # the request did not pass through all our proxies
    return forwarded[-proxies]


def address_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def account_key(group: str, request: HttpRequest) -> str:
    return str(request.user.pk) if request.user.is_authenticated else client_ip(request)


def login_name_key(group: str, request: HttpRequest) -> str:
    return sign_in_name(request.POST.get("username", ""))


def email_key(group: str, request: HttpRequest) -> str:
    return normalise_email(request.POST.get("email", "")) or ""


def sign_in_name(identifier: str) -> str:
    """One spelling per account: capitals and phone punctuation do not make a fresh counter."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return normalise_email(identifier) or ""
    return normalise_phone(identifier)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: the sign-in name as the lockout counts it."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return sign_in_name(raw)


def limit(group: str, key: Callable[[str, HttpRequest], str] = address_key) -> Callable[[Any], Any]:
    """Refuse POSTs to the view beyond the group's rate per ``key`` with the 429 page."""
    return ratelimit(group=group, key=key, rate=configured_rate, method="POST", block=True)


def reached(request: HttpRequest, group: str, rate: str) -> bool:
    """Whether this address has used up ``rate`` in ``group``, without counting this request."""
    usage = get_usage(request, group=group, key=address_key, rate=rate, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count(request: HttpRequest, group: str, rate: str) -> None:
    """Count one use of ``group`` by this address (for limits on what succeeded)."""
    get_usage(request, group=group, key=address_key, rate=rate, increment=True)


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """RATELIMIT_VIEW: a translated page saying what happened and what to do."""
    return render(request, "core/rate_limited.html", status=429)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a translated page for a paused sign-in."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/locked_out.html", {"minutes": minutes}, status=429)
