"""Run the ``linli`` command in a child process with its own environment (its own data folder
and database), as an operator would: settings are read once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LINLI_", "DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"))
    }
    env.update(
        LINLI_DATA_DIR=str(data_dir),
        LINLI_FAST_HASHER="1",
        LINLI_TESTING="1",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def linli(
    env: dict[str, str], *args: str, check: bool = True, timeout: float = 300, stderr: bool = True
) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "linli.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"linli {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout + (done.stderr if stderr else "")
