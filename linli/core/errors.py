from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse(render_to_string("400.html"), status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page; a refusal that says why (``Forbidden(action, message)``) says it here."""
    reason = getattr(exception, "message", "") or ""
    return render(request, "403.html", {"reason": reason}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: a plain template with no context processors, which may be what failed.
    A database or cache away for a moment, failing in a middleware (the session's read) rather
    than in a view, gets the 503 "try again" page instead (see unavailable.py)."""
    import sys

    from django.template import loader

    from .unavailable import TRANSIENT, try_again

    if isinstance(sys.exc_info()[1], TRANSIENT):
        return try_again(request)

    try:
        html = loader.get_template("500.html").render({"LANG": translation.get_language()})
    except Exception:  # even the template failed: still answer in the reader's language
        html = str(_("Something went wrong on our side. Please try again in a few minutes."))
    return HttpResponse(html, status=500)
