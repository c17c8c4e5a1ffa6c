"""The database away (restarting): pages answer a translated "try again" page with 503 and
Retry-After, the API a JSON 503, never a trace (issue 23, faults)."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_away(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


def test_a_page_says_try_again_in_the_reader_s_language(community, resident, database_away):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.get(f"/c/{community.slug}/surveys/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    text = response.content.decode()
    assert "请过几分钟再试" in text and "Traceback" not in text and "OperationalError" not in text


def test_a_signed_in_page_and_the_english_page_too(community, resident):
    client = client_for(resident)
    client.raise_request_exception = False  # as in production: the session read fails first
    client.cookies["django_language"] = "en"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", _refuse)
        response = client.get(f"/c/{community.slug}/votes/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "Please try again in a few minutes" in response.content.decode()


def test_the_api_answers_json(community, database_away):
    response = Client().get(f"/api/communities/{community.slug}/votes", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "try again" in response.json()["detail"]


def _refuse(*_args, **_kwargs):
    raise OperationalError("the database system is starting up")
