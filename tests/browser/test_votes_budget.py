"""Knapsack and cumulative ballots in the browser: a resident picks projects with the keyboard
while the running total shows what is left, is warned and then refused over budget (keeping every
choice), then casts within budget; points on a cumulative ballot; axe-core on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.votes.models import Ballot
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD
from tests.votes.helpers import close, make_cumulative_vote, make_knapsack_vote, option_ids

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_knapsack_ballot_by_keyboard_with_the_running_total(page, community, organiser, resident):
    vote = make_knapsack_vote(community, organiser, results_shown="live")
    q = vote.questions.get().pk
    first, second, third, fourth = option_ids(vote)
    login(page, resident.email, PASSWORD)
    page.goto(f"/c/{community.slug}/")
    page.click("button[lang=en]")
    page.goto(f"/c/{community.slug}/votes/{vote.pk}/")
    tally = page.locator("[data-tally]")
    assert tally.inner_text() == "Chosen: ¥0 of ¥10,000; ¥10,000 left."
    assert tally.get_attribute("aria-live") == "polite"
    check_axe(page, "knapsack ballot")

    page.focus(f"#q{q}_o{first}")
    page.keyboard.press("Space")  # ¥6,000
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # ¥4,500
    assert tally.inner_text() == "Chosen: ¥10,500, ¥500 over the budget of ¥10,000."
    shot(page, "votes-knapsack-over-en")

    # the script warns once before sending; the voter sends anyway and the server refuses
    page.focus("main form button[type=submit]")
    page.keyboard.press("Enter")
    warning = page.locator("[data-warning]")
    expect(warning).to_be_visible()
    assert "Your choices cost ¥10,500; the budget is ¥10,000." in warning.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-warning')")
    page.focus("main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Your choices cost ¥10,500; the budget is ¥10,000." in page.inner_text(".error-summary")
    assert page.is_checked(f"#q{q}_o{first}") and page.is_checked(f"#q{q}_o{second}")
    assert not page.is_checked(f"#q{q}_o{third}")
    assert "over the budget" in page.locator("[data-tally]").inner_text()
    check_axe(page, "knapsack ballot refused")
    shot(page, "votes-knapsack-refused-en")
    assert not Ballot.objects.exists()

    # exactly the budget: 4,500 + 3,000 + 2,500
    page.focus(f"#q{q}_o{first}")
    page.keyboard.press("Space")
    page.check(f"#q{q}_o{third}")
    page.focus(f"#q{q}_o{fourth}")
    page.keyboard.press("Space")
    assert page.locator("[data-tally]").inner_text() == "Chosen: ¥10,000 of ¥10,000; ¥0 left."
    page.focus("main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/votes/{vote.pk}/")
    page.wait_for_selector("text=change code", timeout=15000)
    assert Ballot.objects.get().choices == {str(q): [second, third, fourth]}
    close(vote)  # no count is shown while a secret vote is open; "live" shows it at close
    page.goto(f"/c/{community.slug}/votes/{vote.pk}/results/")
    assert "¥4,500" in page.inner_text("main")
    check_axe(page, "knapsack results")
    shot(page, "votes-knapsack-results-en")


def test_a_cumulative_ballot_shows_the_points_left(page, community, organiser, resident):
    vote = make_cumulative_vote(community, organiser)
    q = vote.questions.get().pk
    first, second, _third, _fourth = option_ids(vote)
    login(page, resident.email, PASSWORD)
    page.goto(f"/c/{community.slug}/votes/{vote.pk}/")
    check_axe(page, "cumulative ballot")
    page.fill(f"#q{q}_o{first}", "6")
    page.fill(f"#q{q}_o{second}", "3")
    tally = page.locator("[data-tally]")
    assert tally.inner_text() == "已给分：9 / 10，还剩 1 分。"
    shot(page, "votes-cumulative-zh-hans")
    page.click("main form button[type=submit]")
    page.wait_for_selector("main .card code, main .card h2")
    assert Ballot.objects.get().choices == {str(q): {str(first): 6, str(second): 3}}


def test_an_organiser_adds_a_knapsack_question_with_costs(page, community, organiser):
    from tests.votes.helpers import make_vote

    vote = make_vote(community, organiser, publish=False)
    login(page, organiser.email, PASSWORD)
    page.goto(f"/c/{community.slug}/votes/{vote.pk}/questions/")
    page.fill("#id_text", "2027 年微基金：选哪些项目？")
    page.check("input[name=ballot_type][value=knapsack]")
    page.fill("#id_options", "梧桐院彩绘 | 6000\n槐树院花园")
    page.click("main button:has-text('添加这个问题')")
    expect(page.locator(".error-summary")).to_be_visible()
    assert "槐树院花园" in page.inner_text(".error-summary")
    assert page.input_value("#id_options") == "梧桐院彩绘 | 6000\n槐树院花园"
    check_axe(page, "knapsack question refused")
    page.fill("#id_budget_limit", "10000")
    page.fill("#id_options", "梧桐院彩绘 | 6000\n槐树院花园 | ¥4,500")
    page.click("main button:has-text('添加这个问题')")
    assert "预算 ¥10,000" in page.inner_text("main")
    assert "¥4,500" in page.inner_text("main")
    check_axe(page, "questions with a knapsack question")
    shot(page, "votes-knapsack-question-zh-hans")
