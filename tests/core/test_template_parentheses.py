"""Templates never put ASCII "(" ")" around a value they print: Chinese text reads "申报（3）" and
"已通过（张三）", so brackets around a variable or a translated word come from {% paren_open %} and
{% paren_close %}, which follow the reader's language (issue 22 item 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "linli"
TOKEN = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)


def bracketed_values(source: str) -> list[tuple[int, int]]:
    """Positions of the ASCII "(" and ")" pairs written in template text right next to a tag or a
    variable: "({{ n }})", " ({% translate "new" %})", "(k = {{ k }})". Left alone: text inside
    blocktranslate (a msgid, translated with its punctuation), <script>/<style>, HTML tags'
    attributes, and brackets around literal text only."""
    blank = list(source)
    in_block = []
    block_start = None
    for token in TOKEN.finditer(source):
        tag = token.group()[2:-2].strip()
        if tag.startswith("blocktrans"):
            block_start = token.start()
        elif tag.startswith("endblocktrans") and block_start is not None:
            in_block.append((block_start, token.end()))
            block_start = None
        blank[token.start() : token.end()] = "\0" * (token.end() - token.start())
    text = "".join(blank)
    skipped = set()
    for start, end in in_block:
        skipped.update(range(start, end))
    pairs, opened = [], []
    in_tag = in_code = False
    for index, char in enumerate(text):
        if text.startswith(("<script", "<style"), index):
            in_code = True
        elif text.startswith(("</script", "</style"), index):
            in_code = False
        if char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        if in_tag or in_code or index in skipped:
            continue
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            start = opened.pop()
            if text[start + 1 : start + 2] == "\0" or text[index - 1] == "\0":
                pairs.append((start, index))
    return pairs


def shown(source: str) -> list[str]:
    return [source[max(0, start - 10) : end + 12] for start, end in bracketed_values(source)]


def test_the_scanner_itself():
    assert shown("申报 ({{ n }})") == ["申报 ({{ n }})"]
    assert bracketed_values('{{ a }} ({% translate "new" %})') == [(8, 30)]
    assert bracketed_values("{% if k %}(k = {{ k }}){% endif %}") == [(10, 22)]
    assert bracketed_values("{% blocktranslate %}Charter ({{ v }}){% endblocktranslate %}") == []
    assert bracketed_values("<script>f({{ x }})</script>") == []
    assert bracketed_values('<p title="a ({{ x }})">b</p>') == []
    assert bracketed_values("{{ title }} (PDF)") == []
    assert bracketed_values("{% paren_open %}{{ n }}{% paren_close %}") == []


TEMPLATES = sorted([*ROOT.glob("**/templates/**/*.html"), *ROOT.glob("**/templates/**/*.txt")])
# The review board's notice and objections are moving onto disclosure in a parallel branch; its
# one bracketed date is converted where the page lands, not here, so the two changes do not clash.
MOVING = {"reviews/templates/reviews/notice.html"}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_ascii_brackets_around_a_value(path):
    if str(path.relative_to(ROOT)) in MOVING:
        pytest.skip("moving onto disclosure in a parallel branch")
    assert shown(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "申报（3） · 银杏（新）"),
        ("zh-hant", "申報（3） · 银杏（新）"),
        ("en", "Applications (3) · 银杏 (新)"),
    ],
)
def test_brackets_follow_the_language(language, expected):
    template = Template(
        '{% load i18n linli %}{% translate "Applications" %}{% paren_open %}{{ n }}'
        "{% paren_close %} · {{ name }}{% paren_open %}{{ note }}{% paren_close %}"
    )
    with translation.override(language):
        rendered = template.render(Context({"n": 3, "name": "银杏", "note": "新"}))
    assert rendered == expected


def test_an_unknown_side_is_refused():
    from linli.core import punctuation

    with pytest.raises(ValueError, match="unknown parenthesis 'middle'"):
        punctuation.parenthesis("middle")
