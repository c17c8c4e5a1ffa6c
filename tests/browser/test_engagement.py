"""An organiser plans a project with phases and an equity plan, sees the warnings, opens it and
publishes a report-back; a resident follows it in zh-Hant and in English; axe-core on each page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from linli.core.models import Notification, Partner
from linli.engagement.models import Project, ReportBack
from linli.participation.services import record
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_plans_opens_and_reports_back_and_a_resident_follows(page, community):
    household = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    make_household(community, ["槐树院", "2栋", "1单元", "202"])
    Partner.objects.create(community=community, name="西华大学", kind="university")
    organiser = make_person(community, "org@test.org", "organiser")
    resident = make_person(community, "res@test.org", household=household, language="zh-hant")
    today = date.today()

    login(page, organiser.email, PASSWORD)
    page.wait_for_url(f"**/c/{community.slug}/manage/")
    page.goto(f"/c/{community.slug}/engagement/manage/")
    check_axe(page, "organiser project list")
    page.click("text=新建项目")
    check_axe(page, "new project")
    page.fill("#id_title", "院坝和步道改造")
    page.fill("#id_purpose", "院坝积水，老人容易滑倒。")
    page.fill("#id_decision", "院坝和步道先改哪些。")
    page.check("input[name=level][value=consult]")
    page.fill("#id_starts_on", (today - timedelta(days=10)).isoformat())
    page.fill("#id_ends_on", (today + timedelta(days=80)).isoformat())
    page.check("text=梧桐院 1栋")
    page.check("text=西华大学")
    page.check("input[name=methods][value=courtyard_meetings]")
    page.check("input[name=methods][value=home_visits]")
    page.fill("#id_budget", "80000")
    shot(page, "engagement-new-project")
    page.click("main button[type=submit]")
    page.wait_for_url("**/phases/")
    check_axe(page, "phases")
    # a phase that ends before it starts is refused, with the error linked to its field
    page.select_option("#id_phase-0-kind", "publicise")
    page.fill("#id_phase-0-name", "宣讲会")
    page.fill("#id_phase-0-starts_on", (today - timedelta(days=10)).isoformat())
    page.fill("#id_phase-0-ends_on", (today - timedelta(days=12)).isoformat())
    page.select_option("#id_phase-1-kind", "consult")
    page.fill("#id_phase-1-name", "坝坝会")
    page.fill("#id_phase-1-starts_on", (today - timedelta(days=3)).isoformat())
    page.fill("#id_phase-1-ends_on", (today + timedelta(days=20)).isoformat())
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    check_axe(page, "phases with errors")
    shot(page, "engagement-phases-errors")
    assert page.input_value("#id_phase-1-name") == "坝坝会"  # nothing typed is lost
    page.fill("#id_phase-0-ends_on", (today - timedelta(days=4)).isoformat())
    page.click("main button[type=submit]")
    page.wait_for_url("**/organise/")
    project = Project.objects.get()
    assert [p.name for p in project.phases.all()] == ["宣讲会", "坝坝会"]
    # six warnings until the equity plan is done
    expect(page.locator("#warnings-title")).to_be_visible()
    assert page.locator("text=警告：").count() == 6
    check_axe(page, "organiser project page with warnings")
    shot(page, "engagement-organise-warnings")
    page.click("a:has-text('完成公平参与计划')")
    check_axe(page, "equity plan")
    page.fill("#id_languages-answer", "坝坝会用四川话；问卷有繁体和英文版。")
    page.check("#id_languages-state_1")
    page.fill("#id_access-answer", "在院坝平地开会，备椅子；不方便出门的可以打电话。")
    page.check("#id_access-state_1")
    page.fill("#id_times-answer", "周六下午和周三晚上各一场。")
    page.check("#id_times-state_1")
    page.check("#id_support-state_1")  # done, but no answer: refused
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    check_axe(page, "equity plan with errors")
    shot(page, "engagement-equity-errors")
    assert page.input_value("#id_times-answer") == "周六下午和周三晚上各一场。"
    page.check("#id_support-state_0")
    page.click("main button[type=submit]")
    page.wait_for_url("**/organise/")
    assert page.locator("text=警告：").count() == 3
    shot(page, "engagement-organise-three-warnings")
    # opening with an unfinished plan needs a reason, kept in the audit log
    page.click("text=向居民开放")
    check_axe(page, "open anyway")
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    page.fill("#id_reason", "坝坝会时间已经通知，不能推迟。")
    page.click("main button[type=submit]")
    page.wait_for_url("**/organise/")
    project.refresh_from_db()
    assert project.status == "open" and project.opened_despite
    # the resident took part at the courtyard meeting, so the report-back reaches her
    record(
        resident.memberships.get(),
        method="meeting",
        channel="in_person",
        depth=2,
        source=("engagement.phase", project.phases.last().pk),
        project=project,
    )
    page.click("text=写反馈")
    check_axe(page, "report back")
    page.fill("#id_heard", "大家说下雨院坝积水，步道太滑。")
    page.fill("#id_did", "先修排水和步道防滑，因为老人最担心摔倒。")
    page.fill("#id_decided", "先修排水。")
    shot(page, "engagement-report-back")
    page.click("button[name=publish]")
    page.wait_for_url("**/organise/")
    assert ReportBack.objects.get().notified == 1
    assert Notification.objects.filter(user=resident, kind="project_report_back").exists()
    page.goto(f"/c/{community.slug}/engagement/{project.pk}/close/")
    check_axe(page, "close with lessons")
    page.goto(f"/c/{community.slug}/engagement/lessons/")
    check_axe(page, "lessons")
    page.goto(f"/c/{community.slug}/engagement/{project.pk}/edit/")
    check_axe(page, "edit project")

    # the resident reads it in Traditional Chinese (her language), then in English
    page.context.clear_cookies()
    login(page, resident.email, PASSWORD)
    page.goto(f"/c/{community.slug}/engagement/")
    check_axe(page, "resident project list")
    assert "院壩和步道改造" in page.content()
    page.click("text=院壩和步道改造")
    check_axe(page, "resident project page zh-hant")
    content = page.content()
    assert "你的意見會被聽取，但決定由居委會作出" in content
    assert "現在：壩壩會" in content  # the phase name too is in the reader's script
    assert "先修排水" in content and "你參與了這個專案" in content
    shot(page, "engagement-resident-zh-hant")
    page.click("button[lang=en]")
    content = page.content()
    assert (
        "Your opinion will be heard, but the decision is made by the community committee" in content
    )
    assert "Happening now" in content and "You said, we did" in content
    check_axe(page, "resident project page en")
    shot(page, "engagement-resident-en")
    page.goto("/me/notifications/")
    # English now: the title stays as it was written, in simplified characters
    assert "院坝和步道改造" in page.content()
