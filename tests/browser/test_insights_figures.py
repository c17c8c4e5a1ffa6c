"""The organiser publishes a before and after comparison on the community's figures page - the
same satisfaction question in two surveys - and anyone then reads both shares with their
intervals and the change; axe-core on the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD
from tests.insights.conftest import fair_world  # noqa: F401  (the fixture)
from tests.insights.test_before_after import repeated  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_publishes_before_and_after(page, repeated):  # noqa: F811
    slug = repeated["world"].community.slug
    login(page, "organiser@test.org", PASSWORD)
    page.wait_for_load_state()
    page.goto(f"/c/{slug}/insights/figures/")
    assert page.locator("text=由居民决定用途的资金（元）").count() == 1
    page.click("text=对比两次调查中的同一道题")
    page.select_option("select[name=before]", str(repeated["before"].pk))
    page.select_option("select[name=after]", str(repeated["after"].pk))
    page.select_option("select[name=weighting]", "poststratify")
    page.click("text=公布对比结果")
    page.wait_for_url(f"**/c/{slug}/insights/figures/")
    row = page.locator("#before-after ~ .table-wrap tbody tr").first
    assert "改造后" in row.inner_text() and "上升" in row.inner_text()
    check_axe(page, "figures with before and after")
    shot(page, "insights-before-after")
    page.context.clear_cookies()
    page.goto(f"/c/{slug}/insights/figures/")
    assert "上升" in page.locator("#before-after ~ .table-wrap").inner_text()
