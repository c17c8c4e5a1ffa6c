"""Role table of core: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "core:after_login":           "GET  login 302   302   302   302   302   302   302",
    "core:api_tokens":            "GET  login 403   403   403   403   200   200   200",
    "core:audit":                 "GET  login 403   403   403   403   403   200   200",
    "core:claim":                 "GET  login 200   200   200   200   200   200   200",
    "core:community":             "GET  200   200   200   200   200   200   200   200",
    "core:community_settings":    "GET  login 403   403   403   403   403   200   200",
    "core:decide_member":         "POST login 403   403   403   403   302   302   302",
    "core:delete_account":        "GET  login 200   200   200   200   200   200   200",
    "core:demographics":          "GET  login 404   404   200   404   404   404   404",
    "core:demographics_delete":   "POST login 404   404   302   404   404   404   404",
    "core:first_run":             "GET  302   302   302   302   302   302   302   302",
    "core:healthz":               "GET  200   200   200   200   200   200   200   200",
    "core:home":                  "GET  200   200   200   200   200   200   200   200",
    "core:households":            "GET  login 403   403   403   403   200   200   200",
    "core:import_households":     "GET  login 403   403   403   403   200   200   200",
    "core:join":                  "GET  login 200   200   200   200   200   200   200",
    "core:letters":               "GET  login 403   403   403   403   200   200   200",
    "core:manage":                "GET  login 403   403   403   403   200   200   200",
    "core:mark_read":             "GET  login 404   404   200   404   404   404   404",
    "core:me":                    "GET  login 200   200   200   200   200   200   200",
    "core:members":               "GET  login 403   403   403   403   200   200   200",
    "core:my_data":               "GET  login 200   200   200   200   200   200   200",
    "core:notice_add":            "GET  login 403   403   403   403   200   200   200",
    "core:notices":               "GET  200   200   200   200   200   200   200   200",
    "core:notification_settings": "GET  login 200   200   200   200   200   200   200",
    "core:notifications":         "GET  login 200   200   200   200   200   200   200",
    "core:partner_add":           "GET  login 403   403   403   403   200   200   200",
    "core:partners":              "GET  200   200   200   200   200   200   200   200",
    "core:places":                "GET  login 403   403   403   403   200   200   200",
    "core:record_resident":       "GET  login 403   403   403   403   200   200   200",
    "core:register":              "GET  200   200   200   200   200   200   200   200",
    "core:set_display":           "POST 302   302   302   302   302   302   302   302",
    "core:set_language":          "POST 302   302   302   302   302   302   302   302",
    "core:set_role":              "POST login 403   403   403   403   403   302   302",
    "core:site_admin":            "GET  login 403   403   403   403   403   403   200",
    "core:site_community":        "GET  login 403   403   403   403   403   403   200",
    "core:site_community_new":    "GET  login 403   403   403   403   403   403   200",
    # the first file the crawl meets is a micro-grant's receipt: only the application's readers
    # (team, panel, organisers) open it; a resident not on the team gets 404 (grants/services/access.py)
    "media":                      "GET  404   404   404   404   200   200   200   200",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {}
