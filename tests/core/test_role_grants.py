"""Only someone allowed to set a role can grant it, whichever path the role arrives by."""

from __future__ import annotations

import pytest

from linli.core import services
from linli.core.models import Member, Role
from tests.conftest import client_for


def test_an_organiser_cannot_record_a_community_admin(community, organiser):
    client = client_for(organiser)
    response = client.post(
        f"/c/{community.slug}/manage/members/new/",
        {"name": "Mallory", "language": "zh-hans", "role": Role.COMMUNITY_ADMIN},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Member.objects.filter(name="Mallory").exists()


def test_the_record_then_claim_attack_leaves_the_organiser_in_charge_of_nothing_more(
    community, organiser, outsider
):
    """The attack from issue 15: record a community_admin, claim it with a second account."""
    with pytest.raises(
        services.ServiceError, match=r"^只有社区管理员可以授予“社区管理员”这个角色。$"
    ):
        services.record_resident(organiser, community, name="Mallory", role=Role.COMMUNITY_ADMIN)
    with pytest.raises(
        services.ServiceError, match=r"^只有社区管理员可以授予“社区工作人员”这个角色。$"
    ):
        services.record_resident(organiser, community, name="Mallory", role=Role.ORGANISER)
    member = services.record_resident(organiser, community, name="Ann", role=Role.RESIDENT)
    claimed = services.claim_record(outsider, member.claim_code)
    assert claimed.role == Role.RESIDENT


def test_a_community_admin_may_record_any_role(community, community_admin):
    member = services.record_resident(
        community_admin, community, name="New organiser", role=Role.ORGANISER
    )
    assert member.role == Role.ORGANISER


def test_the_record_form_offers_only_roles_the_organiser_may_grant(community, organiser):
    page = client_for(organiser).get(f"/c/{community.slug}/manage/members/new/")
    choices = [value for value, _label in page.context["form"].fields["role"].choices]
    assert choices == [Role.RESIDENT]


def test_approving_a_request_never_grants_a_role_the_approver_could_not(
    community, organiser, outsider
):
    """A request that carries an old high role is approved as a resident or refused."""
    pending = Member.objects.create(
        community=community,
        user=outsider,
        name="x",
        role=Role.COMMUNITY_ADMIN,
        status=Member.Status.PENDING,
    )
    client = client_for(organiser)
    response = client.post(
        f"/c/{community.slug}/manage/members/{pending.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert not (pending.role == Role.COMMUNITY_ADMIN and pending.is_verified)


def test_asking_to_join_again_drops_a_former_role(community, outsider):
    former = Member.objects.create(
        community=community,
        user=outsider,
        name="x",
        role=Role.COMMUNITY_ADMIN,
        status=Member.Status.LEFT,
    )
    services.request_to_join(outsider, community, note="back again")
    former.refresh_from_db()
    assert former.role == Role.RESIDENT and former.status == Member.Status.PENDING


def test_a_household_code_never_restores_a_former_role(community, household, outsider):
    former = Member.objects.create(
        community=community,
        user=outsider,
        name="x",
        role=Role.ORGANISER,
        status=Member.Status.LEFT,
    )
    services.join_with_code(outsider, household.invitation_code)
    former.refresh_from_db()
    assert former.is_verified and former.role == Role.RESIDENT


def test_an_organiser_cannot_set_roles_and_an_admin_can(
    community, organiser, community_admin, resident
):
    member = Member.objects.get(user=resident)
    url = f"/c/{community.slug}/manage/members/{member.pk}/role/"
    assert client_for(organiser).post(url, {"role": Role.ORGANISER}).status_code == 403
    client_for(community_admin).post(url, {"role": Role.ORGANISER})
    member.refresh_from_db()
    assert member.role == Role.ORGANISER


def test_one_check_decides_every_grant(community, organiser, community_admin, site_admin):
    from linli.core.permissions import grantable_roles

    assert grantable_roles(organiser, community) == [Role.RESIDENT]
    assert set(grantable_roles(community_admin, community)) == set(Role.values)
    assert set(grantable_roles(site_admin, community)) == set(Role.values)
