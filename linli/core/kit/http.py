"""Where a refusal becomes an answer, for pages (this middleware) and the API (handlers below,
installed on the NinjaAPI in linli/api/urls.py).

Forbidden is Django's PermissionDenied, so pages show the project's 403 page without help here.
A Refused a view did not catch itself (views with a form use ``linli.core.attempt.attempt`` to put
the words on the form) is shown on a 400 page with its words and a way back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from .refusals import Refused


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Refused):
            return None
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = ""
        context = {"message": exception.message, "back": back}
        return render(request, "core/refused.html", context, status=400)


def install_api_handlers(api: Any) -> None:
    """Map the refusal vocabulary onto a django-ninja API: 403 for "may not", 400 for "not now"
    or bad input, each with ``detail`` (and ``field`` when the refusal names one)."""

    def forbidden(request: HttpRequest, error: Exception) -> HttpResponse:
        detail = getattr(error, "message", "") or "Not allowed."
        response: HttpResponse = api.create_response(request, {"detail": detail}, status=403)
        return response

    def refused(request: HttpRequest, error: Exception) -> HttpResponse:
        assert isinstance(error, Refused)
        body: dict[str, Any] = {"detail": error.message}
        if error.field:
            body["field"] = error.field
        response: HttpResponse = api.create_response(request, body, status=400)
        return response

    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Refused, refused)
