"""`linli check --deploy` is clean with the settings docs/deployment.md documents."""

from __future__ import annotations

import re
from pathlib import Path

from tests.site.linli_process import ROOT, environment, linli


def documented_production_settings() -> dict[str, str]:
    """The variables in the production environment file shown in docs/deployment.md."""
    text = (ROOT / "docs" / "deployment.md").read_text()
    block = text.split("<!-- production-env -->", 1)[1].split("```", 2)[1]
    pairs = re.findall(r"^([A-Z_]+)=(\S+)$", block, flags=re.M)
    assert pairs, "docs/deployment.md lost its production environment file"
    return dict(pairs)


def test_the_deployment_check_is_clean_with_the_documented_settings(tmp_path: Path):
    settings = documented_production_settings()
    settings["SECRET_KEY"] = "k" * 8 + "-a-long-random-value-from-the-docs-command-0123456789"
    settings.pop("DATABASE_URL", None)
    settings.pop("REDIS_URL", None)
    settings.pop("EMAIL_URL", None)
    settings.pop("LINLI_DATA_DIR", None)
    output = linli(
        environment(tmp_path, **settings), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert "no issues" in output, output


def test_without_them_the_check_warns(tmp_path: Path):
    output = linli(environment(tmp_path), "check", "--deploy", check=False)
    assert "security.W008" in output
