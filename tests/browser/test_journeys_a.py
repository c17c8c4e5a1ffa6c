"""Issue 22 journeys at 375 px, in Chinese and in English, axe-clean: the sharing board by
courtyard with an early pick-up, help at a meeting without registration, the PB ballot with
costs and links, a proposal placed from the address tree, the question builder by kind."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from linli.core.models import Place, Role
from linli.meetings.models import Meeting
from linli.sharing import services as sharing
from linli.sharing.models import Item
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = 375


def _page(browser: Any, live_server: Any, email: str, language: str) -> Any:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": PHONE, "height": 800}
    )
    context.add_cookies([{"name": "linli_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, email, PASSWORD)
    return page


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE + 1, f"{page.url} is {width}px wide at {PHONE}px"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_lending_between_two_courtyards_on_a_phone(browser, live_server, community, language):
    owner = make_person(
        community,
        f"owner-{language}@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "1栋", "1单元", "102"]),
    )
    borrower = make_person(
        community,
        f"borrower-{language}@test.org",
        Role.RESIDENT,
        make_household(community, ["槐树院", "1栋", "1单元", "102"]),
    )
    item = sharing.save_item(
        owner, Item(community=community, name="电钻", category="tools", loan_days=7)
    )
    sharing.save_item(
        borrower, Item(community=community, name="梯子", category="tools", loan_days=7)
    )
    first = sharing.today() + timedelta(days=2)
    loan = sharing.request_loan(borrower, item, first, first + timedelta(days=2), "谢谢")
    sharing.decide(owner, loan, True)

    page = _page(browser, live_server, borrower.email, language)
    page.goto(f"/c/{community.slug}/sharing/")
    text = page.inner_text("main")
    assert "梧桐院 · 1栋" in text and "槐树院 · 1栋" in text
    check_axe(page, f"board by courtyard {language}")
    _no_sideways_scroll(page)
    shot(page, f"journeys-a-board-{language}-375")
    page.goto(loan.get_absolute_url())
    assert (
        page.locator(
            "main button:has-text('I received it'), main button:has-text('我收到了')"
        ).count()
        == 0
    )
    check_axe(page, f"loan before the first day {language}")

    owner_page = _page(browser, live_server, owner.email, language)
    owner_page.goto(loan.get_absolute_url())
    owner_page.click("main form.step-form button[type=submit]")
    page.goto(loan.get_absolute_url())
    page.click("main form.step-form button[type=submit]")
    loan.refresh_from_db()
    assert loan.status == "handed_over"
    owner_page.goto(f"/c/{community.slug}/sharing/mine/")
    check_axe(owner_page, f"my sharing with an item lent out {language}")
    _no_sideways_scroll(owner_page)
    shot(owner_page, f"journeys-a-mine-{language}-375")
    page.goto(f"/c/{community.slug}/sharing/mine/")
    borrowing = page.inner_text("#borrowing + div, section[aria-labelledby=borrowing]")
    assert "梧桐院 1栋 1单元 102" in borrowing


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_asking_for_a_wheelchair_at_a_meeting_without_registration(
    browser, live_server, community, organiser, resident, language
):
    from linli.meetings import services as meetings

    starts = timezone.now() + timedelta(days=3)
    meeting = Meeting(
        community=community,
        kind=Meeting.Kind.BRIEFING,
        title="梧桐院宣讲会",
        place="梧桐院院坝",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        registration=Meeting.Registration.NONE,
    )
    meetings.save_meeting(organiser, meeting)
    meetings.publish(organiser, meeting)
    page = _page(browser, live_server, resident.email, language)
    page.goto(meeting.get_absolute_url())
    page.click("main details summary")
    check_axe(page, f"meeting help form {language}")
    _no_sideways_scroll(page)
    page.check("#id_wheelchair")
    page.click("main details form button[type=submit]")
    assert meetings.unarranged(meeting) == 1
    check_axe(page, f"meeting help asked {language}")
    shot(page, f"journeys-a-meeting-help-{language}-375")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pb_ballot_and_a_placed_proposal_on_a_phone(
    browser, live_server, community, organiser, resident, language
):
    from linli.budgeting import services as budgeting
    from tests.budgeting.conftest import add_project, make_process, shift

    process = make_process(
        community, organiser, ballot_type="approval", rule="greedy_votes", max_choices=3
    )
    ideas = [
        add_project(process, title, cost)
        for title, cost in [("雨棚", 3000), ("椅子", 1200), ("桂花树", 4000), ("路灯", 9000)]
    ]
    shift(process, "review")
    vote = budgeting.open_vote(organiser, process)
    shift(process, "vote")
    page = _page(browser, live_server, resident.email, language)
    page.goto(vote.get_absolute_url())
    main = page.inner_text("main")
    assert "1. 雨棚 · ¥3,000" in main  # grouped the same way in both languages
    assert page.locator(f"main a[href='{ideas[0].get_absolute_url()}']").count() == 1
    check_axe(page, f"PB ballot {language}")
    _no_sideways_scroll(page)
    shot(page, f"journeys-a-pb-ballot-{language}-375")

    make_household(community, ["梧桐院", "3栋", "1单元", "101"])
    building = Place.objects.get(community=community, name="3栋", parent__name="梧桐院")
    page.goto(f"/c/{community.slug}/proposals/new/")
    check_axe(page, f"proposal form {language}")
    _no_sideways_scroll(page)
    page.fill("#id_title", "3栋门口加扶手")
    page.fill("#id_body", "老人上台阶不方便")
    page.select_option("#id_place", str(building.pk))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "梧桐院 3栋" in page.inner_text("main")
    shot(page, f"journeys-a-proposal-{language}-375")
