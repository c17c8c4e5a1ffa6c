"""API tokens carry scopes (read / write / vote) and an expiry, and die with the password."""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

from linli.core.api_tokens import create_token
from linli.core.models import ApiToken
from tests.conftest import PASSWORD, client_for
from tests.votes.helpers import make_vote, option_ids, qkey


def bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_read_token_cannot_write(community, organiser):
    meeting_url = f"/api/communities/{community.slug}/proposals/1/support"
    token = create_token(organiser, "report", scopes=["read"])
    assert bearer(token).get("/api/me").status_code == 200
    response = bearer(token).post(meeting_url, content_type="application/json")
    assert response.status_code == 403
    assert "write" in response.json()["detail"]


def test_a_write_token_cannot_vote_and_a_vote_token_can(community, organiser):
    vote = make_vote(community, organiser)
    url = f"/api/communities/{community.slug}/votes/{vote.pk}/ballot"
    body = {"answers": {qkey(vote): [option_ids(vote)[0]]}}
    writer = create_token(organiser, "sync", scopes=["read", "write"])
    response = bearer(writer).post(url, body, content_type="application/json")
    assert response.status_code == 403 and "vote" in response.json()["detail"]
    voter = create_token(organiser, "ballot", scopes=["vote"])
    assert bearer(voter).post(url, body, content_type="application/json").status_code == 200


def test_an_expired_token_is_refused_with_a_reason(organiser):
    token = create_token(organiser, "old", scopes=["read"], days=30)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = bearer(token).get("/api/me", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_password_reset_revokes_every_token(organiser):
    token = create_token(organiser, "script", scopes=["read"])
    client = Client()
    client.post("/accounts/password/reset/", {"email": organiser.email})
    link = re.search(r"/accounts/password/reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "brand-New-pass-99", "new_password2": "brand-New-pass-99"},
    )
    organiser.refresh_from_db()
    assert organiser.check_password("brand-New-pass-99")
    assert not ApiToken.objects.filter(user=organiser).exists()
    assert bearer(token).get("/api/me").status_code == 401


def test_a_password_change_revokes_every_token(organiser):
    create_token(organiser, "script", scopes=["read"])
    organiser.set_password(PASSWORD + "x")
    organiser.save()
    assert not ApiToken.objects.filter(user=organiser).exists()


def test_other_saves_keep_the_tokens(organiser):
    create_token(organiser, "script", scopes=["read"])
    organiser.name = "Org"
    organiser.save()
    assert ApiToken.objects.filter(user=organiser).count() == 1


def test_the_page_lets_one_choose_scopes_and_expiry(organiser):
    client = client_for(organiser)
    response = client.post(
        "/me/api-tokens/", {"name": "sync", "scopes": ["read", "write"], "expires_in": "30"}
    )
    assert response.status_code == 200 and response.context["new_token"]
    token = ApiToken.objects.get(user=organiser)
    assert token.scopes == ["read", "write"]
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    page = client.get("/me/api-tokens/").content.decode()
    assert "sync" in page


def test_a_token_needs_a_scope(organiser):
    response = client_for(organiser).post(
        "/me/api-tokens/", {"name": "sync", "scopes": [], "expires_in": "30"}
    )
    assert response.context["new_token"] is None
    assert not ApiToken.objects.exists()


def test_last_used_is_written_at_most_once_a_minute(organiser):
    """A script calling the API many times a second must not turn every read into a write."""
    import time_machine

    token = create_token(organiser, "script", scopes=["read"])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert bearer(token).get("/api/me").status_code == 200
    first = ApiToken.objects.get().last_used_at
    assert first == start
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert bearer(token).get("/api/me").status_code == 200
    assert ApiToken.objects.get().last_used_at == first
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        assert bearer(token).get("/api/me").status_code == 200
    assert ApiToken.objects.get().last_used_at == start + timedelta(seconds=60)
