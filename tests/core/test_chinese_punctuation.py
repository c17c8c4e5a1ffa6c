"""Chinese text uses Chinese punctuation: no ASCII ":", "," or ";" beside Chinese words, in every zh
catalogue and on key pages as they are rendered (the footer, a figures page, the home page), and
language codes never show as raw codes ("标题: en"). ASCII parentheses never wrap Chinese words
("金额(元)" reads "金额（元）"); they stay around codes ("(PDF)", "(0-100)")."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2] / "linli"
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def ascii_marks(text: str) -> list[str]:
    """The ASCII ":", "," and ";" in Chinese text, each with its neighbours. Left alone: times and
    numbers (12:30, 1,000), addresses (http://), and Latin words ("Authorization: Bearer")."""
    if not CJK.search(text):
        return []
    found = []
    for index, char in enumerate(text):
        if char not in ":,;":
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1 :].lstrip(" ")[:1]
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            continue
        if char == ":" and text[index + 1 : index + 3] == "//":
            continue
        found.append(text[max(0, index - 8) : index + 8])
    return found


def test_the_rule_itself():
    assert ascii_marks("邻里:开源") == ["邻里:开源"]
    assert ascii_marks("您好,请") and ascii_marks("%(a)s, 共") and ascii_marks("第 3 页,共")
    assert ascii_marks("12:30 开始,")
    assert ascii_marks("提出异议;评审会") == ["提出异议;评审会"]
    assert ascii_marks("12:30 开始") == [] and ascii_marks("共 1,000 元") == []
    assert ascii_marks("见 https://x.org 。") == [] and ascii_marks("Hello: world, ok") == []
    assert ascii_marks("发送：Authorization: Bearer 令牌") == []


PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]")


def ascii_parentheses(text: str) -> list[str]:
    """The ASCII "(…)" groups in a translation that wrap Chinese words, or only placeholders (their
    value is read in the reader's language: "已报名（%(status)s）"). Placeholders' own parentheses
    ("%(name)s") and codes in Latin letters ("(PDF)", "(0-100)", "(raking)") are left alone."""
    names = PLACEHOLDER.findall(text)
    marked = PLACEHOLDER.sub("\ue000", text)
    found, opened = [], []
    for index, char in enumerate(marked):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            inner = marked[opened.pop() + 1 : index]
            only_placeholders = inner.strip() and not inner.replace("\ue000", "").strip()
            if CJK.search(inner) or only_placeholders:
                found.append(f"({inner})".replace("\ue000", "%(…)s") if names else f"({inner})")
    return found


def test_the_parentheses_rule_itself():
    assert ascii_parentheses("金额(元)") == ["(元)"]
    assert ascii_parentheses("已报名(%(status)s)。") == ["(%(…)s)"]
    assert ascii_parentheses("上限 %(cap)s 元(还剩 %(left)s 元)") == ["(还剩 %(…)s 元)"]
    assert ascii_parentheses("金额（元）") == [] and ascii_parentheses("打印邀请信(PDF)") == []
    assert ascii_parentheses("得分(0-100)") == [] and ascii_parentheses("%(name)s 您好") == []
    assert ascii_parentheses("迭代比例拟合(raking)") == []


CATALOGUES = sorted(ROOT.glob("**/locale/zh_Han*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_ascii_colon_or_comma_in_chinese_translations(path):
    bad = []
    for entry in polib.pofile(str(path)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            bad += [f"{entry.msgid!r}: {mark!r}" for mark in ascii_marks(text)]
    assert not bad, "\n".join(bad[:20])


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_ascii_parentheses_around_chinese_in_translations(path):
    bad = [
        f"{entry.msgid!r}: {group!r}"
        for entry in polib.pofile(str(path))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        for group in ascii_parentheses(text)
    ]
    assert bad == []


def test_the_catalogues_were_found():
    assert len(CATALOGUES) >= 30


def test_partners_is_translated_in_traditional_chinese():
    from django.utils import translation

    with translation.override("zh-hant"):
        assert translation.gettext("Partners") == "合作夥伴"
        assert translation.gettext("Menu") == "選單"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_key_pages_render_chinese_punctuation(community, organiser, language):
    client = client_for(organiser)
    client.cookies["linli_language"] = language
    pages = [
        f"/c/{community.slug}/",
        f"/c/{community.slug}/sharing/figures/",
        f"/c/{community.slug}/manage/",
        "/me/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        body = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
        text = re.sub(r"<[^>]+>", "\n", body)
        marks = [mark for line in text.splitlines() for mark in ascii_marks(line.strip())]
        assert not marks, (url, marks[:10])
        assert not re.search(r"[\u4e00-\u9fff][：:] ?(en|zh-hans|zh-hant)\b", text), url


DEMO_TEXT_MODULES = sorted(
    [*ROOT.glob("*/demo.py"), *ROOT.glob("*/demo/*.py"), *ROOT.glob("scale/*.py")]
)


def chinese_literals(path: Path) -> list[str]:
    """String literals of a module that are mostly Chinese (demo texts residents read), not the
    English docstrings that name a Chinese place."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            chinese = len(CJK.findall(node.value))
            latin = len(re.findall(r"[A-Za-z]", node.value))
            if chinese and chinese >= latin:
                found.append(node.value)
    return found


@pytest.mark.parametrize("path", DEMO_TEXT_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_demo_texts_use_chinese_punctuation(path):
    assert [mark for text in chinese_literals(path) for mark in ascii_marks(text)] == []
