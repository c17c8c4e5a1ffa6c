"""A database or cache that is away for a moment (restarting, failing over, too many
connections) answers with a translated "try again" page, 503 with ``Retry-After``, instead of a
500 and a trace in the log for every request (issue 23, faults).

Only connection-level errors count: ``OperationalError`` and ``InterfaceError`` (PostgreSQL
restarting, a connection dropped mid-request) and Redis' connection and time-out errors. Nothing
was acknowledged to the caller, and each command runs in one transaction, so the write was either
made whole or not at all: trying again is safe (the services are idempotent where a retry could
double an act - ballots, answers and registrations have unique constraints).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 15


def _transient_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        return tuple(errors)
    return (*errors, RedisConnectionError, RedisTimeoutError)


TRANSIENT = _transient_errors()


def try_again(request: HttpRequest) -> HttpResponse:
    message = _("Something went wrong on our side. Please try again in a few minutes.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=503)
    else:
        html: str
        try:
            html = render_to_string("503.html", {"LANG": translation.get_language()})
        except Exception:  # the template itself needs nothing away, but never fail here
            html = str(message)
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ServiceUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except TRANSIENT as error:  # raised by middleware below, e.g. the session's database read
            return self._answer(request, error)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, TRANSIENT):
            return self._answer(request, exception)
        return None

    def _answer(self, request: HttpRequest, error: BaseException) -> HttpResponse:
        logger.warning("service unavailable for %s: %s", request.path, type(error).__name__)
        return try_again(request)
