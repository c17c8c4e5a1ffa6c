"""Role table of meetings: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "meetings:action_status":   "POST login 403   403   403   302   302   302   302",
    "meetings:actions":         "GET  200   200   200   200   200   200   200   200",
    "meetings:arrange":         "POST login 403   403   403   403   302   302   302",
    "meetings:cancel":          "GET  login 403   403   403   403   200   200   200",
    "meetings:checkin":         "GET  login 403   403   403   200   200   200   200",
    "meetings:create":          "GET  login 403   403   403   403   200   200   200",
    "meetings:detail":          "GET  200   200   200   200   200   200   200   200",
    "meetings:edit":            "GET  login 403   403   403   403   200   200   200",
    "meetings:hearing":         "GET  login 403   403   403   403   200   200   200",
    "meetings:ics":             "GET  200   200   200   200   200   200   200   200",
    "meetings:list":            "GET  200   200   200   200   200   200   200   200",
    "meetings:member":          "GET  login 403   403   403   403   200   200   200",
    "meetings:mine":            "GET  login 403   403   200   200   200   200   404",
    "meetings:minutes":         "GET  login 403   403   403   403   200   200   200",
    "meetings:online":          "POST login 403   403   403   302   302   302   302",
    "meetings:people":          "GET  login 403   403   403   403   200   200   200",
    "meetings:register_for":    "GET  login 403   403   403   403   200   200   200",
    "meetings:role":            "POST login 403   403   403   403   302   302   302",
    "meetings:ticket":          "GET  login 403   403   200   404   404   404   404",
    "meetings:training":        "GET  200   200   200   200   200   200   200   200",
    "meetings:training_create": "GET  login 403   403   403   403   200   200   200",
    "meetings:training_edit":   "GET  login 403   403   403   403   200   200   200",
    "meetings:unregister":      "POST login 403   403   302   404   404   404   404",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "meetings:feed": "not linked from the demo pages the site admin and the resident see",
    "meetings:invite": "not linked from the demo pages the site admin and the resident see",
    "meetings:offer": "not linked from the demo pages the site admin and the resident see",
    "meetings:publish": "not linked from the demo pages the site admin and the resident see",
    # A hearing's forms are on its page only in their phase (speakers before it starts; testimony
    # and the response between the start and the response), and the crawl reads only a few of
    # the demo's many meeting pages.
    "meetings:hearing_response": "only between a hearing's start and its response; not crawled",
    "meetings:speak": "only on a hearing's page before it starts; not crawled",
    "meetings:testimony": "only between a hearing's start and its response; not crawled",
}
