"""Behind a TLS-terminating proxy (LINLI_BEHIND_PROXY=1) the proxy's X-Forwarded-Proto makes a
request count as HTTPS; without the setting a client cannot claim HTTPS with that header."""

from __future__ import annotations

from tests.site.linli_process import environment, linli


def _is_secure(env_value: str | None, tmp_path) -> str:
    extra = {"LINLI_BEHIND_PROXY": env_value} if env_value is not None else {}
    env = environment(tmp_path, **extra)
    code = (
        "import django; django.setup(); from django.test import RequestFactory; "
        "print(RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https').is_secure())"
    )
    return linli(env, "shell", "-c", code, stderr=False).strip().splitlines()[-1]


def test_the_forwarded_protocol_counts_only_behind_a_proxy(tmp_path):
    assert _is_secure("1", tmp_path / "a") == "True"
    assert _is_secure(None, tmp_path / "b") == "False"


def test_secure_redirects_follow_the_forwarded_protocol(client, db, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/").status_code == 301
    assert client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
