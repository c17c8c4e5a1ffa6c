"""An organiser builds a bilingual survey with skip logic; a resident answers it in Traditional
Chinese with the keyboard only; staff type in a paper form; the organiser reads the results and
exports them to Excel. axe-core on every page type."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from linli.surveys.models import Response, Survey
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def local(dt) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def tab_to(page, selector: str, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element matching ``selector`` has the focus - as a keyboard user does."""
    for _i in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_survey_from_builder_to_excel(
    browser, live_server, community, organiser, leader, resident, household
):
    def new_page(email: str, locale: str = "zh-CN"):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale=locale, viewport={"width": 1000, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    # --- the organiser builds a bilingual survey with skip logic ------------------------------
    org = new_page(organiser.email)
    org.goto(f"/c/{community.slug}/surveys/")
    check_axe(org, "survey list")
    org.click("main a:has-text('新建问卷')")
    check_axe(org, "new survey form")
    org.fill("#id_title_zh-hans", "院坝改造意见")
    org.fill("#id_title_en", "Courtyard works")
    org.fill("#id_opens_at", local(timezone.now() - timedelta(hours=1)))
    org.fill("#id_closes_at", local(timezone.now() - timedelta(hours=2)))
    org.click("main button[type=submit]:has-text('创建并添加问题')")
    expect(org.locator(".error-summary, .error").first).to_be_visible()  # closes before it opens
    assert org.input_value("#id_title_en") == "Courtyard works"
    org.fill("#id_closes_at", local(timezone.now() + timedelta(days=7)))
    org.click("main button[type=submit]:has-text('创建并添加问题')")
    org.wait_for_url("**/build/")
    check_axe(org, "survey builder")
    org.click("main a:has-text('在这里添加题目')")
    check_axe(org, "question form")
    org.check("#kind-single")  # the kind first; the next step shows only what it needs
    org.click("main form[method=get] button[type=submit]")
    org.check("#id_required")
    org.fill("#id_text_zh-hans", "您常去院坝吗？")
    org.fill("#id_text_en", "Do you use the courtyard?")
    org.fill("#id_options_zh-hans", "常去\n不去")
    org.fill("#id_options_en", "Yes\nNo")
    org.click("main button:has-text('保存并继续添加')")
    org.wait_for_url("**/questions/new/**")
    org.check("#kind-long_text")
    org.click("main form[method=get] button[type=submit]")
    org.fill("#id_text_zh-hans", "您在院坝做什么？")
    org.select_option("#id_show_if", "q1:o1")
    org.click("main button:has-text('保存'):not(:has-text('继续'))")
    org.wait_for_url("**/build/**")
    assert "缺少翻译" in org.content()  # the second question has no English yet
    shot(org, "surveys-builder-zh-hans")
    org.click("main button:has-text('发布问卷')")
    assert "问卷已发布" in org.content()
    survey = Survey.objects.get()
    assert survey.status == "published" and survey.questions.count() == 2

    # --- a resident answers in Traditional Chinese, with the keyboard only -------------------
    res = new_page(resident.email, "zh-TW")
    res.goto(f"/c/{community.slug}/surveys/{survey.pk}/")
    res.click("button[lang='zh-hant']")
    check_axe(res, "survey page")
    assert "院壩改造意見" in res.content()  # converted by OpenCC
    tab_to(res, "a.button[href$='/answer/']")
    res.keyboard.press("Enter")
    res.wait_for_url("**/answer/")
    check_axe(res, "answer page")
    assert not res.locator("#field-q2").is_visible()  # skip logic: asked only after 常去
    tab_to(res, "input[name=q1]")
    res.keyboard.press("Space")  # the first option, 常去
    expect(res.locator("#field-q2")).to_be_visible()
    tab_to(res, "textarea[name=q2]")
    res.keyboard.type("晒太阳，下棋")
    tab_to(res, "button[value=next]")
    res.keyboard.press("Enter")
    res.wait_for_url("**/thanks/")
    check_axe(res, "thanks page")
    shot(res, "surveys-thanks-zh-hant")
    assert "謝謝" in res.content()

    # --- staff type in a paper form; a bad value is refused and nothing typed is lost ---------
    staff = new_page(leader.email)
    staff.goto(f"/c/{community.slug}/surveys/{survey.pk}/enter/")
    check_axe(staff, "paper entry")
    staff.fill("#id_paper_ref", "P-001")
    staff.click("main button:has-text('保存这份问卷')")
    assert "请回答这道题" in staff.content()
    assert staff.input_value("#id_paper_ref") == "P-001"
    staff.check("#q1-o2")
    staff.click("main button:has-text('保存这份问卷')")
    assert "已保存" in staff.content()
    assert Response.objects.filter(channel="paper", entered_by=leader).count() == 1

    # --- the organiser reads the results in English and exports them -------------------------
    org.goto(f"/c/{community.slug}/surveys/{survey.pk}/results/")
    org.click("button[lang='en']")
    check_axe(org, "results")
    shot(org, "surveys-results-en")
    table = org.locator("table").first.inner_text()
    assert "Yes" in table and "No" in table
    assert "晒太阳，下棋" in org.content()  # organisers read written answers
    with org.expect_download() as download:
        org.click("main a:has-text('Excel (English)')")
    # openpyxl goes by the file name's extension, which a download's temporary path lacks.
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][6:] == ["Q1 Do you use the courtyard?", "Q2 您在院坝做什么？"]
    assert sorted((r[2], r[6]) for r in rows[1:]) == [("online", "Yes"), ("paper", "No")]
