"""Feedback walks: a resident reports a problem (and a bad place is refused without losing the
text), follows the item and reads the answer in zh-Hant and English; staff enter a phone report
and route it. axe-core on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.core.models import Member
from linli.feedback.models import Item, Report
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_reports_and_follows_staff_enter_a_phone_report_and_route_it(page, community):
    household = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    neighbour_home = make_household(community, ["梧桐院", "2栋", "1单元", "201"])
    organiser = make_person(community, "org@test.org", "organiser")
    resident = make_person(community, "res@test.org", household=household, language="zh-hant")
    caller = Member.objects.create(
        community=community, name="王婆婆", household=neighbour_home, status="verified"
    )
    courtyard = household.area

    # the resident reports rain water pooling in 梧桐院
    login(page, resident.email, PASSWORD)
    page.goto(f"/c/{community.slug}/feedback/")
    check_axe(page, "feedback list")
    page.click("main a.button")
    check_axe(page, "report form")
    page.select_option("#id_category", "drainage")
    page.select_option("#id_place", str(courtyard.pk))
    page.fill("#id_text", "下雨后院坝积水，老人出门要蹚水。")
    page.click("main button[type=submit]")
    page.wait_for_url("**/feedback/*/")
    check_axe(page, "item page zh-hant")
    item = Item.objects.get()
    assert "我的反映" in page.content()

    # reporting it again is refused, and the text stays
    page.goto(f"/c/{community.slug}/feedback/report/")
    page.select_option("#id_category", "drainage")
    page.select_option("#id_place", str(courtyard.pk))
    page.fill("#id_text", "院坝又積水了")
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.input_value("#id_text") == "院坝又積水了"
    check_axe(page, "duplicate refused")
    shot(page, "feedback-duplicate-refused")
    assert Report.objects.count() == 1

    # staff enter 王婆婆's phone call, which joins the item, and route it to the property company
    page.context.clear_cookies()
    login(page, organiser.email, PASSWORD)
    page.goto(f"/c/{community.slug}/feedback/manage/new/")
    check_axe(page, "staff entry")
    page.select_option("#id_channel", "phone")
    page.select_option("#id_member", str(caller.pk))
    page.select_option("#id_category", "drainage")
    page.select_option("#id_place", str(courtyard.pk))
    page.fill("#id_text", "王婆婆来电：院坝积水，下雨天出不了门。")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/feedback/manage/{item.pk}/")
    check_axe(page, "organise item")
    assert item.reports.count() == 2
    page.fill("#id_title", "梧桐院下雨后院坝积水")
    page.select_option("#id_responsible", "property")
    page.click("section[aria-labelledby=route-title] button[type=submit]")
    page.wait_for_url(f"**/feedback/manage/{item.pk}/")
    page.fill("#id_answer", "物业下周二疏通下水口。")
    page.click("section[aria-labelledby=answer-title] button[type=submit]")
    page.wait_for_url(f"**/feedback/manage/{item.pk}/")
    item.refresh_from_db()
    assert item.status == Item.Status.ANSWERED and item.due_on is not None
    page.goto(f"/c/{community.slug}/feedback/manage/")
    check_axe(page, "queue")
    shot(page, "feedback-queue")

    # the resident follows the item: the answer, in zh-Hant and in English
    page.context.clear_cookies()
    login(page, resident.email, PASSWORD)
    page.goto(f"/c/{community.slug}/feedback/{item.pk}/")
    content = page.content()
    assert "物業下週二疏通下水口" in content and "物业下周二疏通下水口" not in content
    assert "已答覆" in content and "已答复" not in content
    shot(page, "feedback-item-zh-hant")
    page.click("button[lang=en]")
    assert "answered" in page.content()
    check_axe(page, "item page en")
    page.goto(f"/c/{community.slug}/feedback/summary/")
    check_axe(page, "monthly summary en")


def test_staff_send_a_collective_item_to_the_council_and_it_is_on_the_next_agenda(page, community):
    from datetime import timedelta

    from django.utils import timezone

    from linli.governance import meeting_services
    from linli.governance import services as governance
    from linli.governance.models import Body
    from tests.governance.conftest import CHARTER

    organiser = make_person(community, "org@test.org", "organiser")
    body = governance.create_body(
        organiser, community, kind=Body.Kind.RESIDENTS_COUNCIL, name="居民议事会", charter=CHARTER
    )
    starts = timezone.now() + timedelta(days=5)
    sitting = meeting_services.schedule_meeting(
        organiser,
        body,
        title="居民议事会十二月例会",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="社区活动室",
    )
    item = Item.objects.create(community=community, category="drainage", title="梧桐院积水")

    login(page, organiser.email, PASSWORD)
    page.goto(f"/c/{community.slug}/feedback/manage/{item.pk}/")
    agenda = page.locator("section[aria-labelledby=agenda-title]")
    # the bodies are offered as one types; a wrong name is not lost, it is only recorded
    assert agenda.locator("datalist option").first.get_attribute("value") == "居民议事会"
    agenda.locator("#id_body").fill("居民议事会")
    agenda.locator("button[type=submit]").click()
    page.wait_for_url(f"**/feedback/manage/{item.pk}/")
    check_axe(page, "item sent to the agenda")
    page.goto(f"/c/{community.slug}/feedback/{item.pk}/")
    page.click("text=查看议程")
    page.wait_for_url(f"**{sitting.get_absolute_url()}#item-*")
    assert page.locator(f"#item-{sitting.items.get().pk}").inner_text().find("梧桐院积水") >= 0
    check_axe(page, "the body's meeting with the item on its agenda")
    shot(page, "feedback-on-the-council-agenda")
