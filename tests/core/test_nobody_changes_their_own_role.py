"""Nobody changes their own role, and nobody gives a role above their own.

These hold whatever the role table says about ``members.set_role``: with the entry lowered to
organiser (the hole a mutation audit found), an organiser must still not be able to promote
themself, and an organiser still may not set roles at all with the real table.
"""

from __future__ import annotations

import pytest

from linli.core import permissions, services
from linli.core.kit import Forbidden, Refused
from linli.core.kit.standing import Standing
from linli.core.models import Member, Role
from tests.conftest import client_for


def role_url(community, user) -> str:  # type: ignore[no-untyped-def]
    member = Member.objects.get(community=community, user=user)
    return f"/c/{community.slug}/manage/members/{member.pk}/role/"


def test_setting_roles_needs_a_community_admin(community, organiser, resident):
    assert permissions.RULES["members.set_role"] == Standing.COMMUNITY_ADMIN
    response = client_for(organiser).post(role_url(community, resident), {"role": Role.LEADER})
    assert response.status_code == 403
    assert Member.objects.get(user=resident).role == Role.RESIDENT


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.COMMUNITY_ADMIN])
def test_an_organiser_cannot_promote_themself_even_on_a_lowered_table(
    monkeypatch, community, organiser, role
):
    monkeypatch.setitem(permissions.RULES, "members.set_role", Standing.ORGANISER)
    me = Member.objects.get(user=organiser)
    with pytest.raises(Forbidden, match=r"^members\.set_role$"):
        services.set_role(organiser, me, role)
    response = client_for(organiser).post(role_url(community, organiser), {"role": role})
    assert response.status_code == 403
    me.refresh_from_db()
    assert me.role == Role.ORGANISER


def test_on_a_lowered_table_an_organiser_still_gives_nothing_above_their_own(
    monkeypatch, community, organiser, resident
):
    monkeypatch.setitem(permissions.RULES, "members.set_role", Standing.ORGANISER)
    with pytest.raises(Refused, match="只有社区管理员可以授予“社区管理员”"):
        services.set_role(organiser, Member.objects.get(user=resident), Role.COMMUNITY_ADMIN)
    assert Member.objects.get(user=resident).role == Role.RESIDENT


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.ORGANISER, Role.COMMUNITY_ADMIN])
def test_a_community_admin_cannot_change_their_own_role(community, community_admin, role):
    me = Member.objects.get(user=community_admin)
    with pytest.raises(Forbidden, match=r"^members\.set_role$"):
        services.set_role(community_admin, me, role)
    response = client_for(community_admin).post(
        role_url(community, community_admin), {"role": role}
    )
    assert response.status_code == 403
    me.refresh_from_db()
    assert me.role == Role.COMMUNITY_ADMIN


def test_a_community_admin_sets_someone_elses_role(community, community_admin, resident):
    response = client_for(community_admin).post(
        role_url(community, resident), {"role": Role.ORGANISER}
    )
    assert response.status_code == 302
    assert Member.objects.get(user=resident).role == Role.ORGANISER
