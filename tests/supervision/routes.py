"""Role table of supervision (see tests/route_tables.py)."""

from __future__ import annotations

ROUTES: dict[str, str] = {}
UNREQUESTED: dict[str, str] = {}

ROUTES |= {
    "supervision:ask": "GET  login 403   403   200   403   403   403   403",
    "supervision:audit": "GET  login 403   403   200   403   200   200   200",
    "supervision:books": "GET  login 403   403   200   403   200   200   200",
    "supervision:index": "GET  200   200   200   200   200   200   200   200",
    "supervision:query": "GET  200   200   200   200   200   200   200   200",
    "supervision:receipt": "GET  login 403   403   200   403   200   200   200",
}

UNREQUESTED |= {}
