"""The page behind the secret link of an offered place, the same for a meeting and a volunteer
shift: it shows the offer and answers it through the app's command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .kit import Refused
from .waitlist import Queue, Status


def offer_page(
    request: HttpRequest,
    queue: Queue,
    token: str,
    answer: Callable[[bool], Any],
    back_label: str | Promise,
) -> HttpResponse:
    """GET shows the offer; POST confirms it (``accept``) or lets it go, by ``answer(accept)``."""
    error = ""
    if request.method == "POST":
        try:
            done = answer("accept" in request.POST)
        except Refused as refused:
            error = refused.message
        else:
            if done.status == Status.CONFIRMED:
                messages.success(request, _("The place is yours. See you there!"))
            else:
                messages.success(request, _("Thank you: the place goes to the next person."))
            return redirect(queue.event.get_absolute_url())
    context = {
        "community": queue.community,
        "event": queue.event,
        "back_label": back_label,
        "error": error,
        **queue.offer_state(queue.offer_for(token)),
    }
    return render(request, "core/offer.html", context, status=400 if error else 200)
