"""What a member picker was asked to find, read from the page's own query string.

A picker over a large community lists only some people (``linli.core.fields``); its search box
sends ``?find-<field name>=words`` to the same page by GET, so it works without JavaScript. The
widget has no request to read that from, so this middleware keeps the request's query string
for the length of the request (a context variable: each request, thread or task sees its own)."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

PREFIX = "find-"
# The GET form every picker's search box belongs to (``form=`` attribute), in base.html: a form
# cannot sit inside the page's own POST form.
FORM_ID = "member-find"
MAX_WORDS = 80

_query: ContextVar[QueryDict | None] = ContextVar("linli_picker_query", default=None)
_kept_written: ContextVar[bool] = ContextVar("linli_picker_kept_written", default=False)


def param(html_name: str) -> str:
    return PREFIX + html_name


def searched(html_name: str) -> str:
    """The words typed into this picker's search box, if this request carries them."""
    query = _query.get()
    if query is None:
        return ""
    return " ".join(query.get(param(html_name), "").split())[:MAX_WORDS]


def kept_query(query: QueryDict) -> list[tuple[str, str]]:
    """The page's other query parameters, kept by the search form so a search stays on the same
    view of the page (the search boxes themselves send their own)."""
    return [
        (key, value)
        for key, values in query.lists()
        if not key.startswith(PREFIX)
        for value in values
    ]


def kept_inputs() -> SafeString:
    """The page's other query parameters as hidden inputs of the search form, written by the first
    narrowed picker of the page only: a page without such a picker echoes nothing of its query
    string (a refused search must not show what was searched for)."""
    query = _query.get()
    if query is None or _kept_written.get():
        return SafeString("")
    _kept_written.set(True)
    return format_html_join(
        "",
        '<input type="hidden" form="{}" name="{}" value="{}">',
        ((FORM_ID, key, value) for key, value in kept_query(query)),
    )


class PickerSearchMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _query.set(request.GET)
        written = _kept_written.set(False)
        try:
            return self.get_response(request)
        finally:
            _kept_written.reset(written)
            _query.reset(token)
