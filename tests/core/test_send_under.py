"""Core sends a stored file under a rule of the role table (``media.send_under``): 403 for a
person who may not, before the file is even looked up; 404 when there is no file; a private,
unsniffed answer otherwise. The supervision committee's receipts are sent this way."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import reverse

from linli.core import media
from linli.core.kit import Forbidden
from tests.conftest import client_for


@pytest.fixture
def stored(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    settings.LINLI_MEDIA_SENDFILE = ""
    return default_storage.save("tracking/receipts/Xy7Qa.pdf", ContentFile(b"%PDF-1.4 receipt"))


def test_a_person_who_may_not_gets_403_and_nothing_is_looked_up(
    stored, community, resident, outsider
):
    looked: list[str] = []

    def name() -> str:
        looked.append("looked")
        return stored

    for who in (resident, outsider, AnonymousUser()):
        with pytest.raises(Forbidden, match=r"^community\.edit$"):
            media.send_under(who, "community.edit", community, name)
    assert looked == []


def test_a_person_who_may_gets_the_file_privately(stored, community, community_admin):
    response = media.send_under(community_admin, "community.edit", community, lambda: stored)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 receipt"  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Vary"] == "Cookie"


def test_no_file_is_a_404(community, community_admin):
    with pytest.raises(Http404, match=r"^$"):
        media.send_under(community_admin, "community.edit", community, lambda: None)


def test_a_receipt_of_the_books_is_403_for_a_non_member_of_the_committee(
    community, resident, leader, outsider
):
    url = reverse("supervision:receipt", args=[community.slug, "grants_spending", 1])
    for who in (outsider, leader, resident):  # no committee in this community: none is a member
        assert client_for(who).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302  # to the login page
