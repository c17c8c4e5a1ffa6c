"""Read a Pol.is open-data export folder into a vote matrix.

A folder holds ``comments.csv`` (one row per statement, with its moderation status) and the votes,
either as ``participants-votes.csv`` (the participant x statement matrix) or ``votes.csv`` (the raw
log, where a participant's last vote on a statement is the one that counts). The matrix is read
when present (it is what Pol.is itself computed from, and the larger exports ship only that);
otherwise the log. Only the vote cells are read: Pol.is's own clustering output in the matrix's
``group-id`` column is never looked at, so an analysis of an export cannot copy Pol.is's answer.

Pure (standard library and NumPy), no Django.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Columns of participants-votes.csv before the one-column-per-statement part.
MATRIX_META_COLUMNS = ("participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")
VOTE_CODES = {"1": 1.0, "-1": -1.0, "0": 0.0}


class ExportError(ValueError):
    """The folder is not a Pol.is export we can read."""


@dataclass(frozen=True)
class Statement:
    id: int
    text: str
    moderated: int  # 1 accepted, 0 not yet moderated, -1 moderated out


@dataclass
class Conversation:
    """Votes of one conversation: ``votes[i, j]`` is participant i's vote on statement j.

    1 agree, -1 disagree, 0 pass, NaN not seen. ``statements`` lists every statement, moderated-out
    ones included (a vote on them still counts towards a participant's number of votes).
    """

    participants: list[int]
    statements: list[Statement]
    votes: np.ndarray
    source: str = ""

    def statement_ids(self) -> list[int]:
        return [s.id for s in self.statements]


def read_comments(path: Path) -> list[Statement]:
    with path.open(encoding="utf-8-sig", newline="") as handle:  # -sig: a spreadsheet's BOM
        reader = csv.DictReader(handle)
        statements = []
        for row in reader:
            try:
                statements.append(
                    Statement(
                        id=int(row["comment-id"]),
                        text=row.get("comment-body") or "",
                        moderated=int(row.get("moderated") or 0),
                    )
                )
            except (KeyError, ValueError) as exc:
                raise ExportError(f"{path.name}: bad row {row!r}") from exc
    return sorted(statements, key=lambda s: s.id)


def read_matrix(path: Path) -> tuple[list[int], list[int], np.ndarray]:
    """participants-votes.csv -> (participant ids, statement ids, votes). Skips the meta columns."""
    data = path.read_bytes()
    header_end = data.find(b"\n")
    first_line = data[: header_end if header_end >= 0 else None].decode("utf-8-sig")
    header = next(csv.reader([first_line.rstrip("\r")]), [])
    if not header or header[0] != "participant":
        raise ExportError(f"{path.name}: the first column must be 'participant'")
    first_vote = next(
        (i for i, name in enumerate(header) if name not in MATRIX_META_COLUMNS), len(header)
    )
    try:
        statement_ids = [int(name) for name in header[first_vote:]]
        body = data[header_end + 1 :] if header_end >= 0 else b""
        parsed = _numeric_body(body, len(header), first_vote)
        if parsed is None:  # quoted or ragged: the slow, forgiving way
            parsed = _csv_body(body.decode("utf-8"), first_vote)
    except ValueError as exc:
        raise ExportError(f"{path.name}: {exc}") from exc
    participants, votes = parsed
    return participants, statement_ids, votes.reshape(len(participants), len(statement_ids))


def _numeric_body(body: bytes, width: int, first_vote: int) -> tuple[list[int], np.ndarray] | None:
    """Parse an unquoted all-numeric body in a few array operations (2 MB in milliseconds).

    A vote cell is empty, ``1``, ``0`` or ``-1``, so its first byte and whether it is empty say
    everything. Returns None when the body does not have that simple shape.
    """
    raw = np.frombuffer(body.replace(b"\r", b""), dtype=np.uint8)
    if len(raw) == 0:
        return [], np.zeros((0, width - first_vote))
    if raw[-1] != ord("\n"):
        raw = np.append(raw, np.uint8(ord("\n")))
    if (raw == ord('"')).any():
        return None
    ends = np.flatnonzero((raw == ord(",")) | (raw == ord("\n")))  # where each field ends
    line_ends = np.flatnonzero(raw[ends] == ord("\n"))
    if len(ends) != len(line_ends) * width or (
        len(line_ends)
        and not np.array_equal(line_ends, np.arange(1, len(line_ends) + 1) * width - 1)
    ):
        return None
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    fields = starts.reshape(-1, width)
    lengths = (ends - starts).reshape(-1, width)
    first_byte = raw[np.minimum(starts, len(raw) - 1)].reshape(-1, width)
    vote_bytes, vote_lengths = first_byte[:, first_vote:], lengths[:, first_vote:]
    votes = np.full(vote_bytes.shape, np.nan)
    votes[(vote_bytes == ord("1")) & (vote_lengths == 1)] = 1.0
    votes[(vote_bytes == ord("0")) & (vote_lengths == 1)] = 0.0
    votes[(vote_bytes == ord("-")) & (vote_lengths == 2)] = -1.0
    known = np.isnan(votes) == (vote_lengths == 0)
    if not known.all():
        return None  # some cell is not one of the four codes
    participants = [
        int(body_part)
        for body_part in (
            raw[start : start + length].tobytes()
            for start, length in zip(fields[:, 0].tolist(), lengths[:, 0].tolist(), strict=True)
        )
    ]
    return participants, votes


def _csv_body(text: str, first_vote: int) -> tuple[list[int], np.ndarray]:
    participants: list[int] = []
    cells: list[list[float]] = []
    nan = float("nan")
    for row in csv.reader(text.splitlines()):
        if not row:
            continue
        participants.append(int(row[0]))
        cells.append([_vote_code(cell, nan) for cell in row[first_vote:]])
    return participants, np.array(cells, dtype=float)


def _vote_code(cell: str, nan: float) -> float:
    cell = cell.strip()
    if cell == "":
        return nan
    if cell not in VOTE_CODES:
        raise ValueError(f"a vote must be 1, 0, -1 or empty, not {cell!r}")
    return VOTE_CODES[cell]


def read_vote_log(path: Path, statement_ids: list[int]) -> tuple[list[int], np.ndarray]:
    """votes.csv -> (participant ids, votes over ``statement_ids``); the last vote counts."""
    column = {sid: j for j, sid in enumerate(statement_ids)}
    last: dict[tuple[int, int], tuple[int, float]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                key = (int(row["voter-id"]), int(row["comment-id"]))
                stamp = int(row["timestamp"])
                vote = float(int(row["vote"]))
            except (KeyError, ValueError) as exc:
                raise ExportError(f"{path.name}: bad row {row!r}") from exc
            if key[1] in column and (key not in last or stamp >= last[key][0]):
                last[key] = (stamp, vote)
    participants = sorted({voter for voter, _ in last})
    row_of = {pid: i for i, pid in enumerate(participants)}
    votes = np.full((len(participants), len(statement_ids)), np.nan)
    for (voter, sid), (_, vote) in last.items():
        votes[row_of[voter], column[sid]] = vote
    return participants, votes


def read_folder(folder: Path | str) -> Conversation:
    folder = Path(folder)
    comments = folder / "comments.csv"
    if not comments.is_file():
        raise ExportError(f"{folder}: no comments.csv")
    statements = read_comments(comments)
    known = {s.id for s in statements}
    matrix, log = folder / "participants-votes.csv", folder / "votes.csv"
    if matrix.is_file():
        participants, column_ids, votes = read_matrix(matrix)
        # Statements voted on but missing from comments.csv still count as (unmoderated) ones.
        statements += [Statement(sid, "", 0) for sid in column_ids if sid not in known]
        order = {s.id: j for j, s in enumerate(sorted(statements, key=lambda s: s.id))}
        statements.sort(key=lambda s: s.id)
        full = np.full((len(participants), len(statements)), np.nan)
        full[:, [order[sid] for sid in column_ids]] = votes
        votes, source = full, matrix.name
    elif log.is_file():
        participants, votes = read_vote_log(log, [s.id for s in statements])
        source = log.name
    else:
        raise ExportError(f"{folder}: neither participants-votes.csv nor votes.csv")
    return Conversation(
        participants=participants,
        statements=statements,
        votes=votes,
        source=source,
    )
