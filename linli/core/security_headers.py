"""Headers every response carries: a Content-Security-Policy, and with ``SECURE_COOKIES`` the
Secure flag on every cookie and Strict-Transport-Security.

Django 5.2 has no CSP of its own; this one policy needs no per-request nonce because no page has
an inline script or event handler (scripts are files under /static/). Style *attributes* stay
allowed (``style-src-attr``): the bar charts size their bars with them, and a style attribute
cannot run code. ``<style>`` elements and styles from elsewhere are not allowed.

HSTS is sent whenever ``SECURE_COOKIES`` is on, not only when Django sees HTTPS itself: behind
the documented TLS proxy the request reaches us over HTTP, and browsers ignore HSTS received
over plain HTTP anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if settings.SECURE_COOKIES:
            # Every cookie, whoever set it (session, CSRF, language, display, vote and survey
            # cookies, messages): one place instead of a flag at each set_cookie call.
            for morsel in response.cookies.values():
                morsel["secure"] = True
            if settings.SECURE_HSTS_SECONDS:
                value = f"max-age={settings.SECURE_HSTS_SECONDS}"
                if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                    value += "; includeSubDomains"
                response.headers.setdefault("Strict-Transport-Security", value)
        return response
