"""Ballot files: linli's anonymised export and PrefLib's ordinal formats (.soc .soi .toc .toi).

linli's export is CSV with one row per ballot, in random order, without voter or time:

    # linli ballots; method=irv; options=1:梧桐院彩绘|2:槐树院花园|3:安居苑凉亭
    ballot,choices
    1,3>1>2
    2,2

Choices: ranked ``a>b>c``; single choice ``a``; approval ``a;b`` (``# ...; k=2``); score
``a=5;b=3`` (``# ...; max=5``); knapsack like approval (``# ...; budget=10000;
costs=1:6000,2:4500``); cumulative like score (``# ...; points=10; per_option=5``). Anyone
can recount it with ``linli votes recount``; the results page shows the file's SHA-256 so the downloaded file can be checked.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .tally import Ranking


@dataclass
class BallotFile:
    method: str
    options: dict[int, str]
    rankings: Counter[Ranking] = field(default_factory=Counter)
    approvals: Counter[frozenset[int]] = field(default_factory=Counter)
    scores: list[tuple[dict[int, int], int]] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_preflib(text: str) -> BallotFile:
    """Read PrefLib ordinal data. A ``{..}`` rank (an overvote in these RCV files) cuts the
    ballot just before it: the "exhaust immediately" reading of the reference results."""
    options: dict[int, str] = {}
    rankings: Counter[Ranking] = Counter()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            match = re.match(r"# ALTERNATIVE NAME (\d+): (.*)", line)
            if match:
                options[int(match.group(1))] = match.group(2).strip()
            continue
        count_text, _, order = line.partition(":")
        ranking: list[int] = []
        for token in re.findall(r"\{[^}]*\}|[^,\s]+", order):
            if token.startswith("{"):
                break
            ranking.append(int(token))
        rankings[tuple(ranking)] += int(count_text)
    return BallotFile("ranked", options, rankings=rankings)


def write_linli(ballots: BallotFile, rows: list[str]) -> str:
    """Write the export; ``rows`` are the choice strings, already in random order."""
    out = io.StringIO()
    options = "|".join(f"{i}:{name.replace('|', '/')}" for i, name in ballots.options.items())
    extras = "".join(f"; {k}={v}" for k, v in ballots.params.items())
    out.write(f"# linli ballots; method={ballots.method}; options={options}{extras}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ballot", "choices"])
    for number, choices in enumerate(rows, start=1):
        writer.writerow([number, choices])
    return out.getvalue()


def read_linli(text: str) -> BallotFile:
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# linli ballots"):
        raise ValueError(
            "not a linli ballot file: the first line must start with '# linli ballots'"
        )
    header = dict(part.strip().split("=", 1) for part in lines[0].split(";")[1:] if "=" in part)
    options = {
        int(k): v for k, v in (item.split(":", 1) for item in header.pop("options").split("|"))
    }
    result = BallotFile(header.pop("method"), options, params=header)
    for row in csv.DictReader(lines[1:]):
        choices = row["choices"].strip()
        if result.method in ("approval", "knapsack"):
            result.approvals[frozenset(int(c) for c in choices.split(";") if c)] += 1
        elif result.method in ("score", "cumulative"):
            pairs = (item.split("=") for item in choices.split(";") if item)
            result.scores.append(({int(o): int(v) for o, v in pairs}, 1))
        else:
            result.rankings[tuple(int(c) for c in choices.split(">") if c)] += 1
    return result


def read_any(path: Path) -> BallotFile:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in {".soc", ".soi", ".toc", ".toi"}:
        return read_preflib(text)
    return read_linli(text)
