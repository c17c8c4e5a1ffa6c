"""Role table of proposals: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from linli.proposals.models import Proposal

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "proposals:agenda":         "GET  login 403   403   403   403   200   200   200",
    "proposals:answer":         "POST login 403   403   403   403   302   302   302",
    "proposals:answers":        "GET  200   200   200   200   200   200   200   200",
    "proposals:comment":        "POST login 403   403   400   400   400   400   400",
    "proposals:comment_hide":   "GET  login 403   403   403   403   200   200   200",
    "proposals:comment_report": "GET  login 403   403   200   200   200   200   200",
    "proposals:create":         "GET  login 403   403   200   200   200   200   200",
    "proposals:detail":         "GET  200   200   200   200   200   200   200   200",
    "proposals:list":           "GET  200   200   200   200   200   200   200   200",
    "proposals:merge":          "POST login 403   403   403   403   302   302   302",
    "proposals:settings":       "GET  login 403   403   403   403   403   200   200",
    "proposals:support":        "POST login 403   403   302   302   302   302   302",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "proposals:comment_edit": "not linked from the demo pages the site admin and the resident see",
    "proposals:comment_history": "not linked from the demo pages the site admin and the resident see",
    "proposals:publish": "not linked from the demo pages the site admin and the resident see",
}


# Requested at the demo objects ``SAMPLES`` finds (issue 24); outcomes read by hand.
ROUTES |= {
    "proposals:add_coauthor": "POST login 403   403   302   302   404   404   404",
    "proposals:edit": "GET  login 403   403   200   200   404   404   404",
}


def _on_draft(route: str) -> Callable[[str], str | None]:
    """A draft of the demo (only its authors may edit it or invite), else the first proposal."""

    def url(slug: str) -> str | None:
        rows = Proposal.objects.filter(community__slug=slug).order_by("pk")
        found = rows.filter(status=Proposal.Status.DRAFT).first() or rows.first()
        return found and reverse(route, args=[slug, found.pk])

    return url


# Routes no demo page links to, requested at the first demo object that fits (issue 24).
SAMPLES: dict[str, Callable[[str], str | None]] = {
    "proposals:edit": _on_draft("proposals:edit"),
    "proposals:add_coauthor": _on_draft("proposals:add_coauthor"),
}
