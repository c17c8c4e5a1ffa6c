"""/healthz names the database, the cache and the task queue: 200 when all answer, else 503."""

from __future__ import annotations

from linli.core import health


def test_it_reports_each_part(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "queue": "ok"}


def test_it_answers_503_and_names_the_part_that_failed(client, db, monkeypatch):
    def broken() -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "unavailable",
        "queue": "ok",
    }


def test_a_load_balancer_may_probe_it_over_plain_http(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
