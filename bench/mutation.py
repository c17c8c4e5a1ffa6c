"""Mutation testing of the guards and the pure rules with mutmut (issue 24).

Breaks the code one small change at a time (``<=`` into ``<``, ``and`` into ``or``, a constant
changed, a call argument dropped...) and runs the tests that reach the changed function; a change
no test notices "survives". The scope is deliberately narrow - the machine is shared - and named
below: the permission checks, the modules' named rules (the guard clauses the commands ask), the
vote counting and the limit checks of the budgeting rules.

    PYTHONPATH=. .venv/bin/python bench/mutation.py [--max-children 1] [--only TARGET ...]

It works in a throwaway copy of the tracked files (mutmut writes a ``mutants/`` folder beside the
code), writes mutmut's settings there, runs ``mutmut run`` and prints the survivors per target.
mutmut is pinned in the test extras of pyproject.toml.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    """A file to mutate, the functions in it (mutmut name globs; empty: all) and its tests."""

    path: str
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ()


TARGETS = {
    # The standing a person has and the one question every page and command asks.
    # Its tests need no database, so a mutant costs a fraction of a second (the role x route
    # tables, which do, reach the same lines through whole requests).
    "permissions": Target(
        "linli/core/permissions.py", ("tests/core/test_permission_rules_by_hand.py",)
    ),
    # The modules' named rules: who may act on an object, and in which phase. Their functions
    # are tested one by one without a database in tests/core/test_rules_by_hand.py (those of
    # them that read the database - seats, teams, a convention's versions - are not targets).
    **{
        f"{app}_rules": Target(f"linli/{app}/rules.py", ("tests/core/test_rules_by_hand.py",))
        for app in ("engagement", "grants", "votes", "opinions", "feedback", "meetings", "insights")
    },
    "disclosure_rules": Target(
        "linli/disclosure/rules.py",
        ("tests/core/test_rules_by_hand.py",),
        (
            "linli.disclosure.rules.x__published__mutmut_*",
            "linli.disclosure.rules.x__may_object_as__mutmut_*",
        ),
    ),
    # Counting ballots (pure). Only the small hand-worked tests: the vote pages reach the same
    # lines through whole requests, and the recount of real PrefLib files reads every ballot
    # through the checks - seconds per mutant on the shared machine, for 400-odd mutants.
    "votes_counting": Target(
        "linli/votes/counting.py",
        ("tests/votes/test_counting_by_hand.py", "tests/votes/test_ballot_checks.py"),
    ),
    # The same for the tally: its hypothesis properties and real elections are left out.
    "votes_tally": Target(
        "linli/votes/tally.py",
        ("tests/votes/test_tally_by_hand.py", "tests/votes/test_ballot_checks.py"),
    ),
    "reviews_scoring": Target(
        "linli/reviews/scoring.py",
        ("tests/reviews/test_scoring.py", "tests/reviews/test_scoring_edges.py"),
    ),
    "insights_stats": Target(
        "linli/insights/stats.py",
        ("tests/insights/test_confidence_intervals.py", "tests/insights/test_stats_edges.py"),
    ),
    "rounding": Target(
        "linli/core/rounding.py", ("tests/core/test_bars.py", "tests/core/test_rounding.py")
    ),
    # The limits of the budgeting rules: cap per project, group caps, the money left.
    "budgeting_limits": Target(
        "linli/budgeting/rules.py",
        ("tests/budgeting/test_rules.py", "tests/budgeting/test_rules_edges.py"),
        (
            "linli.budgeting.rules.xǁ_Electionǁeligible__mutmut_*",
            "linli.budgeting.rules.xǁ_Electionǁfits_groups__mutmut_*",
            "linli.budgeting.rules.x__greedy_chosen__mutmut_*",
            "linli.budgeting.rules.x__greedy_fill__mutmut_*",
        ),
    ),
}

RESULT_LINE = re.compile(r"^\s*(?P<name>\S+__mutmut_\d+): (?P<status>.+)$")


def copy_tracked_files(destination: Path) -> None:
    """The tracked files as they are in the work tree (uncommitted edits included)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for raw in listed:
        if not raw:
            continue
        source = ROOT / raw.decode()
        if source.is_file():
            target = destination / raw.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def write_settings(workdir: Path, targets: list[Target]) -> None:
    tests = sorted({t for target in targets for t in target.tests if (workdir / t).exists()})
    lines = [
        "[mutmut]",
        "source_paths = linli",
        # pytest-django puts the folder of manage.py first on sys.path: without it the tests
        # would import the installed (unmutated) linli.
        "also_copy =",
        "    manage.py",
        "only_mutate =",
        *(f"    {target.path}" for target in targets),
        "pytest_add_cli_args =",
        "    -p",
        "    no:cacheprovider",
        "    -n",
        "    0",
        # Each mutant's tests run in a fresh fork: with the test database in a file kept between
        # runs, a mutant of a function that database tests reach costs its tests, not a full
        # migration (minutes per mutant on the shared machine).
        "    --ds",
        "    tests.mutation_settings",
        "    --reuse-db",
        "pytest_add_cli_args_test_selection =",
        *(f"    {test}" for test in tests),
        "",
    ]
    (workdir / "tests" / "mutation_settings.py").write_text(
        "from tests.settings import *  # noqa: F403\n\n"
        f'DATABASES["default"]["TEST"] = {{"NAME": {str(workdir / "mutation-test.sqlite3")!r}}}\n',
        encoding="utf-8",
    )
    # Only mutmut reads this file in the copy; the project itself keeps its settings in
    # pyproject.toml, which mutmut would read first if it had a [tool.mutmut] table.
    (workdir / "setup.cfg").write_text("\n".join(lines), encoding="utf-8")


def mutmut(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mutmut", *args],
        cwd=workdir,
        text=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.environ.get("MUTMUT_PATH", "")},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=sorted(TARGETS), default=sorted(TARGETS))
    parser.add_argument("--max-children", type=int, default=1, help="parallel test processes")
    parser.add_argument("--keep", action="store_true", help="keep the working copy")
    options = parser.parse_args()

    targets = [TARGETS[name] for name in options.only]
    workdir = Path(tempfile.mkdtemp(prefix="linli-mutation-"))
    started = time.monotonic()
    try:
        copy_tracked_files(workdir)
        write_settings(workdir, targets)
        names: list[str] = []
        for target in targets:
            names.extend(target.functions or (target.path[:-3].replace("/", ".") + ".*",))
        run = mutmut(workdir, "run", "--max-children", str(options.max_children), *names)
        if run.returncode != 0:
            print(run.stdout[-4000:], run.stderr[-4000:], sep="\n", file=sys.stderr)
            return run.returncode
        listed = mutmut(workdir, "results", "--all", "true").stdout
        statuses = {
            match["name"]: match["status"].strip()
            for match in map(RESULT_LINE.match, listed.splitlines())
            if match
        }
        print(f"mutmut over {', '.join(options.only)} in {time.monotonic() - started:.0f} s")
        for name, target in zip(options.only, targets, strict=True):
            module = target.path[:-3].replace("/", ".")
            mine = {k: v for k, v in statuses.items() if k.startswith(module + ".")}
            if target.functions:
                patterns = [re.escape(f).replace(r"\*", ".*") for f in target.functions]
                mine = {k: v for k, v in mine.items() if any(re.fullmatch(p, k) for p in patterns)}
            survivors = sorted(k for k, v in mine.items() if v == "survived")
            others = sorted({v for v in mine.values()} - {"killed", "survived"})
            print(
                f"{name:18} {len(mine):4} mutants, {len(survivors):3} survived"
                + (f" (also: {', '.join(others)})" if others else "")
            )
            for survivor in survivors:
                print(f"    {survivor}")
        return 0
    finally:
        if options.keep:
            print(f"working copy kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
