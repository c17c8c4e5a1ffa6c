"""Run a service call from a view: success or the service's own refusal, said to the person."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.http import HttpRequest

from .kit.refusals import Refused

T = TypeVar("T")


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


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a command returned when it was not refused."""

    value: T


def on_form(
    form: Any, action: Callable[[], T], field: Callable[[str], str | None] | None = None
) -> Done[T] | None:
    """Call ``action``; a refusal is put on ``form`` and None returned, so what was typed stays.
    The error goes on the field the refusal names (renamed by ``field`` when the form calls it
    otherwise) if the form has it, else on the whole form."""
    try:
        return Done(action())
    except Refused as error:
        name = field(error.field) if field and error.field else error.field
        form.add_error(name if name in form.fields else None, error.message)
        return None
