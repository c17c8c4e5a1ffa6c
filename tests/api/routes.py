"""Role table of api: what each role gets from each route (see tests/route_tables.py).

Seeded from the outcomes observed against the demo (``ROUTE_TABLES_WRITE=1``, issue 24) and not yet
all read by hand: a changed line is a question to answer, not a line to re-seed. A POST is an empty
form, so a route that validates before it checks the person answers 302 (back to the page with an
error) to everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from linli.grants.models import Call
from linli.proposals.models import Proposal
from linli.volunteering.models import Activity, Team

# fmt: off
ROUTES: dict[str, str] = {
    # route                        method anonymous outsider pending resident leader organiser community_admin site_admin
    "api:api-root":           "GET  404   404   404   404   404   404   404   404",
    "api:board":              "GET  200   200   200   200   200   200   200   200",
    "api:flags":              "GET  401   403   403   403   403   200   200   200",
    "api:get_community":      "GET  200   200   200   200   200   200   200   200",
    "api:list_activities":    "GET  200   200   200   200   200   200   200   200",
    "api:list_addresses":     "GET  200   200   200   200   200   200   200   200",
    "api:list_boards":        "GET  200   200   200   200   200   200   200   200",
    "api:list_body_meetings": "GET  200   200   200   200   200   200   200   200",
    "api:list_calls":         "GET  200   200   200   200   200   200   200   200",
    "api:list_communities":   "GET  200   200   200   200   200   200   200   200",
    "api:list_contests":      "GET  200   200   200   200   200   200   200   200",
    "api:list_conversations": "GET  200   200   200   200   200   200   200   200",
    "api:list_meetings":      "GET  200   200   200   200   200   200   200   200",
    "api:list_processes":     "GET  200   200   200   200   200   200   200   200",
    "api:list_projects":      "GET  200   200   200   200   200   200   200   200",
    "api:list_proposals":     "GET  200   200   200   200   200   200   200   200",
    "api:list_surveys":       "GET  200   200   200   200   200   200   200   200",
    "api:list_teams":         "GET  200   200   200   200   200   200   200   200",
    "api:list_votes":         "GET  200   200   200   200   200   200   200   200",
    "api:me":                 "GET  401   200   200   200   200   200   200   200",
    "api:my_hours":           "GET  401   403   403   200   200   200   200   403",
    "api:my_loans":           "GET  401   403   403   200   200   403   403   403",
    "api:openapi-json":       "GET  200   200   200   200   200   200   200   200",
    "api:openapi-view":       "GET  200   200   200   200   200   200   200   200",
}
# fmt: on

# Routes no demo page links to yet (forms behind other phases, API calls with ids): each
# needs a way to find its object before it can be requested here.
UNREQUESTED: dict[str, str] = {
    "api:application_scores": "not linked from the demo pages the site admin and the resident see",
    "api:ballots_csv": "not linked from the demo pages the site admin and the resident see",
    "api:cancel": "not linked from the demo pages the site admin and the resident see",
    "api:cast_ballot": "not linked from the demo pages the site admin and the resident see",
    "api:contest_results": "not linked from the demo pages the site admin and the resident see",
    "api:get_conversation": "not linked from the demo pages the site admin and the resident see",
    "api:get_minutes": "not linked from the demo pages the site admin and the resident see",
    "api:get_item": "not linked from the demo pages the site admin and the resident see",
    "api:get_process": "not linked from the demo pages the site admin and the resident see",
    "api:get_progress": "not linked from the demo pages the site admin and the resident see",
    "api:get_project": "not linked from the demo pages the site admin and the resident see",
    "api:get_proposal": "not linked from the demo pages the site admin and the resident see",
    "api:get_results": "not linked from the demo pages the site admin and the resident see",
    "api:get_survey": "not linked from the demo pages the site admin and the resident see",
    "api:get_vote": "not linked from the demo pages the site admin and the resident see",
    "api:list_ideas": "not linked from the demo pages the site admin and the resident see",
    "api:log_hours": "not linked from the demo pages the site admin and the resident see",
    "api:measure": "not linked from the demo pages the site admin and the resident see",
    "api:next_statement": "not linked from the demo pages the site admin and the resident see",
    "api:register": "not linked from the demo pages the site admin and the resident see",
    "api:request_loan": "not linked from the demo pages the site admin and the resident see",
    "api:score_application": "not linked from the demo pages the site admin and the resident see",
    "api:sign_up": "not linked from the demo pages the site admin and the resident see",
    "api:submit": "not linked from the demo pages the site admin and the resident see",
    "api:submit_idea": "not linked from the demo pages the site admin and the resident see",
    "api:submit_statement": "not linked from the demo pages the site admin and the resident see",
    "api:unregister": "not linked from the demo pages the site admin and the resident see",
    "api:vote": "not linked from the demo pages the site admin and the resident see",
}

ROUTES |= {
    "api:community_figures": "GET  200   200   200   200   200   200   200   200",
    "api:list_bodies": "GET  200   200   200   200   200   200   200   200",
    "api:list_items": "GET  200   200   200   200   200   200   200   200",
    "api:report": "GET  200   200   200   200   200   200   200   200",
    "api:list_notices": "GET  200   200   200   200   200   200   200   200",
    "api:get_notice": "GET  200   200   200   200   200   200   200   200",
    "api:list_publicities": "GET  200   200   200   200   200   200   200   200",
    "api:get_publicity": "GET  200   200   200   200   200   200   200   200",
    "api:finance_years": "GET  200   200   200   200   200   200   200   200",
    "api:get_hearing": "GET  200   200   200   200   200   200   200   200",
    "api:get_meeting": "GET  200   200   200   200   200   200   200   200",
}

UNREQUESTED |= {
    "api:list_motions": "no demo page links to an object for it",
    "api:me_too": "no demo page links to an object for it",
    "api:object_to_publicity": "a POST of JSON; no demo page links to it (tests/disclosure/test_api.py)",
}

ROUTES |= {
    "api:comment_on_convention": "POST 401   400   400   400   400   400   400   400",
    "api:list_conventions": "GET  200   200   200   200   200   200   200   200",
    "api:list_supervision_queries": "GET  200   200   200   200   200   200   200   200",
}

UNREQUESTED |= {}


# Requested at the demo objects ``SAMPLES`` finds (issue 24); outcomes read by hand.
ROUTES |= {
    "api:get_activity": "GET  200   200   200   200   200   200   200   200",
    "api:get_call": "GET  200   200   200   200   200   200   200   200",
    "api:get_team": "GET  200   200   200   200   200   200   200   200",
    "api:toggle_support": "POST 401   403   403   200   200   200   200   400",
}


def _first(route: str, rows: Callable[[str], QuerySet[Any]]) -> Callable[[str], str | None]:
    def url(slug: str) -> str | None:
        found = rows(slug).order_by("pk").first()
        return found and reverse(route, kwargs={"slug": slug, "pk": found.pk})

    return url


# Routes no demo page links to, requested at the first demo object that fits (issue 24).
SAMPLES: dict[str, Callable[[str], str | None]] = {
    "api:get_call": _first(
        "api:get_call",
        lambda slug: Call.objects.filter(community__slug=slug).exclude(status=Call.Status.DRAFT),
    ),
    "api:get_team": _first("api:get_team", lambda slug: Team.objects.filter(community__slug=slug)),
    "api:get_activity": _first(
        "api:get_activity", lambda slug: Activity.objects.filter(team__community__slug=slug)
    ),
    "api:toggle_support": _first(
        "api:toggle_support",
        lambda slug: Proposal.objects.filter(community__slug=slug).exclude(
            status=Proposal.Status.DRAFT
        ),
    ),
}
