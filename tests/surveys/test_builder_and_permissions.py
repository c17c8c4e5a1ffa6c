"""Organisers build a bilingual survey through the pages; every page against every role; the API."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.surveys import services
from linli.surveys.models import Question, Survey
from tests.conftest import make_person

from .conftest import en_client, full_survey, good_answers, make_survey


def test_organiser_builds_a_bilingual_survey_with_skip_logic(community, organiser):
    client = en_client(organiser)
    created = client.post(
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
    survey = Survey.objects.get()
    assert created.url.endswith(f"/surveys/{survey.pk}/build/")
    assert survey.title == {"zh-hans": "垃圾分类意见", "en": "Sorting rubbish"}
    section = survey.sections.get()
    url = f"/c/{community.slug}/surveys/{survey.pk}/questions/new/"
    first = client.post(
        url,
        {
            "kind": "single",
            "section": section.pk,
            "required": "on",
            "text_zh-hans": "您分类吗？",
            "text_en": "Do you sort?",
            "options_zh-hans": "分\n不分",
            "options_en": "Yes\nNo",
        },
    )
    assert first.status_code == 302
    # Options misaligned between languages: refused, and what was typed stays on the page.
    misaligned = client.post(
        url,
        {
            "kind": "multiple",
            "section": section.pk,
            "text_zh-hans": "为什么不分？",
            "options_zh-hans": "麻烦\n不懂\n没地方",
            "options_en": "Bother\nDon't know",
        },
    )
    page = misaligned.content.decode()
    assert misaligned.status_code == 200 and "as many lines" in page and "没地方" in page
    second = client.post(
        url,
        {
            "kind": "multiple",
            "section": section.pk,
            "text_zh-hans": "为什么不分？",
            "options_zh-hans": "麻烦\n不懂\n没地方",
            "show_if": ["q1:o2"],
        },
    )
    assert second.status_code == 302
    q2 = Question.objects.get(key="q2")
    assert q2.show_if == {"question": "q1", "any_of": ["o2"]}
    assert [o.text for o in q2.options.all()] == [
        {"zh-hans": "麻烦"},
        {"zh-hans": "不懂"},
        {"zh-hans": "没地方"},
    ]
    build = client.get(f"/c/{community.slug}/surveys/{survey.pk}/build/").content.decode()
    assert "Translations missing" in build and "missing: English" in build
    assert "Asked only when the answer to Q1 is: No" in build
    # Skip logic may not point at a later question: moving q2 above q1 is refused.
    moved = client.post(
        f"/c/{community.slug}/surveys/{survey.pk}/items/",
        {"kind": "question", "id": q2.pk, "action": "up"},
        follow=True,
    )
    assert "before the answer its skip logic depends on" in moved.content.decode()
    assert (
        client.post(
            f"/c/{community.slug}/surveys/{survey.pk}/status/", {"action": "publish"}
        ).status_code
        == 302
    )
    assert Survey.objects.get().status == "published"


def test_bad_question_settings_are_explained(community, organiser):
    survey = make_survey(community, organiser)
    section = survey.sections.get()
    response = en_client(organiser).post(
        f"/c/{community.slug}/surveys/{survey.pk}/questions/new/",
        {
            "kind": "scale",
            "section": section.pk,
            "text_zh-hans": "打分",
            "min_value": "1",
            "max_value": "50",
        },
    )
    assert "at most 11 whole numbers" in response.content.decode()
    response = en_client(organiser).post(
        f"/c/{community.slug}/surveys/{survey.pk}/questions/new/",
        {
            "kind": "single",
            "section": section.pk,
            "text_zh-hans": "只有一个",
            "options_zh-hans": "唯一",
        },
    )
    assert "at least two options" in response.content.decode()
    assert not Question.objects.exists()


def test_questions_are_frozen_once_someone_answered(survey, community, organiser, resident):
    services.submit(resident, survey, good_answers(community))
    question = survey.questions.first()
    response = en_client(organiser).get(
        f"/c/{community.slug}/surveys/{survey.pk}/questions/{question.pk}/", follow=True
    )
    assert "can no longer change" in response.content.decode()


ROLES = [
    "site_admin",
    "community_admin",
    "organiser",
    "leader",
    "resident",
    "pending",
    "outsider",
    "anonymous",
]
OK, LOGIN, DENIED, GONE = 200, 302, 403, 404
MANAGER = [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN]
STAFF = [OK, OK, OK, OK, DENIED, DENIED, DENIED, LOGIN]
EVERYONE = [OK] * 8
PAGES = {
    "/c/{slug}/surveys/": EVERYONE,
    "/c/{slug}/surveys/{open}/": EVERYONE,
    "/c/{slug}/surveys/{draft}/": [OK, OK, OK, GONE, GONE, GONE, GONE, GONE],
    "/c/{slug}/surveys/{open}/paper/zh-hans.pdf": EVERYONE,
    "/c/{slug}/surveys/{open}/results/": [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/c/{slug}/surveys/new/": MANAGER,
    "/c/{slug}/surveys/import/": MANAGER,
    "/c/{slug}/surveys/{open}/edit/": MANAGER,
    "/c/{slug}/surveys/{open}/build/": MANAGER,
    "/c/{slug}/surveys/{draft}/questions/new/": MANAGER,
    "/c/{slug}/surveys/{draft}/sections/new/": MANAGER,
    "/c/{slug}/surveys/{open}/definition.json": MANAGER,
    "/c/{slug}/surveys/{open}/export.xlsx": MANAGER,
    "/c/{slug}/surveys/{open}/enter/": STAFF,
}


@pytest.fixture
def everyone(people, site_admin, community):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    return {**people, "site_admin": site_admin, "pending": pending}


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_for_every_role(path, everyone, community, organiser):
    ids = {
        "open": full_survey(community, organiser).pk,
        "draft": full_survey(community, organiser, publish=False).pk,
    }
    url = path.format(slug=community.slug, **ids)
    for role, expected in zip(ROLES, PAGES[path], strict=True):
        status = en_client(everyone[role]).get(url).status_code
        assert status == expected, f"{role} on {url}: {status}, expected {expected}"


def test_posts_are_checked_on_the_server(community, organiser, leader, resident):
    survey = full_survey(community, organiser)
    for user in [leader, resident]:
        client = en_client(user)
        assert (
            client.post(
                f"/c/{community.slug}/surveys/{survey.pk}/status/", {"action": "cancel"}
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"/c/{community.slug}/surveys/{survey.pk}/items/",
                {"kind": "question", "id": 1, "action": "delete"},
            ).status_code
            == 403
        )
    assert (
        en_client(resident)
        .post(f"/c/{community.slug}/surveys/{survey.pk}/enter/", {"channel": "paper"})
        .status_code
        == 403
    )
    assert Survey.objects.get(pk=survey.pk).status == "published"


def test_api_lists_answers_and_reports(community, organiser, resident, outsider):
    survey = full_survey(community, organiser)
    draft = full_survey(community, organiser, publish=False)
    listed = en_client(None).get(f"/api/communities/{community.slug}/surveys").json()
    assert [s["id"] for s in listed] == [survey.pk]
    assert (
        en_client(None).get(f"/api/communities/{community.slug}/surveys/{draft.pk}").status_code
        == 404
    )
    detail = (
        en_client(None).get(f"/api/communities/{community.slug}/surveys/{survey.pk}?lang=en").json()
    )
    assert (
        detail["definition"]["sections"][0]["questions"][0]["label"] == "Do you use the courtyard?"
    )
    url = f"/api/communities/{community.slug}/surveys/{survey.pk}/responses"
    bad = en_client(resident).post(
        url, {"answers": {"q1": "o2", "q3": ["o1"]}}, content_type="application/json"
    )
    assert bad.status_code == 400 and "q3" in bad.json()["problems"]
    ok = en_client(resident).post(url, {"answers": {"q1": "o2"}}, content_type="application/json")
    assert ok.status_code == 200 and ok.json() == {"replaced": False}
    assert (
        en_client(outsider)
        .post(url, {"answers": {"q1": "o2"}}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        en_client(None)
        .post(url, {"answers": {"q1": "o2"}}, content_type="application/json")
        .status_code
        == 401
    )
    results_url = f"/api/communities/{community.slug}/surveys/{survey.pk}/results"
    assert en_client(resident).get(results_url).status_code == 403
    report = en_client(organiser).get(results_url).json()
    assert report["responses"] == 1 and report["questions"][0]["rows"][1] == {
        "label": "No",
        "count": 1,
    }


def test_open_now_and_project_links(community, organiser, resident):
    from linli.core.open_now import open_items
    from linli.engagement.links import linked_items
    from tests.engagement.conftest import make_project

    project = make_project(community, organiser, title="院坝项目")
    survey = full_survey(community, organiser, project=project)
    items = open_items(community, resident)
    assert [i.title for i in items if i.kind == "Survey"] == ["Courtyard survey"]
    linked = linked_items(project)
    assert [(i.title, i.is_open, i.kind) for i in linked] == [("Courtyard survey", True, "Survey")]
    services.submit(resident, survey, {"q1": "o2"})
    assert [i.summary for i in open_items(community, resident) if i.kind == "Survey"] == [
        "You have answered."
    ]
