"""Run a service call from a view: success or the service's own refusal, said to the person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from .kit.refusals import Refused


def attempt(request: HttpRequest, action: Callable[[], Any], done: str, form: Any = None) -> bool:
    """Call ``action``; on success say ``done``. A refusal (``Refused``, also called ServiceError)
    is shown as an error message and, with a bound ``form``, on the field it names (or the whole
    form), so what was typed stays. This and ``RefusalMiddleware`` are where pages answer a
    refusal; ``Forbidden`` is Django's 403."""
    try:
        action()
    except Refused as error:
        if form is not None:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        messages.error(request, error.message)
        return False
    messages.success(request, done)
    return True
