"""Logging out deletes every vote change-code cookie on the device.

A change code is the only thing that lets its holder replace a ballot; on a shared computer
(the community centre's, a family phone) it must not wait in the browser for the next person.
Django's logout cannot touch the response, so ``user_logged_out`` marks the request and this
middleware deletes the cookies on the way out - for every path that logs out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

COOKIE_PREFIX = "linli_vote_"  # views.cookie_name
LOGGED_OUT = "_linli_logged_out"


@receiver(user_logged_out)
def remember_logout(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None:
        setattr(request, LOGGED_OUT, True)


class ForgetVoteCodesOnLogout:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, LOGGED_OUT, False):
            for name in request.COOKIES:
                if name.startswith(COOKIE_PREFIX):
                    response.delete_cookie(name, samesite="Lax")
        return response
