"""Role table of conventions (see tests/route_tables.py)."""

from __future__ import annotations

ROUTES: dict[str, str] = {}
UNREQUESTED: dict[str, str] = {}

ROUTES |= {
    "conventions:adopt": "GET  login 403   403   403   403   200   200   200",
    "conventions:amendment": "GET  200   200   200   200   200   200   200   200",
    "conventions:create": "GET  login 403   403   403   403   200   200   200",
    "conventions:detail": "GET  200   200   200   200   200   200   200   200",
    "conventions:index": "GET  200   200   200   200   200   200   200   200",
    "conventions:propose": "GET  login 403   403   200   200   200   200   200",
    "conventions:record_comment": "GET  login 403   403   403   403   200   200   200",
    "conventions:revise": "GET  login 403   403   403   403   200   200   200",
    "conventions:reopen": "POST login 403   403   403   403   302   302   302",
    "conventions:settle": "POST login 403   403   403   403   302   302   302",
    "conventions:version": "GET  200   200   200   200   200   200   200   200",
    "conventions:wall_sheet": "GET  200   200   200   200   200   200   200   200",
}

UNREQUESTED |= {}
