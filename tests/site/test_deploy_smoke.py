"""The deployment script runs for real: PostgreSQL, Redis, `linli serve` with three workers,
`linli worker`, SMTP, the first-run commands, a survey answer and a vote over HTTP, a reminder,
a backup and its restore into a new database (see scripts/deploy_smoke.py). A few minutes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.site.linli_process import ROOT

POSTGRES = os.environ.get("LINLI_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("LINLI_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def _services_up() -> bool:
    import psycopg
    import redis

    try:
        psycopg.connect(POSTGRES, connect_timeout=3).close()
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception:
        return False
    return True


@pytest.mark.deploy
def test_the_deployment_script_brings_up_a_working_site_and_restores_it():
    if not _services_up():
        pytest.skip("needs a PostgreSQL server and a Redis server")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "deploy_smoke.py"),
            "--postgres",
            POSTGRES.rsplit("/", 1)[0],
            "--redis",
            REDIS,
            "--workers",
            "3",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    assert "all steps passed" in done.stdout
