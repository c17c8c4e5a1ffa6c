"""Role table of disclosure: what each role gets from each route (see tests/route_tables.py)."""

from __future__ import annotations

# fmt: off
#        method anonymous outsider pending resident leader organiser community_admin site_admin
ROUTES: dict[str, str] = {}
UNREQUESTED: dict[str, str] = {}

ROUTES |= {
    "disclosure:board": "GET  login 403   403   403   403   200   200   200",
    "disclosure:delivery": "GET  login 403   403   200   200   200   200   403",
    "disclosure:entry": "GET  200   200   200   200   200   200   200   200",
    "disclosure:entry_poster": "GET  200   200   200   200   200   200   200   200",
    "disclosure:finance": "GET  200   200   200   200   200   200   200   200",
    "disclosure:manage": "GET  login 403   403   403   403   200   200   200",
    "disclosure:mark_read": "POST login 403   403   302   302   302   302   403",
    "disclosure:publicity": "GET  200   200   200   200   200   200   200   200",
    "disclosure:publicity_poster": "GET  200   200   200   200   200   200   200   200",
    "disclosure:register": "GET  200   200   200   200   200   200   200   200",
}

UNREQUESTED |= {
    "disclosure:answer": "no demo page links to an object for it",
}

ROUTES |= {
    "disclosure:newsletter": "GET  200   200   200   200   200   200   200   200",
    "disclosure:newsletter_choice": "GET  login 403   403   200   200   200   200   403",
    "disclosure:newsletter_compose": "GET  login 403   403   403   403   200   200   200",
    "disclosure:newsletter_read": "POST login 403   403   302   302   302   302   403",
    "disclosure:newsletter_sheet": "GET  200   200   200   200   200   200   200   200",
    "disclosure:newsletters": "GET  login 403   403   403   403   200   200   200",
}

ROUTES |= {
    "disclosure:unsubscribe": "GET  200   200   200   200   200   200   200   200",
}
