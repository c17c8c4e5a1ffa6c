"""A team leader creates an activity, two residents sign up, the leader checks one in by code and
ticks the other, hours are logged (by a resident and from a paper sheet) and verified, impact is
entered, and a resident downloads the certificate and checks it. axe-core on every page type, in
Chinese and in English."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.volunteering.models import Activity, Certificate, Hours, SignUp
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_person
from tests.volunteering.conftest import make_team, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_runs_an_activity_to_verified_hours(
    browser, live_server, community, organiser, household, resident
):
    team_leader = make_person(community, "tl@test.org", household=household)
    volunteer = make_person(community, "v@test.org", household=household)
    team = make_team(community, organiser, team_leader)

    def new_page(email: str, language: str = "zh-CN"):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale=language, viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    # --- the leader creates a one-off activity ------------------------------------------------
    lead = new_page("tl@test.org")
    lead.goto(f"/c/{community.slug}/volunteering/")
    check_axe(lead, "team list")
    lead.click(f"main a:has-text('{team.name}')")
    check_axe(lead, "team page")
    lead.click("main a:has-text('新建活动')")
    check_axe(lead, "activity form")
    start = timezone.localtime() + timedelta(days=3)
    lead.fill("#id_title", "周六护绿")
    lead.fill("#id_place", "梧桐院中心花园")
    lead.fill("#id_starts_at", start.strftime("%Y-%m-%dT08:00"))
    lead.fill("#id_ends_at", start.strftime("%Y-%m-%dT07:00"))
    lead.fill("#id_capacity", "5")
    lead.click("main button:has-text('发布')")
    expect(lead.locator(".error-summary")).to_be_visible()
    assert lead.input_value("#id_title") == "周六护绿"  # nothing typed is lost
    check_axe(lead, "activity form with errors")
    lead.fill("#id_ends_at", start.strftime("%Y-%m-%dT10:00"))
    lead.click("main button:has-text('发布')")
    lead.locator("text=活动已发布").wait_for()
    activity = Activity.objects.get()
    check_axe(lead, "activity page (leader)")
    lead.goto(f"/c/{community.slug}/volunteering/activities/{activity.pk}/group/")
    check_axe(lead, "group sign-up")
    lead.goto(f"/c/{community.slug}/volunteering/activities/{activity.pk}/offer/not-a-token/")
    assert "这个名额已经失效" in lead.content()
    check_axe(lead, "offer")

    # --- two residents sign up ------------------------------------------------------------------
    res = new_page("v@test.org")
    res.set_viewport_size({"width": 420, "height": 900})
    res.goto(activity.get_absolute_url())
    check_axe(res, "activity page (resident)")
    res.click("main button:has-text('报名这个班次')")
    res.locator(".qr svg").first.wait_for()
    check_axe(res, "signed up")
    shot(res, "volunteering-signed-up-phone")
    other = new_page(resident.email)
    other.goto(activity.get_absolute_url())
    other.click("main button:has-text('报名这个班次')")
    other.locator(".qr svg").first.wait_for()
    signup = SignUp.objects.get(member=member(volunteer))

    # --- the leader checks in by code and ticks the other name ----------------------------------
    lead.goto(f"/c/{community.slug}/volunteering/activities/{activity.pk}/check-in/")
    check_axe(lead, "check-in")
    lead.fill("#id_code", "WRONGCODE2")
    lead.click("main button:has-text('签到') >> nth=0")
    expect(lead.locator(".error-summary")).to_be_visible()
    lead.fill("#id_code", signup.code)
    lead.click("main button:has-text('签到') >> nth=0")
    lead.locator("text=欢迎").wait_for()
    lead.click(f"main button:has-text('{member(resident).name} 到了')")
    lead.locator(f"main button:has-text('为 {member(resident).name} 签退')").wait_for()
    shot(lead, "volunteering-checkin")
    assert SignUp.objects.filter(checked_in_at__isnull=False).count() == 2

    # the activity takes place
    now = timezone.now()
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=now - timedelta(hours=2), ends_at=now - timedelta(minutes=5)
    )

    # --- the resident logs hours; the leader verifies and copies a paper sheet -------------------
    res.goto(activity.get_absolute_url())
    res.fill("#id_hours", "abc")
    res.click("main button:has-text('登记我的时长')")
    expect(res.locator(".error-summary")).to_be_visible()
    res.fill("#id_hours", "2")
    res.click("main button:has-text('登记我的时长')")
    res.locator("text=等待核实").first.wait_for()
    check_axe(res, "hours logged")

    lead.goto(f"/c/{community.slug}/volunteering/activities/{activity.pk}/hours/")
    check_axe(lead, "hours page")
    lead.click("main button:has-text('核实')")
    lead.locator("text=没有待核实的时长").wait_for()
    lead.fill("#who_0", f"{member(resident).name} [{member(resident).pk}]")
    lead.fill("#hours_0", "1.5")
    lead.click("main button:has-text('登记这张签到表')")
    lead.locator("text=签到表的 1 行已记录").wait_for()
    shot(lead, "volunteering-hours")
    assert set(Hours.objects.values_list("status", flat=True)) == {"verified"}

    lead.goto(f"/c/{community.slug}/volunteering/activities/{activity.pk}/impact/")
    check_axe(lead, "impact")
    lead.fill("#id_metric", "捡拾垃圾")
    lead.fill("#id_amount", "12")
    lead.fill("#id_unit", "袋")
    lead.click("main button:has-text('保存')")
    lead.locator("text=已保存").wait_for()
    lead.goto(team.get_absolute_url())
    assert "12 袋" in lead.content()
    shot(lead, "volunteering-team")
    for path in ("members/", "schedules/new/"):
        lead.goto(f"/c/{community.slug}/volunteering/teams/{team.pk}/{path}")
        check_axe(lead, path)
    lead.goto(f"/c/{community.slug}/volunteering/activities/{activity.pk}/edit/")
    check_axe(lead, "activity edit")

    # --- the resident downloads the certificate and anyone can check it ---------------------------
    res.goto(f"/c/{community.slug}/volunteering/mine/")
    check_axe(res, "my volunteering")
    shot(res, "volunteering-mine-phone")
    with res.expect_download() as download:
        res.click("main button:has-text('下载证明')")
    assert download.value.suggested_filename.endswith(".pdf")
    certificate = Certificate.objects.get()
    assert certificate.total_hours == 2
    res.goto(f"/c/{community.slug}/volunteering/certificates/{certificate.code}/")
    assert "这份证明是真实的" in res.content()
    check_axe(res, "certificate check")
    res.goto(
        f"/c/{community.slug}/volunteering/hours/{Hours.objects.get(member=member(volunteer)).pk}/correct/"
    )
    check_axe(res, "correction form")

    org = new_page(organiser.email)
    org.goto(f"/c/{community.slug}/volunteering/volunteers/")
    check_axe(org, "volunteers")
    shot(org, "volunteering-volunteers")
    org.goto(f"/c/{community.slug}/volunteering/teams/new/")
    check_axe(org, "team form")

    # --- in English -------------------------------------------------------------------------------
    for page in (lead, res):
        page.context.add_cookies(
            [{"name": "linli_language", "value": "en", "url": live_server.url}]
        )
    lead.goto(team.get_absolute_url())
    assert "What the team achieved" in lead.content()
    check_axe(lead, "team page (en)")
    shot(lead, "volunteering-team-en")
    res.goto(activity.get_absolute_url())
    check_axe(res, "activity page (en)")
    shot(res, "volunteering-activity-en-phone")
    lead.goto(f"/c/{community.slug}/volunteering/activities/{activity.pk}/hours/")
    check_axe(lead, "hours page (en)")
    shot(lead, "volunteering-hours-en")
