"""A request body over the cap is refused before anything reads it, with a translated 413 page
(JSON under /api/), so a huge upload neither fills the disk nor ends in a 500."""

from __future__ import annotations

from django.test import override_settings

from tests.conftest import client_for


def _post(client, path, size, content_type):  # type: ignore[no-untyped-def]
    return client.generic(
        "POST", path, b"x" * 10, content_type=content_type, CONTENT_LENGTH=str(size)
    )


@override_settings(LINLI_MAX_REQUEST_BYTES=3 * 1024 * 1024)
def test_an_upload_over_the_cap_gets_a_translated_413(community, resident):
    client = client_for(resident)
    path = f"/c/{community.slug}/proposals/new/"
    response = _post(client, path, 50 * 1024 * 1024, "multipart/form-data; boundary=x")
    page = response.content.decode()
    assert response.status_code == 413
    assert "上传的内容太大" in page and "3 MB" in page
    client.cookies["linli_language"] = "en"
    response = _post(client, path, 50 * 1024 * 1024, "multipart/form-data; boundary=x")
    assert "The upload is too large" in response.content.decode()


def test_a_form_body_over_the_field_cap_gets_413_not_400(community, resident):
    response = _post(
        client_for(resident),
        f"/c/{community.slug}/proposals/new/",
        11 * 1024 * 1024,
        "application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


def test_the_api_answers_in_json(community, resident):
    response = _post(client_for(resident), "/api/me", 100 * 1024 * 1024, "application/json")
    assert response.status_code == 413 and "detail" in response.json()


def test_an_ordinary_upload_passes(community, resident):
    response = client_for(resident).get(f"/c/{community.slug}/proposals/new/")
    assert response.status_code == 200
