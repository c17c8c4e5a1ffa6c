"""Role table of engagement: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "engagement:create":   "GET  login 403   403   403   403   200   200   200",
    "engagement:detail":   "GET  200   200   200   200   200   200   200   200",
    "engagement:edit":     "GET  login 403   403   403   403   200   200   200",
    "engagement:equity":   "GET  login 403   403   403   403   200   200   200",
    "engagement:lessons":  "GET  login 403   403   403   403   200   200   200",
    "engagement:list":     "GET  200   200   200   200   200   200   200   200",
    "engagement:manage":   "GET  login 403   403   403   403   200   200   200",
    "engagement:open":     "GET  login 403   403   403   403   200   200   200",
    "engagement:organise": "GET  login 403   403   403   403   200   200   200",
    "engagement:phases":   "GET  login 403   403   403   403   200   200   200",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "engagement:close": "not linked from the demo pages the site admin and the resident see",
    "engagement:report_back": "not linked from the demo pages the site admin and the resident see",
    "engagement:report_back_edit": "not linked from the demo pages the site admin and the resident see",
}
