"""Run a page's command: success (its result, in a :class:`Done`) or the command's own refusal,
said to the person. One mechanism for every page: :func:`attempt` also says it in a message,
:func:`on_form` only on the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .kit.refusals import Refused

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a command returned when it was not refused: always true, whatever ``value`` is."""

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


def attempt(
    request: HttpRequest, action: Callable[[], T], done: str, form: Any = None
) -> Done[T] | None:
    """Call ``action``; on success say ``done`` and return what it returned, wrapped in
    :class:`Done` (so a command returning None or an empty list still reads as success). A
    refusal (``Refused``, also called ServiceError) is said as an error message and, with a bound
    ``form``, put on the field it names (or the whole form) so what was typed stays; None is
    returned. This, :func:`on_form` and ``RefusalMiddleware`` are where pages answer a refusal;
    ``Forbidden`` is Django's 403.

    ::

        made = attempt(request, lambda: services.open_motion(request.user, body, ...), _("Opened."))
        if made:
            return redirect(made.value.get_absolute_url())
    """
    try:
        value = action()
    except Refused as error:
        if form is not None:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        messages.error(request, error.message)
        return None
    messages.success(request, done)
    return Done(value)


def form_page(
    request: HttpRequest,
    form: Any,
    run: Callable[[dict[str, Any]], T],
    template: str,
    context: dict[str, Any],
    *,
    to: Callable[[T], Any] | None = None,
    said: str | Callable[[T], str] | None = None,
    field: Callable[[str], str | None] | None = None,
) -> HttpResponse:
    """A page whose form runs one command, then leaves: the block every such view repeated.

    On a valid POST, ``run(form.cleaned_data)``; on success say ``said`` (a text, or made from the
    result) and redirect to ``to(result)`` - by default the result itself, an object with
    ``get_absolute_url`` - anything ``redirect()`` takes. A refusal goes on the form (see
    :func:`on_form`, ``field`` renames the field it names) and the page is shown again with what
    was typed, answering 400 after a POST as after any invalid form::

        return form_page(
            request, form, lambda data: services.raise_query(request.user, community, **data),
            "supervision/ask.html", {"community": community},
        )
    """
    if request.method == "POST" and form.is_valid():
        made = on_form(form, lambda: run(form.cleaned_data), field)
        if made:
            if said is not None:
                messages.success(request, said(made.value) if callable(said) else said)
            target: Any = to(made.value) if to is not None else made.value
            return redirect(target)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)
