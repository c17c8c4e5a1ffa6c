"""The member picker over more people than it lists (issue 23): its search box asks the same
page by GET, with or without JavaScript, keeps what was typed, and the person found is seated.
Axe-clean with the search made."""

from __future__ import annotations

import pytest

from linli.core import fields
from linli.core.models import Member
from tests.browser.conftest import check_axe, login
from tests.browser.test_member_picker import _chosen, board  # noqa: F401 - the fixture
from tests.conftest import PASSWORD, make_household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def crowd(community, board):  # noqa: F811 - the fixture imported above
    home = make_household(community, ["银杏院", "9栋", "1单元", "901"])
    Member.objects.bulk_create(
        Member(community=community, name=f"邻居{i:03d}", household=home, status="verified")
        for i in range(fields.LIMIT + 20)
    )
    return board


def _search_and_seat(page, board) -> None:  # noqa: F811
    page.goto(board.get_absolute_url() + "seat/")
    assert page.locator("#id_member option").count() == fields.LIMIT + 1
    page.fill("#id_member-find", "枫杨")
    page.click("button[form=member-find]")
    page.wait_for_load_state()
    assert "find-member=" in page.url
    assert page.input_value("#id_member-find") == "枫杨"
    labels = page.eval_on_selector_all("#id_member option", "os => os.map(o => o.textContent)")
    assert len(labels) == 2 and "枫杨院" in labels[1]
    page.select_option(
        "#id_member", value=page.locator("#id_member option").nth(1).get_attribute("value")
    )
    page.click("main form button[type=submit]:not([form])")
    page.wait_for_load_state()
    assert _chosen(board).household.area.name == "枫杨院"


def test_with_javascript_the_box_narrows_at_once_and_asks_the_server(page, crowd, organiser):
    login(page, organiser.email, PASSWORD)
    page.goto(crowd.get_absolute_url() + "seat/")
    assert page.locator("#id_member-search").count() == 0  # the page's own box does the work
    page.fill("#id_member-find", "邻居007")
    shown = page.eval_on_selector_all(
        "#id_member option:not([hidden])", "os => os.map(o => o.textContent)"
    )
    assert [label for label in shown if label.strip("-")] == [
        label for label in shown if "邻居007" in label
    ]
    check_axe(page, "large member picker")
    _search_and_seat(page, crowd)


def test_without_javascript_the_search_is_a_get_on_the_same_page(
    browser, live_server, crowd, organiser
):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, organiser.email, PASSWORD)
        _search_and_seat(page, crowd)
    finally:
        context.close()
