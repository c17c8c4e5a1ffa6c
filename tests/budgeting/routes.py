"""Role table of budgeting: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from linli.budgeting.models import Idea

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "budgeting:bring_proposal": "POST login 403   403   403   403   302   302   302",
    "budgeting:create":         "GET  login 403   403   403   403   200   200   200",
    "budgeting:detail":         "GET  200   200   200   200   200   200   200   200",
    "budgeting:edit":           "GET  login 403   403   403   403   200   200   200",
    "budgeting:idea":           "GET  200   200   200   200   200   200   200   200",
    "budgeting:list":           "GET  200   200   200   200   200   200   200   200",
    "budgeting:owner":          "POST login 403   403   403   403   302   302   302",
    "budgeting:project":        "GET  200   200   200   200   200   200   200   200",
    "budgeting:results":        "GET  200   200   200   200   200   200   200   200",
    "budgeting:results_pb":     "GET  200   200   200   200   200   200   200   200",
    "budgeting:setup":          "GET  login 403   403   403   403   200   200   200",
    "budgeting:track":          "POST 404   404   404   404   404   404   404   404",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "budgeting:compute": "not linked from the demo pages the site admin and the resident see",
    "budgeting:cost": "not linked from the demo pages the site admin and the resident see",
    "budgeting:decide_appeal": "not linked from the demo pages the site admin and the resident see",
    "budgeting:idea_new": "not linked from the demo pages the site admin and the resident see",
    "budgeting:open_vote": "not linked from the demo pages the site admin and the resident see",
    "budgeting:publish": "not linked from the demo pages the site admin and the resident see",
    "budgeting:publish_results": "not linked from the demo pages the site admin and the resident see",
    "budgeting:review": "not linked from the demo pages the site admin and the resident see",
}


# Requested at the demo objects ``SAMPLES`` finds (issue 24); outcomes read by hand.
ROUTES |= {
    "budgeting:appeal": "POST login 403   403   302   302   302   302   302",
    "budgeting:merge": "POST login 403   403   403   403   302   302   302",
}


def _on_idea(route: str, status: str) -> Callable[[str], str | None]:
    """An idea of the demo in ``status`` (a rejected one is what is appealed), else the first."""

    def url(slug: str) -> str | None:
        rows = Idea.objects.filter(process__community__slug=slug).order_by("pk")
        found = rows.filter(status=status).first() or rows.first()
        return found and reverse(route, args=[slug, found.pk])

    return url


# Routes no demo page links to, requested at the first demo object that fits (issue 24).
SAMPLES: dict[str, Callable[[str], str | None]] = {
    "budgeting:appeal": _on_idea("budgeting:appeal", Idea.Status.REJECTED),
    "budgeting:merge": _on_idea("budgeting:merge", Idea.Status.SUBMITTED),
}
