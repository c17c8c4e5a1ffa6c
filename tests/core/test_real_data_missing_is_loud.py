"""Without ../shared/data the real-data tests fail under CI and are skipped loudly elsewhere
(issue 24): checked by running one real-data test file in a child pytest with the folder absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_DATA_FILE = "tests/budgeting/test_pabulib_format.py"


def run_without_data(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["LINLI_SHARED_DATA"] = str(tmp_path / "absent")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", REAL_DATA_FILE, "-n", "0", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_outside_ci_the_skips_are_counted_in_one_loud_warning(tmp_path):
    run = run_without_data(tmp_path, ci=False)
    assert run.returncode == 0, run.stdout[-2000:]
    assert run.stdout.count("REAL DATA MISSING") == 1
    assert " tests were SKIPPED because the real data folder is missing" in run.stdout
    assert " failed" not in run.stdout


def test_under_ci_they_fail_and_none_is_skipped(tmp_path):
    run = run_without_data(tmp_path, ci=True)
    assert run.returncode == 1, run.stdout[-2000:]
    assert "is missing (required under CI=true)" in run.stdout
    assert " skipped" not in run.stdout.splitlines()[-1]
    assert "REAL DATA MISSING" not in run.stdout
