"""Role table of opinions: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "opinions:close":     "GET  login 403   403   403   403   200   200   200",
    "opinions:create":    "GET  login 403   403   403   403   200   200   200",
    "opinions:detail":    "GET  200   200   200   200   200   200   200   200",
    "opinions:edit":      "GET  login 403   403   403   403   200   200   200",
    "opinions:export":    "GET  login 403   403   403   403   200   200   200",
    "opinions:list":      "GET  200   200   200   200   200   200   200   200",
    "opinions:moderate":  "GET  login 403   403   403   403   200   200   200",
    "opinions:paper":     "GET  login 403   403   403   403   200   200   200",
    "opinions:recompute": "POST login 403   403   403   403   302   302   302",
    "opinions:report":    "GET  200   200   200   200   200   200   200   200",
    "opinions:results":   "GET  200   200   200   200   200   200   200   200",
    "opinions:sheet":     "GET  login 403   403   403   403   200   200   200",
    "opinions:vote":      "POST login 403   403   404   404   404   404   404",
    "opinions:write":     "GET  login 403   403   302   302   302   302   302",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {}
