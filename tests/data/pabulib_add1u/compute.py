"""Reference Add1U outcomes computed once with pabutools (test-only dependency), written beside
this file as <file>.<rule>.json. Slow by design: run in the background, one case per process.

    .venv/bin/python tests/data/pabulib_add1u/compute.py Hungary_Budapest_2025_VIII_Jozsefvaros.pb cost
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib
from pabutools.rules import method_of_equal_shares

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent.parent / "shared" / "data" / "pabulib"


def main(name: str, utility: str) -> None:
    instance, profile = parse_pabulib(str(DATA / name))
    sat = {"cost": Cost_Sat, "card": Cardinality_Sat}[utility]
    started = time.monotonic()
    # Add1U: each voter's share grows by one currency unit until the outcome is exhaustive (or
    # would overspend); pabutools' voter_budget_increment=1.
    outcome = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=1)
    result = {
        "file": name,
        "rule": f"mes_{utility}_add1",
        "selected": sorted(str(p.name) for p in outcome),
        "seconds": round(time.monotonic() - started, 1),
        "computed_with": "pabutools method_of_equal_shares(voter_budget_increment=1)",
    }
    (HERE / f"{name}.mes_{utility}_add1.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
