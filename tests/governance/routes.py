"""Role table of governance: what each role gets from each route (see tests/route_tables.py)."""

from __future__ import annotations

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

UNREQUESTED |= {
    "governance:resign": "only a member serving has a seat to step down from; the crawl's pages do not link it",
}

# A body's meetings (issue 18): the demo council's published meetings and resolutions are public;
# an officer (the leader chairs the demo bodies) or an organiser schedules one.
ROUTES |= {
    "governance:meeting": "GET  200   200   200   200   200   200   200   200",
    "governance:meeting_create": "GET  login 403   403   403   200   200   200   200",
    "governance:resolution": "GET  200   200   200   200   200   200   200   200",
}
