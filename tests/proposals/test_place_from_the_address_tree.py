"""Issue 22, item 9: a proposal's place is picked from the address tree (a courtyard or one of
its buildings), never typed as latitude and longitude; the courtyard follows from it."""

from __future__ import annotations

import pytest

from linli.core.models import Place
from linli.proposals.models import Proposal
from tests.conftest import client_for, make_household


@pytest.mark.django_db
def test_a_resident_picks_a_building_and_the_courtyard_follows(community, resident):
    make_household(community, ["梧桐院", "3栋", "1单元", "101"])
    building = Place.objects.get(community=community, name="3栋", parent__name="梧桐院")
    client = client_for(resident)
    client.cookies["linli_language"] = "en"
    form = client.get(f"/c/{community.slug}/proposals/new/").content.decode()
    assert "latitude" not in form.lower()
    assert '<optgroup label="梧桐院">' in form
    assert "梧桐院 (the whole courtyard)" in form and ">梧桐院 3栋<" in form
    response = client.post(
        f"/c/{community.slug}/proposals/new/",
        {
            "title": "3栋门口加扶手",
            "body": "老人上台阶不方便",
            "category": "elderly",
            "place": building.pk,
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.place == building and proposal.area == building.area
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "梧桐院 3栋" in page
