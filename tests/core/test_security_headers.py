"""Headers and error pages: CSP without inline scripts, Secure cookies and HSTS behind TLS,
API docs without a CDN, a translated 500 page that renders without a request."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

import linli
from linli.core import errors

TEMPLATES = sorted(Path(linli.__file__).parent.rglob("templates/**/*.html"))


def test_every_page_carries_a_content_security_policy_without_inline_script(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src-attr")[0]
    )
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("linli/", 1)[-1])
def test_no_template_has_inline_script_or_event_handlers(template):
    text = template.read_text()
    inline_scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", text)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]
    assert inline_scripts == []
    assert re.findall(r"\son[a-z]+\s*=", text) == []
    assert "<style" not in text or "email/" in str(template)


def test_with_secure_cookies_every_cookie_is_secure_and_hsts_is_sent(
    client, db, resident, settings
):
    settings.SECURE_COOKIES = True
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.post("/language/", {"language": "en", "next": "/"})
    assert response.cookies["linli_language"]["secure"] is True
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    response = client.post("/display/", {"large_text": "1"})
    assert all(morsel["secure"] is True for morsel in response.cookies.values())
    login = client.post(
        "/accounts/login/", {"username": "resident@test.org", "password": "a-Strong-pass-42"}
    )
    assert login.cookies and all(morsel["secure"] is True for morsel in login.cookies.values())


def test_without_secure_cookies_no_hsts(client, db):
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_api_docs_load_swagger_from_our_static_files_not_a_cdn(client, db):
    page = client.get("/api/docs").content.decode()
    assert "cdn.jsdelivr" not in page and "unpkg" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Something went wrong"), ("zh-hans", "出错了"), ("zh-hant", "出錯了")],
)
def test_the_500_page_is_translated_and_needs_no_request(language, words):
    with translation.override(language):
        assert words in render_to_string("500.html")
        response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and words in response.content.decode()
