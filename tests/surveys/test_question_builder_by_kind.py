"""Issue 22, item 7: the question builder asks for the kind first, then shows only what that
kind needs; what was typed for another kind is not saved; sections are named in the reader's
language."""

from __future__ import annotations

import pytest
from django.utils import translation

from linli.surveys.models import Question, Survey

from .conftest import en_client


@pytest.fixture
def draft(community, organiser) -> Survey:
    en_client(organiser).post(
        f"/c/{community.slug}/surveys/new/",
        {
            "survey_languages": ["zh-hans", "en"],
            "title_zh-hans": "垃圾分类意见",
            "title_en": "Sorting rubbish",
            "mode": "identified",
            "opens_at": "2026-01-01T09:00",
            "closes_at": "2030-01-01T09:00",
        },
    )
    return Survey.objects.get()


def _visible(page: str, name: str) -> bool:
    """Whether the field's box is shown (not ``hidden``)."""
    at = page.index(f'name="{name}"')
    box = page.rindex('<div class="kind-field"', 0, at)
    return " hidden>" not in page[box : page.index(">", box) + 1]


def test_the_kind_comes_first_then_only_its_fields(community, organiser, draft):
    client = en_client(organiser)
    url = f"/c/{community.slug}/surveys/{draft.pk}/questions/new/"
    first = client.get(url).content.decode()
    assert "What kind of question is it?" in first and 'name="options_en"' not in first
    single = client.get(url + "?kind=single").content.decode()
    assert _visible(single, "options_en") and _visible(single, "text_en")
    for other in ("min_length", "max_value", "low_label_en", "rows_en", "place_kind"):
        assert not _visible(single, other), other
    scale = client.get(url + "?kind=scale").content.decode()
    assert _visible(scale, "low_label_en") and _visible(scale, "max_value")
    assert "Highest rating" in scale and not _visible(scale, "options_en")


def test_fields_of_another_kind_are_not_saved(community, organiser, draft):
    section = draft.sections.get()
    response = en_client(organiser).post(
        f"/c/{community.slug}/surveys/{draft.pk}/questions/new/",
        {
            "kind": "single",
            "section": section.pk,
            "text_zh-hans": "您分类吗？",
            "options_zh-hans": "分\n不分",
            "min_length": "5",  # left over from "short text" before the kind was changed
            "max_value": "3",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.min_length is None and question.max_value is None


def test_an_untitled_section_is_named_in_chinese(community, organiser, draft):
    client = en_client(organiser)
    client.cookies["linli_language"] = "zh-hans"
    with translation.override("zh-hans"):
        page = client.get(
            f"/c/{community.slug}/surveys/{draft.pk}/questions/new/?kind=date"
        ).content.decode()
    assert "第1部分" in page and "Part 1" not in page
