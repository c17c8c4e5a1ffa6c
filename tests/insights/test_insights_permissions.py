"""Who sees and does what: organisers and community admins see the community's figures and act
on flags; residents, leaders, outsiders and the public do not."""

from __future__ import annotations

import pytest

from linli.insights import services
from linli.insights.models import Flag
from tests.conftest import client_for

ALLOWED = {"community_admin", "organiser"}


@pytest.mark.parametrize(
    "page", ["", "baselines/", "baselines/import/", "measure/project:{project}/", "flags/{flag}/"]
)
def test_only_organisers_see_the_pages(fair_world, people, page):
    services.sweep()
    flag = Flag.objects.first()
    url = f"/c/{fair_world.community.slug}/insights/" + page.format(
        project=fair_world.project.pk, flag=flag.pk
    )
    for role, user in people.items():
        response = client_for(user).get(url)
        if role in ALLOWED:
            assert response.status_code == 200, (role, url)
        elif user is None:
            assert response.status_code == 302, url  # to the sign-in page
        else:
            assert response.status_code == 403, (role, url)


def test_only_organisers_act_on_a_flag(fair_world, people):
    services.sweep()
    flag = Flag.objects.first()
    for role, user in people.items():
        url = f"/c/{fair_world.community.slug}/insights/flags/{flag.pk}/call-list/"
        response = client_for(user).post(url)
        expected = 200 if role in ALLOWED else (302 if user is None else 403)
        assert response.status_code == expected, role


def test_a_flag_of_another_community_is_not_found(fair_world, other_community):
    from tests.conftest import make_person

    services.sweep()
    flag = Flag.objects.first()
    stranger = make_person(other_community, "org2@test.org", "organiser")
    url = f"/c/{other_community.slug}/insights/flags/{flag.pk}/"
    assert client_for(stranger).get(url).status_code == 404
