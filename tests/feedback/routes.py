"""Role table of feedback: what each role gets from each route (see tests/route_tables.py)."""

from __future__ import annotations

# fmt: off
#        method anonymous outsider pending resident leader organiser community_admin site_admin
ROUTES: dict[str, str] = {}
UNREQUESTED: dict[str, str] = {}

ROUTES |= {
    "feedback:enter": "GET  login 403   403   403   403   200   200   200",
    "feedback:item": "GET  200   200   200   200   200   200   200   200",
    "feedback:list": "GET  200   200   200   200   200   200   200   200",
    "feedback:manage_item": "GET  login 403   403   403   403   200   200   200",
    "feedback:me_too": "POST login 403   403   302   302   302   302   403",
    "feedback:queue": "GET  login 403   403   403   403   200   200   200",
    "feedback:report": "GET  login 403   403   200   200   200   200   200",
    "feedback:summary": "GET  200   200   200   200   200   200   200   200",
}
