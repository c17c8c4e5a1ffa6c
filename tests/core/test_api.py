from __future__ import annotations

from django.test import Client

from linli.core.api_tokens import create_token
from tests.conftest import make_household


def test_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/communities" in schema["paths"] and "/api/me" in schema["paths"]


def test_public_communities_and_addresses_without_flats(client, community, household):
    assert client.get("/api/communities").json()[0]["slug"] == community.slug
    kinds = {p["kind"] for p in client.get(f"/api/communities/{community.slug}/addresses").json()}
    assert "flat" not in kinds and "area" in kinds
    assert client.get(f"/api/communities/{community.slug}/addresses?kind=flat").status_code == 403


def test_organiser_token_sees_flats_and_own_profile(community, organiser, household):
    token = create_token(organiser, "script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    flats = client.get(f"/api/communities/{community.slug}/addresses?kind=flat").json()
    assert [f["name"] for f in flats] == ["101"]
    me = client.get("/api/me").json()
    assert me["email"] == "organiser@test.org" and me["memberships"][0]["role"] == "organiser"


def test_me_needs_authentication(client, db):
    assert client.get("/api/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer wrong").get("/api/me").status_code == 401


def test_unknown_community_is_404(client, db):
    assert client.get("/api/communities/nowhere").status_code == 404


def test_token_page_shows_the_token_once(organiser):
    from tests.conftest import client_for

    client = client_for(organiser)
    response = client.post(
        "/me/api-tokens/", {"name": "export", "scopes": ["read"], "expires_in": "90"}
    )
    token = response.context["new_token"]
    assert token.startswith("linli_")
    assert token not in client.get("/me/api-tokens/").content.decode()
    make_household
