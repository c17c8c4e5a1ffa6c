"""Read and write pabulib ``.pb`` files (the open format of participatory-budgeting elections).

A file has three ``;``-separated sections - META (key;value), PROJECTS (one row per project,
``project_id`` and ``cost`` always present) and VOTES (one row per voter, ``vote`` a comma list of
project ids, ``points`` aligned with it for cumulative/scoring ballots). Every column is kept as
text, in order, so that a file read and written back carries everything an importer needs (names,
categories, targets, voter ages, ...), and the typed accessors below give what the rules need.

Pure Python, no Django: the ``linli pb`` command and the budgeting app both build on it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")


class PabulibError(ValueError):
    """The text is not a well-formed pabulib file; the message names the line."""


def parse_number(text: str) -> Fraction:
    """An exact number from a pabulib cell: ``600000``, ``400000.0`` and ``1,5`` (decimal comma)."""
    try:
        return Fraction(text.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError) as exc:
        raise PabulibError(f"not a number: {text!r}") from exc


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@dataclass
class PabulibFile:
    """One election as written in the file; cells stay strings (``None`` cells become "")."""

    meta: dict[str, str] = field(default_factory=dict)
    project_columns: list[str] = field(default_factory=lambda: ["project_id", "cost"])
    projects: list[dict[str, str]] = field(default_factory=list)
    vote_columns: list[str] = field(default_factory=lambda: ["voter_id", "vote"])
    votes: list[dict[str, str]] = field(default_factory=list)

    # --- typed views -------------------------------------------------------------------------
    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval").strip()

    @property
    def budget(self) -> Fraction:
        return parse_number(self.meta["budget"])

    def costs(self) -> dict[str, Fraction]:
        """Project id -> cost, in file order."""
        return {row["project_id"]: parse_number(row["cost"]) for row in self.projects}

    def project_ids(self) -> list[str]:
        return [row["project_id"] for row in self.projects]

    def categories(self, project_id: str) -> set[str]:
        """The project's ``category``/``categories`` cell as a set (empty when absent)."""
        row = next(r for r in self.projects if r["project_id"] == project_id)
        text = row.get("category") or row.get("categories") or ""
        return set(_split_list(text))

    def approvals(self) -> list[frozenset[str]]:
        """Each voter's ballot as the set of projects on it (for any vote type: a project that
        gets points or a rank counts as approved, as pabutools' cost/cardinality rules do)."""
        return [frozenset(_split_list(vote.get("vote", ""))) for vote in self.votes]

    def rankings(self) -> list[list[str]]:
        """Ordinal ballots, most preferred first (for other types: the order in the file)."""
        return [_split_list(vote.get("vote", "")) for vote in self.votes]

    def points(self) -> list[dict[str, Fraction]]:
        """Cumulative/scoring ballots as ``{project id: points}``; approval ballots give 1 each."""
        result = []
        for number, vote in enumerate(self.votes, start=1):
            ids = _split_list(vote.get("vote", ""))
            if "points" in vote and vote["points"].strip():
                values = [parse_number(p) for p in _split_list(vote["points"])]
                if len(values) != len(ids):
                    raise PabulibError(
                        f"vote {number}: {len(ids)} projects but {len(values)} points"
                    )
                result.append(dict(zip(ids, values, strict=True)))
            else:
                result.append(dict.fromkeys(ids, Fraction(1)))
        return result

    def check(self) -> None:
        """Raise :class:`PabulibError` when the file contradicts itself (unknown project on a
        ballot, duplicate ids, missing budget)."""
        if "budget" not in self.meta:
            raise PabulibError("META has no budget")
        self.budget  # noqa: B018 - parses it
        ids = self.project_ids()
        if len(set(ids)) != len(ids):
            raise PabulibError("duplicate project_id in PROJECTS")
        self.costs()
        known = set(ids)
        for number, ballot in enumerate(self.rankings(), start=1):
            unknown = [p for p in ballot if p not in known]
            if unknown:
                raise PabulibError(f"vote {number} names unknown project {unknown[0]!r}")


def read(text: str) -> PabulibFile:
    """Parse the text of a ``.pb`` file."""
    if text.startswith("\ufeff"):
        text = text[1:]
    result = PabulibFile(project_columns=[], vote_columns=[])
    section = ""
    header: list[str] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        word = row[0].strip().lower()
        if len(row) == 1 and word in {"meta", "projects", "votes"}:
            section = word
            try:
                header = [cell.strip() for cell in next(reader)]
            except StopIteration as exc:
                raise PabulibError(f"section {word.upper()} has no header line") from exc
            if section == "projects":
                result.project_columns = header
            elif section == "votes":
                result.vote_columns = header
            continue
        if section == "meta":
            if len(row) < 2:
                raise PabulibError(f"META line {reader.line_num} has no value: {row!r}")
            # A value may itself contain ';' when quoting was forgotten: keep the rest whole.
            result.meta[row[0].strip()] = ";".join(row[1:]).strip()
        elif section in {"projects", "votes"}:
            if len(row) > len(header):
                raise PabulibError(f"line {reader.line_num} has more cells than its header")
            cells = {key: "" for key in header}
            for key, value in zip(header, row, strict=False):
                value = value.strip()
                cells[key] = "" if value.lower() == "none" else value
            (result.projects if section == "projects" else result.votes).append(cells)
        else:
            raise PabulibError(f"line {reader.line_num} comes before any section")
    if not result.project_columns or "project_id" not in result.project_columns:
        raise PabulibError("PROJECTS section with a project_id column is missing")
    if "cost" not in result.project_columns:
        raise PabulibError("PROJECTS has no cost column")
    return result


def read_file(path: str | Path) -> PabulibFile:
    return read(Path(path).read_text(encoding="utf-8-sig"))


def write(pb: PabulibFile) -> str:
    """The ``.pb`` text of ``pb`` (empty cells are written as ``None``, as pabulib does)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in pb.meta.items():
        writer.writerow([key, value])
    out.write("PROJECTS\n")
    writer.writerow(pb.project_columns)
    for row in pb.projects:
        writer.writerow([row.get(key) or "None" for key in pb.project_columns])
    out.write("VOTES\n")
    writer.writerow(pb.vote_columns)
    for row in pb.votes:
        writer.writerow([row.get(key) or "None" for key in pb.vote_columns])
    return out.getvalue()


def build(
    *,
    meta: dict[str, str],
    projects: list[dict[str, str]],
    votes: list[dict[str, str]],
) -> PabulibFile:
    """A file from rows (e.g. a closed process being exported); columns are taken from the rows,
    ``project_id;cost`` and ``voter_id;vote`` first."""

    def columns(rows: list[dict[str, str]], first: list[str]) -> list[str]:
        seen = list(first)
        for row in rows:
            seen.extend(key for key in row if key not in seen)
        return seen

    def cells(rows: list[dict[str, str]], keys: list[str]) -> list[dict[str, str]]:
        return [{k: str(row.get(k, "") or "") for k in keys} for row in rows]

    meta = dict(meta)
    meta.setdefault("num_projects", str(len(projects)))
    meta.setdefault("num_votes", str(len(votes)))
    project_columns = columns(projects, ["project_id", "cost"])
    vote_columns = columns(votes, ["voter_id", "vote"])
    return PabulibFile(
        meta=meta,
        project_columns=project_columns,
        projects=cells(projects, project_columns),
        vote_columns=vote_columns,
        votes=cells(votes, vote_columns),
    )
