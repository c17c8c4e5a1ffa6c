"""Templates never write ASCII ":" or list separators between a label and a value: the separator
follows the reader's language ({% colon %}, {% list_sep %}, |listing), so a Chinese page reads
"结果：…" and "甲、乙", an English one "Results: …" and "A, B" (issue 22 item 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "linli"
TOKEN = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})", re.S)


def literal_separators(source: str) -> list[str]:
    """Text right after a template tag or variable that starts with an ASCII ":" (a label joined
    to a value) or is a bare ", " / "; " between loop items. Text inside blocktranslate is a
    msgid (its translation carries its own punctuation), and <script>/<style> are code."""
    found = []
    parts = TOKEN.split(source)
    in_block = 0
    previous = ""
    for index, part in enumerate(parts):
        if index % 2:
            tag = part[2:-2].strip()
            if tag.startswith("blocktrans"):
                in_block += 1
            elif tag.startswith("endblocktrans"):
                in_block -= 1
            previous = tag
            continue
        before = "".join(parts[:index])
        in_code = before.rfind("<script") > before.rfind("</script") or before.rfind(
            "<style"
        ) > before.rfind("</style")
        if index == 0 or in_block or in_code:
            continue
        if part.startswith(":") and (part[1:2].isspace() or part[1:2] in ("<", "")):
            found.append(f"{previous} → {part[:20]!r}")
        elif re.search(r">:\s*$", part):  # "<span>: {{ value }}" inside an element
            found.append(f"{previous} → {part[-20:]!r}")
        elif previous.startswith("endblocktrans") and re.match(r"\s*[,;.:](\s|<|$)", part):
            # between translated pieces of one sentence: {% list_sep "clause" %}, "stop"...
            found.append(f"{previous} → {part!r}")
        elif previous == "if not forloop.last" and part in (", ", "; "):
            found.append(f"{previous} → {part!r}")
    if '|join:", "' in source:
        found.append('|join:", "')
    return found


def test_the_scanner_itself():
    assert literal_separators('{% translate "Results" %}: {{ x }}') == [
        "translate \"Results\" → ': '"
    ]
    assert literal_separators("{% if not forloop.last %}, {% endif %}")
    assert literal_separators('{{ a|join:", " }}')
    assert (
        literal_separators("{% blocktranslate %}In {{ y }}: {{ n }}{% endblocktranslate %}") == []
    )
    assert literal_separators('{% translate "Results" %}{% colon %}{{ x }}') == []
    assert literal_separators("<script>var a = {{ x }}: 1</script>") == []
    assert literal_separators('{% translate "Not quorate" %}:\n  {{ n }}')
    assert literal_separators("{% blocktranslate %}a{% endblocktranslate %}, {% blocktranslate %}")
    assert literal_separators(
        '{% translate "Read" %}<span class="visually-hidden">: {{ t }}</span>'
    )


TEMPLATES = sorted([*ROOT.glob("**/templates/**/*.html"), *ROOT.glob("**/templates/**/*.txt")])


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_literal_separator_after_a_tag(path):
    assert literal_separators(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "结果：银杏 · 甲、乙 · 甲；乙 · 甲、乙"),
        ("zh-hant", "結果：银杏 · 甲、乙 · 甲；乙 · 甲、乙"),
        ("en", "Results: 银杏 · 甲, 乙 · 甲; 乙 · 甲, 乙"),
    ],
)
def test_separators_follow_the_language(language, expected):
    template = Template(
        '{% load i18n %}{% translate "Results" %}{% colon %}{{ t }} · '
        "{% for n in names %}{{ n }}{% if not forloop.last %}{% list_sep %}{% endif %}{% endfor %} · "
        '{% for n in names %}{{ n }}{% if not forloop.last %}{% list_sep "semicolon" %}{% endif %}'
        "{% endfor %} · {{ names|listing }}"
    )
    with translation.override(language):
        assert template.render(Context({"t": "银杏", "names": ["甲", "乙"]})) == expected


def test_an_unknown_separator_is_refused():
    from linli.core import punctuation

    with pytest.raises(ValueError, match="unknown separator 'dash'"):
        punctuation.mark("dash")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "0–10，×3.00"), ("zh-hant", "0–10，×3.00"), ("en", "0–10, ×3.00")],
)
def test_a_clause_separator_joins_facts_about_one_thing(language, expected):
    """A criterion's range and weight in a results table header: "，" in Chinese, not "、"."""
    template = Template('{% load linli %}0–10{% list_sep "clause" %}×3.00')
    with translation.override(language):
        assert template.render(Context({})) == expected
