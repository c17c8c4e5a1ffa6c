"""``linli opinions analyse DIR`` prints the groups as JSON, without Django."""

import json
import subprocess
import sys

from linli.opinions.cli import main
from tests.shared_data import REPO_ROOT, shared_data


def test_it_prints_groups_representative_and_consensus_statements(capsys):
    folder = shared_data("polis") / "15-per-hour-seattle"
    assert main([str(folder)]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["n_groups"] == 2
    assert len(output["groups"]) == 138
    assert set(output["groups"].values()) == {0, 1}
    assert set(output["representative"]) == {"0", "1"}
    first = output["representative"]["0"][0]
    assert {"statement", "text", "direction", "rate", "z", "z_rest", "significant"} <= set(first)
    assert output["consensus"] and "group_rates" in output["consensus"][0]


def test_it_runs_from_the_linli_command_without_loading_django():
    folder = shared_data("polis") / "15-per-hour-seattle"
    code = (
        "import sys; from linli.cli import main; rc = main(['opinions', 'analyse', sys.argv[1]]);"
        " assert 'django' not in sys.modules, 'django was imported'; sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["n_groups"] == 2


def test_a_folder_that_is_not_an_export_is_an_error(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "comments.csv" in capsys.readouterr().err
