"""A resident registers asking for an interpreter and childcare; the organiser marks both arranged,
checks the resident in with the typed code, and writes minutes with a decision and an action item.
axe-core on every page type."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.meetings.models import Accommodation, ActionItem, Registration
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD
from tests.meetings.conftest import make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_with_needs_arrange_check_in_and_minutes(
    browser, live_server, community, organiser, resident
):
    meeting = make_meeting(community, organiser, capacity=20)

    def new_page(email: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 420, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    # --- the resident, on a phone-sized screen -------------------------------------------------
    res = new_page(resident.email)
    res.goto(f"/c/{community.slug}/meetings/")
    check_axe(res, "meeting list")
    res.click(f"text={meeting.title}")
    check_axe(res, "meeting page")
    res.check("#id_interpreter")
    res.click("main button[type=submit]:has-text('报名')")
    expect(res.locator(".error-summary")).to_be_visible()  # no language given
    assert res.is_checked("#id_interpreter")
    res.fill("#id_interpreter_language", "藏语")
    res.check("#id_childcare")
    res.fill("#id_childcare_ages", "4岁和8岁")
    res.click("main button[type=submit]:has-text('报名')")
    res.locator(".qr svg").first.wait_for()
    check_axe(res, "registered")
    shot(res, "meetings-registered-phone")
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert sorted(a.kind for a in registration.accommodations.all()) == ["childcare", "interpreter"]
    res.click("text=打印我的入场凭证")
    check_axe(res, "ticket")

    # --- the organiser arranges, checks in, writes minutes -----------------------------------
    org = new_page(organiser.email)
    org.set_viewport_size({"width": 1100, "height": 900})
    org.goto(f"/c/{community.slug}/meetings/{meeting.pk}/people/")
    assert "还有 2 项帮助需求没有安排" in org.content()
    check_axe(org, "people and needs")
    org.click("main button:has-text('标为已安排') >> nth=0")
    org.click("main button:has-text('标为已安排') >> nth=0")
    org.locator("text=需要安排的帮助").wait_for()
    assert "没有安排" not in org.content()
    assert Accommodation.objects.filter(arranged_at__isnull=False).count() == 2
    shot(org, "meetings-people")

    org.goto(f"/c/{community.slug}/meetings/{meeting.pk}/check-in/")
    check_axe(org, "check-in")
    org.fill("#id_code", "WRONGCODE2")
    org.click("main button:has-text('签到') >> nth=0")
    expect(org.locator(".error-summary")).to_be_visible()
    org.fill("#id_code", registration.code)
    org.click("#code-form button[type=submit]")
    org.locator(".message").wait_for()
    assert "欢迎" in org.content()
    org.fill("#id_code", registration.code)
    org.click("#code-form button[type=submit]")
    assert "已经用过" in org.content()
    shot(org, "meetings-checkin")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None

    org.goto(f"/c/{community.slug}/meetings/{meeting.pk}/minutes/")
    check_axe(org, "minutes form")
    org.fill("#id_agenda", "院坝排水\n墙绘")
    org.fill("#id_summary", "大家都说下雨天院坝积水。")
    org.fill("#id_decisions", "先修院坝排水")
    org.click("main button:has-text('向社区发布')")
    org.locator("text=会议纪要已发布").wait_for()
    org.fill("#id_item-text", "联系物业勘察排水沟")
    org.fill("#id_item-owner_name", "梧桐院护卫队")
    org.fill("#id_item-due_on", "2030-05-01")
    org.click("main button:has-text('添加这项待办')")
    org.locator("text=待办事项已添加").wait_for()
    assert ActionItem.objects.get().who == "梧桐院护卫队"

    # --- everyone reads the minutes -----------------------------------------------------------
    res.goto(f"/c/{community.slug}/meetings/{meeting.pk}/")
    assert "先修院坝排水" in res.content() and "联系物业勘察排水沟" in res.content()
    check_axe(res, "published minutes")
    shot(res, "meetings-minutes-phone")
    res.goto(f"/c/{community.slug}/meetings/actions/")
    check_axe(res, "action items")
