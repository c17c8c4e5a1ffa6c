"""Role table of insights: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "insights:annual_report":   "GET  login 403   403   403   403   200   200   200",
    "insights:baselines":       "GET  login 403   403   403   403   200   200   200",
    "insights:district":        "GET  login 403   403   403   403   403   403   200",
    "insights:fair":            "GET  login 403   403   403   403   200   200   200",
    "insights:figures":         "GET  200   200   200   200   200   200   200   200",
    "insights:figures_export":  "GET  200   200   200   200   200   200   200   200",
    "insights:flag":            "GET  login 403   403   403   403   200   200   200",
    "insights:flag_call_list":  "POST login 403   403   403   403   200   200   200",
    "insights:flag_follow_up":  "POST login 403   403   403   403   400   400   400",
    "insights:flag_letters":    "POST login 403   403   403   403   200   200   200",
    "insights:flag_message":    "POST login 403   403   403   403   302   302   302",
    "insights:import_margins":  "GET  login 403   403   403   403   200   200   200",
    "insights:ladder":          "GET  login 403   403   403   403   200   200   200",
    "insights:leader_stage":    "POST login 403   403   403   403   302   302   302",
    "insights:leaders":         "GET  login 403   403   403   403   200   200   200",
    "insights:measure":         "GET  login 403   403   403   403   200   200   200",
    "insights:my_ladder":       "GET  login 403   403   200   200   200   200   404",  # a site admin has no ladder here
    "insights:notice_read":     "POST login 403   403   302   302   302   302   400",
    "insights:survey_weighted": "GET  login 403   403   403   403   200   200   200",
    "insights:targets":         "GET  login 403   403   403   403   200   200   200",
    "insights:visits":          "GET  login 403   403   403   200   200   200   200",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "insights:member_ladder": "not linked from the demo pages the site admin and the resident see",
}

ROUTES |= {
    "insights:choose_repeated": "POST login 403   403   403   403   400   400   400",
    "insights:drop_repeated": "POST login 403   403   403   403   302   302   302",
}
