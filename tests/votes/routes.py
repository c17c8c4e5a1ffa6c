"""Role table of votes: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "votes:ballots":   "GET  200   200   200   200   200   200   200   200",
    "votes:batches":   "GET  login 403   403   403   200   200   200   200",
    "votes:booth":     "GET  login 403   403   403   200   200   200   200",
    "votes:cancel":    "GET  login 403   403   403   403   200   200   200",
    "votes:close":     "POST login 403   403   403   403   302   302   302",
    "votes:create":    "GET  login 403   403   403   403   200   200   200",
    "votes:detail":    "GET  200   200   200   200   200   200   200   200",
    "votes:edit":      "GET  login 403   403   403   403   200   200   200",
    "votes:list":      "GET  200   200   200   200   200   200   200   200",
    "votes:paper_ballot": "GET login 403  403   403   200   200   200   200",
    "votes:questions": "GET  login 403   403   403   403   200   200   200",
    "votes:results":   "GET  200   200   200   200   200   200   200   200",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "votes:batch": "not linked from the demo pages the site admin and the resident see",
    "votes:forget_code": "not linked from the demo pages the site admin and the resident see",
    "votes:publish": "not linked from the demo pages the site admin and the resident see",
    "votes:publish_results": "not linked from the demo pages the site admin and the resident see",
    "votes:question": "not linked from the demo pages the site admin and the resident see",
}
