"""What ``/healthz`` checks: the database, the cache and the task queue each answer."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_round_trip() -> None:
    # A key of its own per check: with one shared key, concurrent checks overwrote each other's
    # token and reported a healthy cache as failed (38% of /healthz under load, issue 23).
    token = secrets.token_hex(8)
    key = f"linli:healthz:{token}"
    cache.set(key, token, 30)
    try:
        if cache.get(key) != token:
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)


def queue() -> None:
    """The broker answers: Redis for RQ, else the database table django-tasks-db works from."""
    if settings.REDIS_URL:
        import django_rq

        django_rq.get_connection("default").ping()
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()


CHECKS: dict[str, Callable[[], None]] = {
    "database": database,
    "cache": cache_round_trip,
    "queue": queue,
}


def report() -> tuple[bool, dict[str, str]]:
    """(all well, {part: "ok" | "unavailable"}); each part is checked even if another failed."""
    parts: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means the part is unavailable; the reason is logged
            logging.getLogger("linli.health").exception("health check %s failed", name)
            parts[name] = "unavailable"
        else:
            parts[name] = "ok"
    return all(value == "ok" for value in parts.values()), parts
