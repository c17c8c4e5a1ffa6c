"""Mistyped addresses and server errors show the site's own translated pages, in the demo too:
never Django's debug page listing every URL pattern."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.site.linli_process import environment, linli


def test_a_missing_page_is_the_sites_own_in_the_readers_language(client, db):
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    client.post("/language/", {"language": "zh-hans", "next": "/"})
    assert "页面" in client.get("/no-such-page/").content.decode()


def test_a_server_error_shows_the_translated_500_page(db, settings):
    settings.ROOT_URLCONF = "tests.site.broken_urls"
    client = Client(raise_request_exception=False)
    client.cookies["linli_language"] = "en"
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("language,words", [("en", "Page not found"), ("zh-hant", "頁面")])
def test_the_demo_runs_without_debug_so_its_404_is_the_sites_own(tmp_path, language, words):
    """`linli demo` leaves DEBUG off; the settings it runs with answer a 404 with the site's page."""
    env = environment(tmp_path, LINLI_DEMO="1", DEBUG="0")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.test import Client; from django.test.utils import setup_test_environment; "
        "setup_test_environment(); c = Client(); c.cookies['linli_language'] = '" + language + "'; "
        "r = c.get('/no-such-page/'); "
        "print(settings.DEBUG, r.status_code, '" + words + "' in r.content.decode(), "
        "'URLconf' in r.content.decode())"
    )
    linli(env, "migrate", "--verbosity", "0")
    assert (
        linli(env, "shell", "-c", code, stderr=False).strip().splitlines()[-1]
        == "False 404 True False"
    )
