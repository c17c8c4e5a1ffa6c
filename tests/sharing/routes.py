"""Role table of sharing: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "sharing:board":    "GET  200   200   200   200   200   200   200   200",
    "sharing:figures":  "GET  200   200   200   200   200   200   200   200",
    "sharing:item":     "GET  200   200   200   200   200   200   200   200",
    "sharing:item_new": "GET  login 403   403   200   200   302   302   302",
    "sharing:loan":     "GET  login 403   403   200   200   200   200   200",
    "sharing:mine":     "GET  login 403   403   200   200   200   200   200",
    "sharing:poster":   "GET  login 403   403   403   200   200   200   200",
    "sharing:problem":  "POST login 403   403   302   302   302   302   302",
    "sharing:problems": "GET  login 403   403   403   403   200   200   200",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "sharing:item_edit": "not linked from the demo pages the site admin and the resident see",
    "sharing:item_state": "not linked from the demo pages the site admin and the resident see",
    "sharing:loan_step": "not linked from the demo pages the site admin and the resident see",
    "sharing:problem_step": "not linked from the demo pages the site admin and the resident see",
    "sharing:waiting": "offered only on an item lent out, promised or paused; the item pages crawled are free (tests/sharing/test_waiting_list.py requests it)",
}
