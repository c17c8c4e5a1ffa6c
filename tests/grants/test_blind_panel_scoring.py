"""Blind review: every panel member, an organiser on the panel included, sees only their own
scores until every score is in; an organiser off the panel may follow the scores."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.models import Member
from linli.grants import services
from tests.grants.helpers import make_call, submitted


@pytest.fixture
def panel_with_organiser(community, organiser, panelists):  # type: ignore[no-untyped-def]
    return [Member.objects.get(user=organiser), *panelists[:2]]


@pytest.fixture
def reviewing(community, organiser, resident, neighbours, panel_with_organiser):  # type: ignore[no-untyped-def]
    call = make_call(
        community, organiser, panel_with_organiser, today=timezone.localdate() - timedelta(days=1)
    )
    application = submitted(call, Member.objects.get(user=resident), neighbours, title="院落花园")
    services.step(organiser, call, "review")
    application.refresh_from_db()
    # Another panel member scores with a value that stands out on the page.
    values = {c.pk: 7 for c in call.criteria.all()}
    services.score(panel_with_organiser[1].user, application, values, "SECRET-COMMENT")
    return call, application


def test_an_organiser_on_the_panel_cannot_see_others_scores_before_all_are_in(
    reviewing, organiser, panel_with_organiser, en_client_for
):
    call, application = reviewing
    me = panel_with_organiser[0]
    assert not services.scores_visible(organiser, me, call)
    client = en_client_for(organiser)
    page = client.get(
        f"/c/{call.community.slug}/grants/applications/{application.pk}/"
    ).content.decode()
    assert "SECRET-COMMENT" not in page
    ranking = client.get(f"/c/{call.community.slug}/grants/calls/{call.pk}/ranking/")
    assert ranking.status_code == 200
    assert "院落花园" not in ranking.content.decode()
    assert "hidden until every panel member has scored" in ranking.content.decode()


def test_scores_show_to_the_panel_once_all_are_in(reviewing, organiser, panel_with_organiser):
    call, application = reviewing
    values = {c.pk: 5 for c in call.criteria.all()}
    for member in [panel_with_organiser[0], panel_with_organiser[2]]:
        services.score(member.user, application, values, "")
    assert services.scores_visible(organiser, panel_with_organiser[0], call)


def test_an_organiser_off_the_panel_follows_the_scores(reviewing, community_admin):
    call, _application = reviewing
    assert services.scores_visible(community_admin, None, call)
