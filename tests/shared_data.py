"""Locate the real public data in ``../shared/data`` beside the checkout.

Tests read it in place and never copy it into the project. Under ``CI=true`` a missing folder is a
failure (CI must test against the real world); elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("LINLI_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def shared_data(folder: str) -> Path:
    """Return ``../shared/data/<folder>``, or fail (CI) / skip (elsewhere) when it is missing."""
    path = SHARED_DATA / folder
    if not path.is_dir():
        reason = f"real data folder {path} is missing"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " (required under CI=true)")
        pytest.skip(reason)
    return path
