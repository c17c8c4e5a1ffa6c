"""Newsletter walk: staff compose a newsletter for 梧桐院, preview who gets it and send; the
resident reads it and says so; the signed link stops the newsletters without signing in. axe-core
on each page."""

from __future__ import annotations

import re

import pytest

from linli.core.models import Member
from linli.disclosure import services
from linli.disclosure.models import Category, Newsletter, NewsletterOptOut
from tests.browser.conftest import check_axe, login
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_send_a_newsletter_and_the_resident_reads_and_stops_it(page, community):
    organiser = make_person(community, "org@test.org", "organiser")
    household = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    resident = make_person(community, "res@test.org", household=household)
    services.add_entry(
        organiser,
        community,
        services.EntryInput(Category.SERVICES, "周三停水", "上午九点到十二点。"),
    )

    login(page, organiser.email, PASSWORD)
    page.goto(f"/c/{community.slug}/disclosure/newsletters/new/")
    check_axe(page, "compose")
    page.fill("#id_title", "梧桐院十二月简报")
    page.fill("#id_intro", "各位邻居好。")
    page.get_by_label("梧桐院").check()
    page.click("button[name=preview]")
    assert "发送范围" in page.content()
    check_axe(page, "preview")
    page.click("button[name=send]")
    page.wait_for_url("**/disclosure/newsletters/")
    check_axe(page, "history")
    issue = Newsletter.objects.get()
    assert issue.sent_to == 1  # the resident of 梧桐院, not the organiser who lives nowhere here
    page.context.clear_cookies()

    login(page, resident.email, PASSWORD)
    page.goto(issue.get_absolute_url())
    check_axe(page, "newsletter")
    page.click("main form button[type=submit]")
    assert "您已阅读" in page.content()
    stop = page.locator("a", has_text="不再接收简报").get_attribute("href")
    page.context.clear_cookies()
    page.goto(stop)
    check_axe(page, "unsubscribe signed out")
    page.click("main form button[type=submit]")
    assert re.search("不再收到简报", page.content())
    assert NewsletterOptOut.objects.filter(member=Member.objects.get(user=resident)).exists()
