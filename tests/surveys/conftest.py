"""A bilingual survey with sections, skip logic and every kind of question, built through the
services as an organiser would. Messages are checked in English here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from linli.core.models import Community, User
from linli.surveys import services
from linli.surveys.models import Question, Section, Survey


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    """Open-link answer limits are counted in the cache, which outlives a test's database."""
    from django.core.cache import cache

    cache.clear()


def t(zh: str, en: str = "") -> dict[str, str]:
    return {"zh-hans": zh, **({"en": en} if en else {})}


def add_question(
    organiser: User,
    survey: Survey,
    section: Section,
    kind: str,
    text: dict[str, str],
    options: list[dict[str, str]] | None = None,
    **fields: Any,
) -> Question:
    rows = fields.pop("rows", None)
    question = Question(survey=survey, section=section, kind=kind, text=text, **fields)
    return services.save_question(organiser, survey, question, options or [], rows)


def make_survey(
    community: Community, organiser: User, mode: str = Survey.Mode.IDENTIFIED, **fields: Any
) -> Survey:
    now = timezone.now()
    survey = Survey(
        title=t("院坝改造意见调查", "Courtyard survey"),
        languages=["zh-hans", "en"],
        mode=mode,
        opens_at=fields.pop("opens_at", now - timedelta(days=1)),
        closes_at=fields.pop("closes_at", now + timedelta(days=10)),
        **fields,
    )
    return services.create_survey(organiser, community, survey)


def full_survey(
    community: Community,
    organiser: User,
    mode: str = Survey.Mode.IDENTIFIED,
    publish: bool = True,
    **fields: Any,
) -> Survey:
    """q1 single (o1 yes / o2 no), q2 long text asked only if q1 = yes; section s2 (asked only if
    q1 = yes): q3 multiple (at most 2), q4 scale 1-5; section s3: q5 number 0-120, q6 ranking,
    q7 matrix, q8 date, q9 courtyard, q10 short text (at most 20 characters)."""
    survey = make_survey(community, organiser, mode, **fields)
    s1 = survey.sections.get()
    q1 = add_question(
        organiser,
        survey,
        s1,
        "single",
        t("您常去院坝吗？", "Do you use the courtyard?"),
        [t("常去", "Yes"), t("不去", "No")],
        required=True,
    )
    add_question(
        organiser,
        survey,
        s1,
        "long_text",
        t("您在院坝做什么？", "What do you do there?"),
        show_if={"question": q1.key, "any_of": ["o1"]},
    )
    s2 = services.save_section(
        organiser,
        survey,
        Section(title=t("院坝使用", "Using it"), show_if={"question": q1.key, "any_of": ["o1"]}),
    )
    add_question(
        organiser,
        survey,
        s2,
        "multiple",
        t("有哪些问题？", "What is wrong?"),
        [t("积水", "Puddles"), t("太暗", "Too dark"), t("没座椅", "No seats")],
        max_value=2,
        required=True,
    )
    add_question(
        organiser,
        survey,
        s2,
        "scale",
        t("满意度", "Satisfaction"),
        min_value=1,
        max_value=5,
        required=True,
    )
    s3 = services.save_section(organiser, survey, Section(title=t("关于您", "About you")))
    add_question(
        organiser, survey, s3, "number", t("您的年龄", "Your age"), min_value=0, max_value=120
    )
    add_question(
        organiser,
        survey,
        s3,
        "ranking",
        t("先做什么", "What first"),
        [t("排水", "Drainage"), t("照明", "Lighting"), t("座椅", "Seats")],
    )
    add_question(
        organiser,
        survey,
        s3,
        "matrix",
        t("方便的时间", "Good times"),
        [t("方便", "Yes"), t("不方便", "No")],
        rows=[t("白天", "Day"), t("晚上", "Evening")],
    )
    add_question(organiser, survey, s3, "date", t("哪天方便", "Which day suits you"))
    add_question(
        organiser, survey, s3, "place", t("您住哪个院", "Your courtyard"), place_kind="area"
    )
    add_question(
        organiser, survey, s3, "short_text", t("一句话建议", "One suggestion"), max_length=20
    )
    if publish:
        services.publish(organiser, survey)
    return survey


def good_answers(community: Community) -> dict[str, Any]:
    from linli.core.models import Place

    courtyard = Place.objects.filter(community=community, kind=Place.Kind.AREA).first()
    return {
        "q1": "o1",
        "q2": "晒太阳",
        "q3": ["o1", "o2"],
        "q4": 4,
        "q5": 67,
        "q6": ["o2", "o1"],
        "q7": {"r1": "o1", "r2": "o2"},
        "q8": "2026-12-01",
        "q9": courtyard.pk if courtyard else "",
        "q10": "多装灯",
    }


@pytest.fixture
def survey(community: Community, organiser: User, household: Any) -> Survey:
    return full_survey(community, organiser)


def en_client(user: User | None):  # type: ignore[no-untyped-def]
    """A browser session reading English (residents here default to Chinese)."""
    from django.conf import settings

    from tests.conftest import client_for

    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
