"""Role table of reviews: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "reviews:application":    "GET  200   200   200   200   200   200   200   200",
    "reviews:apply":          "GET  login 403   403   200   200   200   200   200",
    "reviews:contest":        "GET  200   200   200   200   200   200   200   200",
    "reviews:contest_create": "GET  login 403   403   404   200   200   200   200",
    "reviews:index":          "GET  200   200   200   200   200   200   200   200",
    "reviews:showcase":       "GET  200   200   200   200   200   200   200   200",
    "reviews:step":           "POST login 403   403   404   302   302   302   302",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "reviews:sheet": "the secretary's paper score sheets are linked only while a contest is scored; no demo contest is",
    "reviews:sign": "in the demo the recused chair no longer inspects her own courtyard, so no page the crawl sees offers a signature",
    "reviews:paper": "the paper scoring path now starts from the score sheet of a board member; no demo page links it",
    "reviews:answer": "not linked from the demo pages the site admin and the resident see",
    "reviews:conflict": "not linked from the demo pages the site admin and the resident see",
    "reviews:contest_edit": "not linked from the demo pages the site admin and the resident see",
    "reviews:criterion_add": "not linked from the demo pages the site admin and the resident see",
    "reviews:criterion_delete": "not linked from the demo pages the site admin and the resident see",
    "reviews:inspect": "not linked from the demo pages the site admin and the resident see",
    "reviews:milestone_add": "not linked from the demo pages the site admin and the resident see",
    "reviews:notice": "not linked from the demo pages the site admin and the resident see",
    "reviews:object": "not linked from the demo pages the site admin and the resident see",
    "reviews:photo": "not linked from the demo pages the site admin and the resident see",
    "reviews:poster": "not linked from the demo pages the site admin and the resident see",
    "reviews:release": "not linked from the demo pages the site admin and the resident see",
    "reviews:results": "not linked from the demo pages the site admin and the resident see",
    "reviews:rubric_comment": "not linked from the demo pages the site admin and the resident see",
    "reviews:score": "not linked from the demo pages the site admin and the resident see",
    "reviews:team": "not linked from the demo pages the site admin and the resident see",
    "reviews:tier_add": "not linked from the demo pages the site admin and the resident see",
    "reviews:withdraw": "not linked from the demo pages the site admin and the resident see",
}
