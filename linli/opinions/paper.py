"""Reading what a resident marked on a printed statement sheet, one line per statement.

Staff type what the sheet shows: a tick or 同意 for agree, a cross or 不同意 for disagree, a
question mark or 跳过 for pass, nothing for a statement left blank. Pure Python, no Django: the
form uses it to mark the lines it cannot read, keeping everything typed."""

from __future__ import annotations

AGREE, DISAGREE, PASS = 1, -1, 0

MARKS = {
    AGREE: ("1", "+1", "+", "a", "y", "yes", "agree", "√", "✓", "✔", "同意", "赞成", "是", "对"),
    DISAGREE: ("-1", "-", "d", "n", "no", "disagree", "x", "×", "✗", "✘", "不同意", "反对", "否"),
    PASS: ("0", "p", "?", "？", "pass", "skip", "unsure", "跳过", "不确定", "弃权", "不知道", "/"),
}
_BY_MARK = {mark: choice for choice, marks in MARKS.items() for mark in marks}


class BadMark(ValueError):
    """A line that is neither blank nor one of the marks above."""


def read_mark(text: str) -> int | None:
    """The vote a typed mark stands for (1, -1, 0), None for a blank line; BadMark otherwise."""
    mark = text.strip().lower()
    if not mark:
        return None
    if mark in _BY_MARK:
        return _BY_MARK[mark]
    raise BadMark(mark)
