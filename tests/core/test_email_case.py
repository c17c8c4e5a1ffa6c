"""An email address names one account, whatever its capitals."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from linli.core.email_case import resolve_duplicates
from linli.core.models import Member, User
from tests.conftest import PASSWORD, client_for


def test_the_database_refuses_a_second_account_differing_only_by_case(resident):
    with pytest.raises(IntegrityError, match=r"(?i)unique"), transaction.atomic():
        User.objects.create_user(email="Resident@Test.ORG", password=PASSWORD, name="twin")


def test_a_raw_save_with_capitals_is_refused_too(resident):
    twin = User(email="x@test.org", name="twin")
    twin.save()
    User.objects.filter(pk=twin.pk).update(email="other@test.org")
    with pytest.raises(IntegrityError, match=r"(?i)unique"), transaction.atomic():
        User.objects.filter(pk=twin.pk).update(email="RESIDENT@test.org")


def test_addresses_are_stored_in_lower_case(db):
    user = User.objects.create_user(email="  Ann.Lee@Example.COM ", password=PASSWORD, name="Ann")
    assert user.email == "ann.lee@example.com"


def test_registration_refuses_a_case_variant(resident, community):
    response = client_for(None).post(
        "/accounts/register/",
        {
            "name": "Twin",
            "email": "RESIDENT@TEST.ORG",
            "password": "another-Strong-pass-7",
            "language": "zh-hans",
            "community": community.pk,
            "address": "x",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="resident@test.org").count() == 1


def test_the_profile_page_refuses_another_accounts_address_in_capitals(resident, leader):
    response = client_for(leader).post(
        "/me/", {"name": "leader", "email": "Resident@Test.org", "language": "zh-hans"}
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="resident@test.org").count() == 1
    leader.refresh_from_db()
    assert leader.email == "leader@test.org"


def test_sign_in_ignores_capitals(resident):
    client = client_for(None)
    client.post("/accounts/login/", {"username": "RESIDENT@test.ORG", "password": PASSWORD})
    assert client.get("/me/").status_code == 200


def test_createsuperuser_sees_an_address_in_other_capitals_as_taken(resident):
    assert User.objects.get_by_natural_key("Resident@TEST.org") == resident
    with pytest.raises(Exception, match="already"):
        call_command(
            "createsuperuser",
            email="RESIDENT@test.org",
            name="root",
            interactive=False,
            verbosity=0,
        )


def test_member_addresses_are_stored_in_lower_case(community):
    member = Member.objects.create(community=community, name="Ann", email="Ann@Example.ORG")
    assert member.email == "ann@example.org"


def test_existing_duplicates_keep_the_address_on_the_oldest_account_only():
    from datetime import datetime

    rows = [
        (1, "Ann@x.org", datetime(2024, 1, 1)),
        (2, "ann@X.org", datetime(2023, 1, 1)),
        (3, "ANN@x.ORG", datetime(2025, 1, 1)),
        (4, "bob@x.org", datetime(2024, 1, 1)),
        (5, "Carol@x.org", datetime(2024, 1, 1)),
    ]
    assert resolve_duplicates(rows) == {
        1: None,
        2: "ann@x.org",
        3: None,
        4: "bob@x.org",
        5: "carol@x.org",
    }
