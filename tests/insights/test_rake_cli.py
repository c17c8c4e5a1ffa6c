"""``linli insights rake`` prints each cell's factor as JSON, without Django, as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from linli.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linli.cli", "insights", "rake", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_prints_kalton_raking_factors(weighting_data, kalton_rows):
    done = run_cli(
        str(weighting_data / "kalton_flores_cervantes_2003.csv"),
        "--dims",
        "a,b",
        "--sample-column",
        "sample_n",
        "--population-column",
        "population_N",
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed[0] == {"cell": {"a": "1", "b": "1"}, "factor": 1.81}
    assert printed == [
        {"cell": {"a": row["a"], "b": row["b"]}, "factor": float(row["factor_rake"])}
        for row in kalton_rows
    ]


def test_it_post_stratifies_on_request(weighting_data, kalton_rows):
    done = run_cli(
        str(weighting_data / "kalton_flores_cervantes_2003.csv"),
        "--dims",
        "a,b",
        "--method",
        "poststratify",
        "--digits",
        "4",
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    for row, cell in zip(kalton_rows, printed, strict=True):
        assert round(cell["factor"], 2) == float(row["factor_poststratify"])
    assert printed[0]["factor"] == 4.0


def test_it_starts_without_django(weighting_data):
    path = weighting_data / "kalton_flores_cervantes_2003.csv"
    code = (
        "import sys; from linli.cli import main;"
        f"rc = main(['insights', 'rake', {str(path)!r}, '--dims', 'a,b']);"
        "assert 'django' not in sys.modules, 'django was imported';"
        "sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_it_explains_bad_files(tmp_path, capsys):
    missing_column = tmp_path / "cells.csv"
    missing_column.write_text("a,b,sample_n\n1,1,3\n")
    assert main(["insights", "rake", str(missing_column), "--dims", "a,b"]) == 2
    assert "population_N" in capsys.readouterr().err

    empty_level = tmp_path / "empty.csv"
    empty_level.write_text("a,b,sample_n,population_N\n1,1,3,10\n2,1,0,5\n")
    assert main(["insights", "rake", str(empty_level), "--dims", "a,b"]) == 2
    assert "empty_level" in capsys.readouterr().err

    not_a_number = tmp_path / "text.csv"
    not_a_number.write_text("a,b,sample_n,population_N\n1,1,three,10\n")
    assert main(["insights", "rake", str(not_a_number), "--dims", "a,b"]) == 2
    assert "line 2" in capsys.readouterr().err

    twice = tmp_path / "twice.csv"
    twice.write_text("a,b,sample_n,population_N\n1,1,3,10\n1,1,3,10\n")
    assert main(["insights", "rake", str(twice), "--dims", "a,b"]) == 2
    assert "twice" in capsys.readouterr().err

    assert main(["insights", "rake", str(tmp_path / "none.csv"), "--dims", "a"]) == 2
