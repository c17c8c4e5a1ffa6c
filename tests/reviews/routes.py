"""Role table of reviews: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from linli.reviews.models import Application
from linli.tracking import queries as tracking

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "reviews:application":    "GET  200   200   200   200   200   200   200   200",
    "reviews:apply":          "GET  login 403   403   200   200   200   200   200",
    "reviews:contest":        "GET  200   200   200   200   200   200   200   200",
    "reviews:contest_create": "GET  login 403   403   404   200   200   200   200",
    "reviews:index":          "GET  200   200   200   200   200   200   200   200",
    "reviews:showcase":       "GET  200   200   200   200   200   200   200   200",
    # a site admin holds no seat or office on the board: "may not" (403), since the board's
    # offices became Forbidden rather than Refused
    "reviews:step":           "POST login 403   403   404   302   302   302   403",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "reviews:sheet": "the secretary's paper score sheets are linked only while a contest is scored; no demo contest is",
    "reviews:paper": "the paper scoring path now starts from the score sheet of a board member; no demo page links it",
    "reviews:answer": "not linked from the demo pages the site admin and the resident see",
    "reviews:contest_edit": "not linked from the demo pages the site admin and the resident see",
    "reviews:criterion_add": "not linked from the demo pages the site admin and the resident see",
    "reviews:criterion_delete": "not linked from the demo pages the site admin and the resident see",
    "reviews:inspect": "not linked from the demo pages the site admin and the resident see",
    "reviews:milestone_add": "not linked from the demo pages the site admin and the resident see",
    "reviews:notice": "not linked from the demo pages the site admin and the resident see",
    "reviews:object": "not linked from the demo pages the site admin and the resident see",
    "reviews:photo": "not linked from the demo pages the site admin and the resident see",
    "reviews:poster": "not linked from the demo pages the site admin and the resident see",
    "reviews:results": "not linked from the demo pages the site admin and the resident see",
    "reviews:rubric_comment": "not linked from the demo pages the site admin and the resident see",
    "reviews:score": "not linked from the demo pages the site admin and the resident see",
    "reviews:team": "not linked from the demo pages the site admin and the resident see",
    "reviews:tier_add": "not linked from the demo pages the site admin and the resident see",
    "reviews:withdraw": "not linked from the demo pages the site admin and the resident see",
}


# Requested at the demo objects ``SAMPLES`` finds (issue 24); outcomes read by hand.
ROUTES |= {
    "reviews:conflict": "POST login 403   403   302   302   302   302   302",
    "reviews:release": "POST login 403   403   302   302   302   302   302",
    "reviews:sign": "POST login 403   403   302   302   302   302   302",
}


def _application(slug: str) -> Application | None:
    return Application.objects.filter(contest__community__slug=slug).order_by("pk").first()


def _on_application(route: str) -> Callable[[str], str | None]:
    def url(slug: str) -> str | None:
        found = _application(slug)
        return found and reverse(route, args=[slug, found.contest_id, found.pk])

    return url


def _release(slug: str) -> str | None:
    """The first payment stage of a demo application (a released one answers as a refusal)."""
    for application in Application.objects.filter(contest__community__slug=slug).order_by("pk"):
        stage = tracking.milestones(application).order_by("pk").first()
        if stage is not None:
            return reverse(
                "reviews:release", args=[slug, application.contest_id, application.pk, stage.pk]
            )
    return None


# Routes no demo page links to, requested at the first demo object that fits (issue 24).
SAMPLES: dict[str, Callable[[str], str | None]] = {
    "reviews:sign": _on_application("reviews:sign"),
    "reviews:conflict": _on_application("reviews:conflict"),
    "reviews:release": _release,
}
