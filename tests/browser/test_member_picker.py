"""The member picker, in a browser: with JavaScript a labelled search box narrows the people;
without it the same list, grouped by courtyard, does the job. Both are axe-clean and both seat
the person chosen (here: a founding member of a review board, a governance body)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.core.models import Member
from linli.governance import services
from linli.governance.models import Body, Seat
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board(community, organiser):
    # Two neighbours of the same name in two courtyards: the address tells them apart.
    for address in (["梧桐院", "3栋", "2单元", "101"], ["枫杨院", "1栋", "1单元", "202"]):
        household = make_household(community, address)
        user = make_person(community, f"{address[0]}@test.org", household=household)
        Member.objects.filter(user=user).update(name="王秀英")
    return services.create_body(
        organiser,
        community,
        kind=Body.Kind.REVIEW_BOARD,
        name="院落评审会",
        charter={"purpose": "评审院落申请"},
    )


def _chosen(board) -> Member | None:
    seat = Seat.objects.filter(body=board).select_related("member").first()
    return seat.member if seat else None


def test_with_javascript_a_search_box_narrows_the_list(page, board, organiser):
    login(page, organiser.email, PASSWORD)
    page.goto(board.get_absolute_url() + "seat/")
    search = page.locator("#id_member-search")
    expect(search).to_be_visible()
    assert page.locator("label[for='id_member-search']").inner_text() == "按姓名或地址查找"
    search.fill("枫杨")
    visible = page.eval_on_selector_all(
        "#id_member option:not([hidden])", "options => options.map(o => o.textContent)"
    )
    assert visible and all("枫杨院" in text for text in visible if text.strip("-"))
    check_axe(page, "member picker, searching")
    shot(page, "member-picker-search")
    option = page.locator("#id_member option", has_text="枫杨院").first
    page.select_option("#id_member", value=option.get_attribute("value"))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert _chosen(board).household.area.name == "枫杨院"


def test_without_its_script_the_grouped_list_is_axe_clean(page, board, organiser):
    # axe needs JavaScript to run, so here only the picker's script is kept from loading.
    page.route("**/member-picker.js", lambda route: route.abort())
    login(page, organiser.email, PASSWORD)
    page.goto(board.get_absolute_url() + "seat/")
    assert page.locator("input[type=search]").count() == 0
    assert page.locator("#id_member optgroup").count() >= 2
    check_axe(page, "member picker without its script")


def test_without_javascript_the_grouped_list_works(browser, live_server, board, organiser):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, organiser.email, PASSWORD)
        page.goto(board.get_absolute_url() + "seat/")
        assert page.locator("input[type=search]").count() == 0
        groups = page.eval_on_selector_all(
            "#id_member optgroup", "groups => groups.map(g => g.label)"
        )
        assert "梧桐院" in groups and "枫杨院" in groups
        option = page.locator("#id_member optgroup[label='梧桐院'] option").first
        page.select_option("#id_member", value=option.get_attribute("value"))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        assert _chosen(board).household.area.name == "梧桐院"
    finally:
        context.close()
