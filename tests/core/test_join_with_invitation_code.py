from __future__ import annotations

from linli.core.models import Member, User


def register(client, **overrides):
    data = {
        "name": "王秀英",
        "email": "wang@example.net",
        "phone": "",
        "password": "Courtyard-2020",
        "language": "zh-hans",
        "code": "",
        "community": "",
        "address": "",
    }
    data.update(overrides)
    return client.post("/accounts/register/", data)


def test_a_resident_with_the_letter_code_is_verified_at_once(client, household):
    response = register(client, code=household.invitation_code.lower())
    assert response.status_code == 302
    member = Member.objects.get(user__email="wang@example.net")
    assert member.status == Member.Status.VERIFIED
    assert member.household == household
    assert member.verification == Member.Verification.INVITATION


def test_the_qr_link_fills_in_the_code(client, household):
    response = client.get(f"/accounts/register/?code={household.invitation_code}")
    assert household.invitation_code in response.content.decode()


def test_a_wrong_code_is_refused_clearly_and_the_form_keeps_what_was_typed(client, household):
    response = register(client, code="ZZZZ9999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "王秀英" in html and "wang@example.net" in html
    assert not User.objects.filter(email="wang@example.net").exists()


def test_a_code_used_by_the_whole_household_is_refused_and_nothing_is_half_written(
    client, community
):
    from tests.conftest import make_household

    one_person = make_household(community, ["梧桐院", "2栋", "1单元", "102"], size=1)
    assert register(client, code=one_person.invitation_code).status_code == 302
    client.logout()
    response = register(
        client, code=one_person.invitation_code, email="second@example.net", name="李四"
    )
    assert response.status_code == 200
    assert "这个邀请码已经被您家所有成员用过了。请联系社区办公室帮忙。" in response.content.decode()
    assert not User.objects.filter(
        email="second@example.net"
    ).exists()  # rolled back with the refusal


def test_a_duplicate_email_is_refused(client, household, resident):
    response = register(client, code=household.invitation_code, email="resident@test.org")
    assert response.status_code == 200
    assert User.objects.filter(email="resident@test.org").count() == 1


def test_an_over_long_name_is_refused(client, household):
    response = register(client, code=household.invitation_code, name="长" * 81)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.filter(email="wang@example.net").exists()


def test_without_a_code_the_resident_waits_for_an_organiser(client, community, organiser):
    response = register(
        client,
        community=community.pk,
        address="梧桐院 1栋 1单元 101",
        phone="138 0013 8000",
        email="",
    )
    assert response.status_code == 302
    member = Member.objects.get(user__phone="13800138000")
    assert member.status == Member.Status.PENDING
    assert "梧桐院" in member.note


def test_signing_in_with_the_mobile_number(client, household):
    register(client, code=household.invitation_code, phone="13800138000", email="")
    client.logout()
    assert client.login(username="138-0013-8000", password="Courtyard-2020")


def test_email_or_phone_is_required(client, household):
    response = register(client, code=household.invitation_code, email="", phone="")
    assert response.status_code == 200
    assert not User.objects.exists()
