"""Role table of grants: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "grants:agreement_pdf": "GET  login 403   403   403   200   200   200   200",
    "grants:application":   "GET  200   200   200   200   200   200   200   200",
    "grants:call":          "GET  200   200   200   200   200   200   200   200",
    "grants:call_create":   "GET  login 403   403   403   403   200   200   200",
    "grants:call_edit":     "GET  login 403   403   403   403   200   200   200",
    "grants:evaluate":      "POST login 403   403   403   403   400   400   400",
    "grants:index":         "GET  200   200   200   200   200   200   200   200",
    "grants:ranking":       "GET  login 403   403   403   403   200   200   200",
    "grants:step":          "POST login 403   403   403   403   302   302   302",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "grants:accept": "not linked from the demo pages the site admin and the resident see",
    "grants:apply": "not linked from the demo pages the site admin and the resident see",
    "grants:award": "not linked from the demo pages the site admin and the resident see",
    "grants:budget_add": "not linked from the demo pages the site admin and the resident see",
    "grants:budget_delete": "not linked from the demo pages the site admin and the resident see",
    "grants:conflict": "not linked from the demo pages the site admin and the resident see",
    "grants:consent": "not linked from the demo pages the site admin and the resident see",
    "grants:countersign": "not linked from the demo pages the site admin and the resident see",
    "grants:criterion_add": "not linked from the demo pages the site admin and the resident see",
    "grants:criterion_delete": "not linked from the demo pages the site admin and the resident see",
    "grants:decline": "not linked from the demo pages the site admin and the resident see",
    "grants:edit": "not linked from the demo pages the site admin and the resident see",
    "grants:milestone_add": "not linked from the demo pages the site admin and the resident see",
    "grants:photo_add": "not linked from the demo pages the site admin and the resident see",
    "grants:report_create": "not linked from the demo pages the site admin and the resident see",
    "grants:report_review": "not linked from the demo pages the site admin and the resident see",
    "grants:score": "not linked from the demo pages the site admin and the resident see",
    "grants:submit": "not linked from the demo pages the site admin and the resident see",
    "grants:team_add": "not linked from the demo pages the site admin and the resident see",
    "grants:withdraw": "not linked from the demo pages the site admin and the resident see",
}
