"""What staff may type for a mark on a paper sheet."""

from __future__ import annotations

import re

import pytest

from linli.opinions import paper


@pytest.mark.parametrize(
    ("typed", "vote"),
    [("同意", 1), ("√", 1), (" 1 ", 1), ("A", 1), ("不同意", -1), ("×", -1), ("-1", -1),
     ("跳过", 0), ("?", 0), ("0", 0), ("", None), ("   ", None)],
)  # fmt: skip
def test_marks_are_read(typed, vote):
    assert paper.read_mark(typed) == vote


@pytest.mark.parametrize("typed", ["maybe", "2", "同意不同意", "--"])
def test_anything_else_is_a_bad_mark(typed):
    # The error carries what was typed, so the sheet's page can point at that cell.
    with pytest.raises(paper.BadMark, match=f"^{re.escape(typed)}$"):
        paper.read_mark(typed)
