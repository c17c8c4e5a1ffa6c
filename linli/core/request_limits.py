"""Refuse a request body that is too large before anything reads it.

Django keeps a form's fields in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE but streams uploaded files
to disk without any limit, so one person could fill the server's disk with a single request. The
declared Content-Length is checked here, before the CSRF check or a view reads the body: a request
with files may carry LINLI_MAX_REQUEST_BYTES, any other request DATA_UPLOAD_MAX_MEMORY_SIZE. Django
reads no more than the declared length, so the declared length is the real cap. The refusal is a
translated 413 page (JSON under /api/), never a 500 or a bare "Bad Request".
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

MB = 1024 * 1024


def limit_for(request: HttpRequest) -> int:
    if request.content_type == "multipart/form-data":
        return int(settings.LINLI_MAX_REQUEST_BYTES)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or settings.LINLI_MAX_REQUEST_BYTES)


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = limit_for(request)
        if declared_length(request) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    max_mb = max(1, limit // MB)
    if request.path.startswith("/api/"):
        message = _("The request is larger than %(mb)d MB.") % {"mb": max_mb}
        return JsonResponse({"detail": message}, status=413)
    return render(request, "413.html", {"max_mb": max_mb}, status=413)
