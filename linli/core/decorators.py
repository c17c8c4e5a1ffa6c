"""View decorator that loads the community from the URL and checks the permission on the server."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from . import permissions
from .kit.refusals import Forbidden
from .models import Community

View = Callable[..., HttpResponseBase]


def community_view(action: str) -> Callable[[View], View]:
    """Wrap a view taking ``(request, community, ...)``; the URL gives ``slug``."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            community = get_object_or_404(Community, slug=slug)
            if not permissions.can(request.user, action, community):
                if permissions.needs_sign_in(request.user, action):
                    return redirect_to_login(request.get_full_path())
                raise Forbidden(action)
            request.community = community  # type: ignore[attr-defined]
            request.member = permissions.member_of(request.user, community)  # type: ignore[attr-defined]
            return view(request, community, *args, **kwargs)

        wrapper.linli_action = action  # type: ignore[attr-defined]
        return wrapper

    return decorate
