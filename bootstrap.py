#!/usr/bin/env python3
"""Install linli into .venv (only when something changed) and run it.

    python3 bootstrap.py demo [--port 8000] [--data-dir DIR]   install, then start the demo
    python3 bootstrap.py test [pytest args]                    install with test tools, run all tests

Uses only the standard library, so it runs on a fresh machine with nothing but Python 3.11.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"


def run(*command: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def ensure_installed(extra: str) -> None:
    """pip-install the project when pyproject.toml changed since the last install of this kind."""
    if not PY.exists():
        run(sys.executable, "-m", "venv", VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".install-stamp-{extra or 'run'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(
        PY,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--upgrade",
        "pip",
        "setuptools",
        "wheel",
    )
    target = f".[{extra}]" if extra else "."
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target)
    stamp.write_text(digest)


def ensure_system_packages() -> None:
    """Browser tests need Debian's Chromium (never a downloaded browser) and CJK fonts."""
    wanted = []
    if not Path("/usr/bin/chromium").exists():
        wanted.append("chromium")
    if not Path("/usr/share/fonts/opentype/noto").exists():
        wanted.append("fonts-noto-cjk")
    if not shutil.which("msgfmt"):
        wanted.append("gettext")
    if not wanted:
        return
    if os.geteuid() != 0:
        print(f"Please install these Debian packages first: {' '.join(wanted)}", file=sys.stderr)
        sys.exit(1)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", *wanted, env=env)


def postgres_url() -> str | None:
    url = os.environ.get("LINLI_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/linli")
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return None
    return url


def test(args: list[str]) -> int:
    ensure_system_packages()
    ensure_installed("test")
    bin_dir = VENV / "bin"
    checks = [
        [bin_dir / "ruff", "check", "."],
        [bin_dir / "ruff", "format", "--check", "."],
        [bin_dir / "mypy", "linli"],
    ]
    failed_checks = []
    for command in checks:
        print("+", " ".join(str(c) for c in command), flush=True)
        if subprocess.run([str(c) for c in command], cwd=ROOT, check=False).returncode != 0:
            failed_checks.append(
                " ".join(str(c.name) if isinstance(c, Path) else c for c in command)
            )
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    print("== tests on SQLite ==", flush=True)
    sqlite = subprocess.run([str(PY), "-m", "pytest", *args], cwd=ROOT, env=env, check=False)
    pg_url = postgres_url()
    if pg_url is None:
        if os.environ.get("CI", "").lower() == "true":
            print(
                "PostgreSQL is not reachable on 127.0.0.1:5432, and CI needs it.", file=sys.stderr
            )
            return 1
        print("PostgreSQL is not reachable: skipped the PostgreSQL run.", flush=True)
        return report(failed_checks) or sqlite.returncode
    print("== tests on PostgreSQL (browser tests ran on SQLite) ==", flush=True)
    pg = subprocess.run(
        [str(PY), "-m", "pytest", "-m", "not browser", *args],
        cwd=ROOT,
        env={**env, "DATABASE_URL": pg_url},
        check=False,
    )
    return report(failed_checks) or sqlite.returncode or pg.returncode


def report(failed_checks: list[str]) -> int:
    for check in failed_checks:
        print(f"FAILED check: {check}", file=sys.stderr)
    return 1 if failed_checks else 0


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "demo"
    rest = sys.argv[2:]
    if mode == "demo":
        ensure_installed("")
        os.execv(str(VENV / "bin" / "linli"), [str(VENV / "bin" / "linli"), "demo", *rest])  # noqa: S606
    if mode == "test":
        return test(rest)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
