"""What changed between two versions of a text, character by character (Chinese has no spaces
to split words on). Plain Python, no Django."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME, ADDED, REMOVED = "same", "added", "removed"
CHANGED = "changed"


@dataclass(frozen=True)
class Piece:
    kind: str  # same, added, removed
    text: str


@dataclass(frozen=True)
class ArticleChange:
    position: int  # the article's number in the newer text (in the older one when removed)
    kind: str  # same, changed, added, removed
    pieces: tuple[Piece, ...]


def pieces(old: str, new: str) -> tuple[Piece, ...]:
    """``new`` against ``old`` as runs of kept, added and removed characters."""
    found: list[Piece] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            found.append(Piece(SAME, old[i1:i2]))
            continue
        if i2 > i1:
            found.append(Piece(REMOVED, old[i1:i2]))
        if j2 > j1:
            found.append(Piece(ADDED, new[j1:j2]))
    return tuple(found)


def compare(old: Sequence[str], new: Sequence[str]) -> list[ArticleChange]:
    """Two lists of article texts compared article by article: those kept whole are matched
    first (so one article inserted in the middle does not mark all after it as changed), the
    rest by position."""
    changes: list[ArticleChange] = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(j2 - j1):
                changes.append(ArticleChange(j1 + k + 1, SAME, (Piece(SAME, new[j1 + k]),)))
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            changes.append(ArticleChange(j1 + k + 1, CHANGED, pieces(old[i1 + k], new[j1 + k])))
        for k in range(paired, j2 - j1):
            changes.append(ArticleChange(j1 + k + 1, ADDED, (Piece(ADDED, new[j1 + k]),)))
        for k in range(paired, i2 - i1):
            changes.append(ArticleChange(i1 + k + 1, REMOVED, (Piece(REMOVED, old[i1 + k]),)))
    return changes


ARTICLE_MARK = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+条|\d+[.、．)]|[一二三四五六七八九十]+、)\s*"
)


def split_articles(text: str) -> list[str]:
    """A text pasted from a document, one article per paragraph (lines separated by an empty
    line, or each line starting 第…条 / 1. / 一、). Leading numbers are dropped: linli numbers
    articles itself."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    numbered = sum(1 for line in lines if ARTICLE_MARK.match(line))
    articles: list[str] = []
    current: list[str] = []
    for line in lines:
        starts = numbered >= 2 and ARTICLE_MARK.match(line)
        if not line.strip() or starts:
            if current:
                articles.append("\n".join(current).strip())
            current = []
            if not line.strip():
                continue
        current.append(ARTICLE_MARK.sub("", line, count=1) if starts else line)
    if current:
        articles.append("\n".join(current).strip())
    return [a for a in articles if a]
