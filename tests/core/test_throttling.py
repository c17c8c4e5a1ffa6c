"""Guessing is slowed down: passwords, registrations, resets, claim and household codes.

Throttling is on in every test (counters start fresh); these tests reproduce the attacks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from linli.core.throttle import client_ip
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def rates(settings):  # type: ignore[no-untyped-def]
    """The limits these tests count against, stated here rather than taken from the defaults."""
    settings.LINLI_THROTTLE_RATES = {
        "login-address": "30/10m",
        "login-account": "20/h",
        "register": "10/h",
        "reset-address": "20/h",
        "reset-email": "3/h",
        "codes-account": "10/h",
        "codes-address": "60/h",
    }


def english(**extra: str) -> Client:
    client = Client(**extra)
    client.cookies["linli_language"] = "en"
    return client


def sign_in(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_five_wrong_passwords_pause_the_account_from_that_address(resident):
    client = english()
    for _attempt in range(5):
        sign_in(client, "resident@test.org", "wrong-guess")
    response = sign_in(client, "resident@test.org", PASSWORD)  # even the right one now
    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in is paused" in page and "15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_pause_is_explained_in_chinese_too(resident):
    client = Client()
    for _attempt in range(6):
        response = sign_in(client, "resident@test.org", "wrong-guess")
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()


def test_capitals_and_spaces_do_not_make_a_fresh_counter(resident):
    client = english()
    for variant in [
        "resident@test.org",
        "RESIDENT@test.org",
        " Resident@Test.org",
        "resident@TEST.ORG",
        "resident@test.ORG",
    ]:
        sign_in(client, variant, "wrong-guess")
    assert sign_in(client, "resident@test.org", PASSWORD).status_code == 429


def test_the_pause_ends_and_another_address_is_not_affected(resident, time_machine):
    client = english(REMOTE_ADDR="10.0.0.1")
    for _attempt in range(5):
        sign_in(client, "resident@test.org", "wrong-guess")
    neighbour = english(REMOTE_ADDR="10.0.0.2")
    assert sign_in(neighbour, "resident@test.org", PASSWORD).status_code == 302
    time_machine.move_to(timedelta(minutes=16))
    assert sign_in(client, "resident@test.org", PASSWORD).status_code == 302


def test_one_address_cannot_spray_passwords_over_many_accounts(db):
    client = english()
    statuses = [sign_in(client, f"person{n}@test.org", "Password1").status_code for n in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


def test_many_addresses_cannot_share_out_guesses_on_one_account(resident):
    statuses = [
        sign_in(english(REMOTE_ADDR=f"10.0.1.{n}"), "resident@test.org", "wrong").status_code
        for n in range(21)
    ]
    assert statuses[20] == 429


def test_registration_and_household_codes_are_throttled(community):
    client = english()
    form = {
        "name": "Guesser",
        "password": "another-Strong-pass-7",
        "language": "en",
        "code": "ABCD2345",
    }
    statuses = [
        client.post("/accounts/register/", {**form, "email": f"g{n}@test.org"}).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [200] * 10  # "this code is not known"
    assert statuses[10] == 429
    assert "Too many attempts" in client.post("/accounts/register/", form).content.decode()


def test_claim_codes_are_throttled_per_account(resident):
    from tests.conftest import client_for

    client = client_for(resident)
    statuses = [
        client.post("/accounts/claim/", {"code": f"WRONG{n:03d}"}).status_code for n in range(11)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429


def test_password_reset_mails_are_throttled_per_address(resident):
    client = english()
    for _n in range(3):
        client.post("/accounts/password/reset/", {"email": "resident@test.org"})
    assert len(mail.outbox) == 3
    assert (
        client.post("/accounts/password/reset/", {"email": "RESIDENT@test.org"}).status_code == 429
    )
    assert len(mail.outbox) == 3


def test_the_defaults_leave_room_for_an_office_registering_a_courtyard():
    from linli import settings as defaults

    assert int(defaults.LINLI_THROTTLE_RATES["register"].split("/")[0]) >= 30
    assert defaults.AXES_FAILURE_LIMIT == 5


def test_reading_the_pages_is_never_throttled(db):
    client = english()
    assert all(client.get("/accounts/login/").status_code == 200 for _n in range(40))


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.9.9.9"),  # no proxy configured: the header is the client's word
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the proxy appended what it saw
        (1, "203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.5", "203.0.113.7"),
        (2, "203.0.113.7", "10.9.9.9"),  # did not pass both proxies: fall back
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_forged_forwarded_header_does_not_dodge_the_lockout(resident, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        forged = english(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 198.51.100.4")
        sign_in(forged, "resident@test.org", "wrong")
    again = english(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.4")
    assert sign_in(again, "resident@test.org", PASSWORD).status_code == 429
