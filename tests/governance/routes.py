"""Role table of governance: what each role gets from each route (see tests/route_tables.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from linli.governance.models import Body

# fmt: off
#        method anonymous outsider pending resident leader organiser community_admin site_admin
ROUTES: dict[str, str] = {}
UNREQUESTED: dict[str, str] = {}

ROUTES |= {
    "governance:body": "GET  200   200   200   200   200   200   200   200",
    "governance:body_create": "GET  login 403   403   403   403   200   200   200",
    "governance:index": "GET  200   200   200   200   200   200   200   200",
    "governance:motion_create": "GET  login 403   403   403   200   200   200   200",
    "governance:seat_create": "GET  login 403   403   403   403   200   200   200",
}

UNREQUESTED |= {
    "governance:motion": "no demo page links to an object for it",
}

ROUTES |= {
    "governance:join": "GET  login 403   403   200   200   200   200   200",
    "governance:record_resignation": "GET  login 403   403   403   200   200   200   200",
    "governance:remove": "GET  login 403   403   403   200   200   200   200",
}

# Requested at the demo objects ``SAMPLES`` finds (issue 24); outcomes read by hand.
ROUTES |= {
    "governance:resign": "GET  login 403   403   404   200   200   404   404",
}

# A body's meetings (issue 18): the demo council's published meetings and resolutions are public;
# an officer (the leader chairs the demo bodies) or an organiser schedules one.
ROUTES |= {
    "governance:meeting": "GET  200   200   200   200   200   200   200   200",
    "governance:meeting_create": "GET  login 403   403   403   200   200   200   200",
    "governance:resolution": "GET  200   200   200   200   200   200   200   200",
}
# fmt: on


def _resign(slug: str) -> str | None:
    body = Body.objects.filter(community__slug=slug).order_by("pk").first()
    return body and reverse("governance:resign", args=[slug, body.pk])


# Routes no demo page links to, requested at the first demo object that fits (issue 24).
SAMPLES: dict[str, Callable[[str], str | None]] = {"governance:resign": _resign}
