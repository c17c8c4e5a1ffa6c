"""Role table of surveys: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "surveys:answer":      "GET  login 302   302   200   200   200   200   200",
    "surveys:build":       "GET  login 403   403   403   403   200   200   200",
    "surveys:create":      "GET  login 403   403   403   403   200   200   200",
    "surveys:definition":  "GET  login 403   403   403   403   200   200   200",
    "surveys:detail":      "GET  200   200   200   200   200   200   200   200",
    "surveys:edit":        "GET  login 403   403   403   403   200   200   200",
    "surveys:export":      "GET  login 403   403   403   403   200   200   200",
    "surveys:import":      "GET  login 403   403   403   403   200   200   200",
    "surveys:list":        "GET  200   200   200   200   200   200   200   200",
    "surveys:paper":       "GET  200   200   200   200   200   200   200   200",
    "surveys:paper_entry": "GET  login 403   403   403   200   200   200   200",
    "surveys:results":     "GET  200   200   200   200   200   200   200   200",
    "surveys:status":      "POST login 403   403   403   403   302   302   302",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "survey_open_link": "not linked from the demo pages the site admin and the resident see",
    "surveys:item_action": "not linked from the demo pages the site admin and the resident see",
    "surveys:question": "not linked from the demo pages the site admin and the resident see",
    "surveys:question_new": "not linked from the demo pages the site admin and the resident see",
    "surveys:section": "not linked from the demo pages the site admin and the resident see",
    "surveys:section_new": "not linked from the demo pages the site admin and the resident see",
    "surveys:thanks": "not linked from the demo pages the site admin and the resident see",
}
