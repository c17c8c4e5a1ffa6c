"""Role table of volunteering: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "volunteering:activity":           "GET  200   200   200   200   200   200   200   200",
    "volunteering:activity_create":    "GET  login 403   403   403   200   200   200   200",
    "volunteering:activity_edit":      "GET  login 403   403   403   200   200   200   200",
    "volunteering:certificate":        "GET  login 403   403   302   302   302   302   404",
    "volunteering:checkin":            "GET  login 403   403   403   200   200   200   200",
    "volunteering:correct":            "GET  login 403   403   200   404   404   404   404",
    "volunteering:group":              "GET  login 403   403   403   200   200   200   200",
    "volunteering:hours":              "GET  login 403   403   403   200   200   200   200",
    "volunteering:impact":             "GET  login 403   403   403   200   200   200   200",
    "volunteering:list":               "GET  200   200   200   200   200   200   200   200",
    "volunteering:member_certificate": "GET  login 403   403   403   403   302   302   302",
    "volunteering:members":            "GET  login 403   403   403   200   200   200   200",
    "volunteering:mine":               "GET  login 403   403   200   200   200   200   404",
    "volunteering:residents_report":   "GET  login 403   403   403   403   200   200   200",
    "volunteering:schedule_create":    "GET  login 403   403   403   200   200   200   200",
    "volunteering:schedule_edit":      "GET  login 403   403   403   200   200   200   200",
    "volunteering:team":               "GET  200   200   200   200   200   200   200   200",
    "volunteering:team_create":        "GET  login 403   403   403   403   200   200   200",
    "volunteering:team_edit":          "GET  login 403   403   403   200   200   200   200",
    "volunteering:team_report":        "GET  login 403   403   403   200   200   200   200",
    "volunteering:volunteers":         "GET  login 403   403   403   403   200   200   200",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "volunteering:cancel_signup": "not linked from the demo pages the site admin and the resident see",
    "volunteering:offer": "not linked from the demo pages the site admin and the resident see",
    "volunteering:verify": "not linked from the demo pages the site admin and the resident see",
}


UNREQUESTED |= {
    "volunteering:certificate_pdf": "no demo page links to an object for it",
}
