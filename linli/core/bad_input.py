"""One place that turns input the database or the calendar cannot hold into a clear refusal.

Three layers, so that no such input ends in a 500 on SQLite or PostgreSQL:

- ``check_text`` / ``check_json``: text with NUL characters or lone UTF-16 surrogates
  (``"\\ud800"`` in JSON) is refused before anything reads it. PostgreSQL cannot store NUL, and
  no database can encode a lone surrogate as UTF-8.
- ``refuse_unstorable_values``: a ``pre_save`` check on every model. A string longer than its
  column, or text as above, is refused the same way on SQLite (which would store it) and on
  PostgreSQL (which would fail with a DataError).
- ``BAD_INPUT_ERRORS``: what is still raised deep down by out-of-range input (a year-0001 date
  that overflows when moved to UTC, a number too large for a column) is answered with a
  translated 400 page by ``BadInputMiddleware`` and a translated 422 by the API.
"""

from __future__ import annotations

import decimal
import logging
from collections.abc import Callable
from typing import Any

from django.db import DataError, models
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


# The largest sum of money (yuan) any input accepts: far above any community budget, far below
# the 64-bit columns' limit.
MAX_YUAN = 10**12


class BadInput(ValueError):
    """Input that can never be stored; ``message`` is translated and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Raised by the database driver or by date/number arithmetic on out-of-range input.
BAD_INPUT_ERRORS: tuple[type[Exception], ...] = (
    BadInput,
    OverflowError,  # year-0001 datetimes moved to UTC; ints beyond SQLite's 64 bits
    DataError,  # PostgreSQL: value too long, out of range, NUL in text
    UnicodeError,  # lone surrogates meeting the UTF-8 encoder
    decimal.InvalidOperation,  # a number with more digits than its column
)


def unstorable_text_reason(text: str) -> str | None:
    """Why this text cannot be stored, or None when it can."""
    if "\x00" in text:
        return _("The text contains a NUL character, which cannot be stored.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("The text contains a broken character (a lone surrogate), which cannot be stored.")
    return None


def check_text(text: str) -> None:
    reason = unstorable_text_reason(text)
    if reason is not None:
        raise BadInput(reason)


def check_json(value: Any) -> None:
    """Walk parsed JSON and refuse any key or string that cannot be stored."""
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_json(key)
            check_json(item)
    elif isinstance(value, list):
        for item in value:
            check_json(item)


def refuse_unstorable_values(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    """pre_save: the same refusal on every database for text a column cannot hold."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str):
            continue
        check_text(value)
        if field.max_length is not None and len(value) > field.max_length:
            raise BadInput(
                _("“%(field)s” can be at most %(limit)d characters long.")
                % {"field": field.verbose_name, "limit": field.max_length}
            )


def message_for(error: BaseException) -> str:
    if isinstance(error, BadInput):
        return error.message
    return _(
        "A value you sent is out of range or cannot be stored (for example a date in the "
        "year 1, a very large number, or a text that is too long). Go back, correct it and "
        "send it again."
    )


def unreadable_body_message() -> str:
    return _("The request body could not be read: send JSON (application/json).")


def log_refusal(request: HttpRequest, error: BaseException) -> None:
    # Refusals are expected, but a stream of them may show a client bug: keep a trace.
    logger.warning("bad input refused on %s %s: %r", request.method, request.path, error)


class BadInputMiddleware:
    """Answers bad input that reached the database or date arithmetic with a translated 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if not isinstance(error, BAD_INPUT_ERRORS):
            return None
        log_refusal(request, error)
        # Rendered without the request context: after a DataError the transaction may be
        # unusable, so the page must not query the database.
        html = render_to_string(
            "400.html",
            {"message": message_for(error), "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", "")},
        )
        return HttpResponse(html, status=400)
