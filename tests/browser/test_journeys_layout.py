"""Phones and large text: the community navigation folds into one menu (no script), the page's own
content starts in the first screen, and on a wide screen every group shows without opening
anything. In three languages, at 375 px and 1280 px, axe-clean."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from linli.core.models import Role
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "菜单", "zh-hant": "選單", "en": "Menu"}


def open_page(browser: Any, live_server: Any, language: str, width: int, large: bool) -> Any:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": width, "height": 800}
    )
    cookies = [{"name": "linli_language", "value": language, "url": live_server.url}]
    if large:
        cookies.append({"name": "linli_large_text", "value": "1", "url": live_server.url})
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize(("width", "large"), [(375, False), (375, True), (1280, True)])
def test_the_navigation_folds_and_content_starts_in_the_first_screen(
    browser, live_server, community, organiser, language, width, large
):
    person = make_person(
        community,
        "nav@test.org",
        Role.ORGANISER,
        make_household(community, ["梧桐院", "1栋", "1单元", "101"]),
    )
    page = open_page(browser, live_server, language, width, large)
    login(page, person.email, PASSWORD)
    page.goto(f"/c/{community.slug}/")
    menu = page.locator("nav.community-nav details.nav-fold > summary")
    expect(menu).to_be_visible()
    assert menu.inner_text().strip() == LANGUAGES[language]
    links = page.locator("nav.community-nav .nav-group a")
    assert links.count() >= 15  # an organiser sees every group, staff's too
    assert not links.first.is_visible()  # folded
    heading = page.locator("main h1").first
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] < 800, box  # in the first screen
    check_axe(page, f"home, folded, {language} {width} large={large}")
    menu.click()
    expect(links.first).to_be_visible()
    assert page.locator("nav.community-nav .nav-group-label").count() == 4
    shot(page, f"nav-open-{language}-{width}-{'large' if large else 'normal'}")
    check_axe(page, f"home, menu open, {language} {width}")
    links.filter(
        has_text={"zh-hans": "问卷调查", "zh-hant": "問卷調查", "en": "Surveys"}[language]
    ).first.click()
    assert "/surveys/" in page.url


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_wide_screen_shows_every_group_without_a_menu(browser, live_server, community, language):
    page = open_page(browser, live_server, language, 1280, False)
    page.goto(f"/c/{community.slug}/")
    assert not page.locator("nav.community-nav details.nav-fold > summary").is_visible()
    links = page.locator("nav.community-nav .nav-group a")
    assert links.count() >= 10
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
    # the visitor sees no staff group
    assert page.locator("#nav-staff").count() == 0
    box = page.locator("main h1").first.bounding_box()
    assert box is not None and box["y"] < 300, box
    shot(page, f"nav-wide-{language}")
    check_axe(page, f"home, wide, {language}")
    links.first.focus()
    assert page.evaluate("document.activeElement.tagName") == "A"


@pytest.mark.parametrize(("language", "width"), [("zh-hans", 375), ("zh-hant", 1280), ("en", 375)])
def test_the_sharing_board_has_a_jump_to_building_index(
    browser, live_server, community, language, width
):
    from tests.sharing.conftest import list_item

    addresses = [["梧桐院", f"{b}栋", f"{u}单元", f"{b}0{u}"] for b in range(1, 5) for u in (1, 2)]
    for index, address in enumerate(addresses):
        owner = make_person(
            community, f"lender{index}@test.org", Role.RESIDENT, make_household(community, address)
        )
        list_item(owner, community, name=f"工具{index}")
    page = open_page(browser, live_server, language, width, large=width == 375)
    login(page, "lender0@test.org", PASSWORD)
    page.goto(f"/c/{community.slug}/sharing/")
    index = page.locator("nav#board-index")
    expect(index).to_be_visible()
    assert index.locator("> ul > li").count() == 4  # one per building
    check_axe(page, f"board with index {language}")
    index.locator("a", has_text="4").first.click()
    assert page.url.endswith("#b-1-4")  # courtyard 1, building 4
    expect(page.locator("#b-1-4")).to_be_visible()
    box = page.locator("#b-1-4").bounding_box()
    assert box is not None and 0 <= box["y"] < 800, box  # in view
    index.locator(".board-index-units a").last.click()
    assert page.url.endswith("#u-1-4-2")
    page.locator("a[href='#board-index']").last.click()
    assert page.url.endswith("#board-index")
    shot(page, f"board-index-{language}-{width}")


@pytest.mark.parametrize(("language", "width"), [("zh-hans", 375), ("en", 1280), ("zh-hant", 375)])
def test_my_activity_and_the_work_queue(
    browser, live_server, community, organiser, language, width
):
    from linli.core.models import Member
    from tests.sharing.conftest import list_item

    lender = make_person(
        community,
        "lend@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "1栋", "1单元", "101"]),
    )
    me = make_person(
        community,
        "me@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "2栋", "1单元", "201"]),
    )
    from linli.sharing import services

    services.request_loan(
        me, list_item(lender, community, name="折叠梯"), services.today(), services.today(), ""
    )
    make_person(
        community,
        "wait@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "3栋", "1单元", "301"]),
    )
    Member.objects.filter(user__email="wait@test.org").update(status=Member.Status.PENDING)
    page = open_page(browser, live_server, language, width, large=width == 375)
    login(page, "me@test.org", PASSWORD)
    page.goto("/me/")
    assert (
        page.locator("section.my-activity a", has_text="折叠梯").count() == 1
        or page.locator("section.my-activity a", has_text="摺疊梯").count() == 1
    )
    assert page.locator("a[href='/me/api-tokens/']").count() == 0
    check_axe(page, f"/me/ {language} {width}")
    shot(page, f"me-activity-{language}-{width}")
    staff = open_page(browser, live_server, language, width, large=False)
    login(staff, organiser.email, PASSWORD)
    staff.goto(f"/c/{community.slug}/manage/")
    expect(staff.locator("#work-title")).to_be_visible()
    expect(staff.locator("a[href$='?status=pending']").first).to_be_visible()
    check_axe(staff, f"dashboard {language} {width}")
    shot(staff, f"work-queue-{language}-{width}")
