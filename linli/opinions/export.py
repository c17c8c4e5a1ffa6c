"""A conversation's votes as a Pol.is open-data export (comments.csv, votes.csv,
participants-votes.csv) in one zip, so the same tools - ours (``linli opinions analyse``) and
others' - read it. Participants are numbered 0, 1, 2... (no names); statement ids are the numbers
on the paper sheet."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from .models import Analysis, Conversation, Statement, Vote

MODERATED = {
    Statement.Status.ACCEPTED: 1,
    Statement.Status.PENDING: 0,
    Statement.Status.REJECTED: -1,
}


def _ms(moment: Any) -> int:
    return int(moment.timestamp() * 1000)


def _csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def export_zip(conversation: Conversation) -> bytes:
    statements = list(conversation.statements.order_by("number"))
    votes = list(
        Vote.objects.filter(conversation=conversation)
        .select_related("statement")
        .order_by("updated_at", "pk")
    )
    member_ids = sorted(
        {v.member_id for v in votes} | {s.author_id for s in statements if s.author_id}
    )
    pid = {member: i for i, member in enumerate(member_ids)}
    analysis = Analysis.objects.filter(conversation=conversation).first()
    groups = (analysis.data.get("groups", {}) if analysis else {}) or {}

    comments: list[list[Any]] = [
        [
            "timestamp",
            "datetime",
            "comment-id",
            "author-id",
            "agrees",
            "disagrees",
            "moderated",
            "comment-body",
        ]
    ]
    for s in statements:
        mine = [v for v in votes if v.statement_id == s.pk]
        comments.append(
            [
                _ms(s.created_at),
                s.created_at.isoformat(),
                s.number,
                pid.get(s.author_id, "") if s.author_id else "",
                sum(v.choice == 1 for v in mine),
                sum(v.choice == -1 for v in mine),
                MODERATED[Statement.Status(s.status)],
                s.text,
            ]
        )
    log: list[list[Any]] = [["timestamp", "datetime", "comment-id", "voter-id", "vote"]]
    log += [
        [
            _ms(v.updated_at),
            v.updated_at.isoformat(),
            v.statement.number,
            pid[v.member_id],
            v.choice,
        ]
        for v in votes
    ]
    numbers = [s.number for s in statements]
    matrix: list[list[Any]] = [
        ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", *numbers]
    ]
    by_member: dict[int, dict[int, int]] = {}
    for v in votes:
        by_member.setdefault(v.member_id, {})[v.statement.number] = v.choice
    for member in member_ids:
        cast = by_member.get(member, {})
        matrix.append(
            [
                pid[member],
                groups.get(str(member), ""),
                sum(1 for s in statements if s.author_id == member),
                len(cast),
                sum(c == 1 for c in cast.values()),
                sum(c == -1 for c in cast.values()),
                *[cast.get(n, "") for n in numbers],
            ]
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("comments.csv", _csv(comments))
        archive.writestr("votes.csv", _csv(log))
        archive.writestr("participants-votes.csv", _csv(matrix))
    return buffer.getvalue()
