from __future__ import annotations

from linli.core.models import AuditEntry, Member, Notification
from tests.conftest import client_for, make_person


def test_an_organiser_approves_a_waiting_resident_and_it_is_audited_and_notified(
    community, organiser, household
):
    waiting = make_person(community, "new@test.org", status=Member.Status.PENDING)
    member = Member.objects.get(user=waiting)
    response = client_for(organiser).post(
        f"/c/{community.slug}/manage/members/{member.pk}/decide/",
        {"decision": "approve", "household": household.pk},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Member.Status.VERIFIED and member.household == household
    entry = AuditEntry.objects.get(action="member.approve")
    assert (
        entry.actor == organiser
        and entry.before["status"] == "pending"
        and entry.after["status"] == "verified"
    )
    assert Notification.objects.filter(user=waiting, kind="membership").exists()


def test_declining(community, organiser):
    waiting = make_person(community, "new@test.org", status=Member.Status.PENDING)
    member = Member.objects.get(user=waiting)
    client_for(organiser).post(
        f"/c/{community.slug}/manage/members/{member.pk}/decide/", {"decision": "decline"}
    )
    member.refresh_from_db()
    assert member.status == Member.Status.DECLINED


def test_staff_record_a_resident_without_an_account_who_claims_it_later(
    community, organiser, household, client
):
    response = client_for(organiser).post(
        f"/c/{community.slug}/manage/members/new/",
        {
            "name": "张婆婆",
            "household": household.pk,
            "phone": "",
            "email": "",
            "language": "zh-hans",
            "role": "resident",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(name="张婆婆")
    assert member.user is None and member.is_verified and member.claim_code
    from linli.core.models import User

    user = User.objects.create_user(
        email="grandma@example.net", password="x-Strong-99", name="张婆婆"
    )
    client.force_login(user)
    response = client.post("/accounts/claim/", {"code": member.claim_code})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.user == user and member.claim_code == ""
    # the code cannot be used twice
    response = client.post("/accounts/claim/", {"code": "ZZZZ"})
    assert response.status_code == 200


def test_a_community_admin_changes_a_role(community, community_admin, resident):
    member = Member.objects.get(user=resident)
    client_for(community_admin).post(
        f"/c/{community.slug}/manage/members/{member.pk}/role/", {"role": "leader"}
    )
    member.refresh_from_db()
    assert member.role == "leader"
    assert AuditEntry.objects.filter(action="member.set_role").exists()


def test_approving_with_the_address_the_resident_gave(community, organiser, household):
    waiting = make_person(community, "new@test.org", status=Member.Status.PENDING)
    member = Member.objects.get(user=waiting)
    url = f"/c/{community.slug}/manage/members/{member.pk}/decide/"
    client = client_for(organiser)
    client.post(url, {"decision": "approve", "address": "梧桐院 9栋 9单元 909"})
    member.refresh_from_db()
    assert member.status == Member.Status.PENDING  # an unknown address changes nothing
    client.post(url, {"decision": "approve", "address": "梧桐院 1栋 1单元 101"})
    member.refresh_from_db()
    assert member.status == Member.Status.VERIFIED and member.household == household
