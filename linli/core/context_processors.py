from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from . import picker_search


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    cookie = request.COOKIES.get("linli_large_text")
    if cookie is not None:
        large_text = cookie == "1"
    else:
        large_text = bool(user is not None and user.is_authenticated and user.large_text)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        # Each language named in itself, so a reader finds their own whatever the page language.
        "NATIVE_LANGUAGES": settings.LANGUAGES,
        "large_text": large_text,
        "unread_notifications": unread,
        # The member pickers' search form (linli.core.picker_search); the first narrowed picker
        # of a page writes the page's other query parameters into it.
        "PICKER_FIND": {"id": picker_search.FORM_ID},
    }
