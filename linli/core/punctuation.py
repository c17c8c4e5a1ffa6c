"""Punctuation that follows the reader's language.

Templates join a translated label and a value ("结果：…", "Results: …") and list names ("甲、乙",
"A, B"), and put a note in brackets after a value ("申报（3）", "Applications (3)"). Writing ": ",
", " or " (" in the template puts ASCII punctuation into Chinese text, so the mark is chosen at
render time from the active language instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation

# "comma" lists things of one kind (甲、乙); "clause" joins different facts about one thing
# ("0–10，×3").
# "stop" ends a sentence put together from translated pieces.
_CHINESE = {"colon": "：", "comma": "、", "clause": "，", "semicolon": "；", "stop": "。"}
_OTHER = {"colon": ": ", "comma": ", ", "clause": ", ", "semicolon": "; ", "stop": "."}
# The opening bracket takes the place of the space before it: Chinese sets "（" with no space.
_CHINESE_PARENS = {"open": "（", "close": "）"}
_OTHER_PARENS = {"open": " (", "close": ")"}


def reads_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def mark(kind: str) -> str:
    """The separator ``kind`` ("colon", "comma", "clause", "semicolon" or "stop") in the
    reader's language."""
    marks = _CHINESE if reads_chinese() else _OTHER
    if kind not in marks:
        raise ValueError(f"unknown separator {kind!r}: use one of {sorted(marks)}")
    return marks[kind]


def parenthesis(side: str) -> str:
    """The ``side`` ("open" or "close") of brackets around a note, in the reader's language."""
    marks = _CHINESE_PARENS if reads_chinese() else _OTHER_PARENS
    if side not in marks:
        raise ValueError(f"unknown parenthesis {side!r}: use 'open' or 'close'")
    return marks[side]


def listing(items: Iterable[object]) -> str:
    """Items as one list the way the reader's language writes one ("甲、乙" or "A, B")."""
    return mark("comma").join(str(item) for item in items)
