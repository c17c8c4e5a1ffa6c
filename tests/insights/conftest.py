"""Shared readers for the published weighting cases in ``../shared/data/survey_weighting``."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from tests.shared_data import shared_data


@pytest.fixture
def weighting_data() -> Path:
    return shared_data("survey_weighting")


@pytest.fixture
def kalton_rows(weighting_data: Path) -> list[dict[str, Any]]:
    with (weighting_data / "kalton_flores_cervantes_2003.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def apiclus1(weighting_data: Path) -> list[dict[str, Any]]:
    with (weighting_data / "apiclus1.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))
