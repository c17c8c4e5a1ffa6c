"""Seed 003/004 (院落美化评审会) from the resident's side, on a 375 px phone in zh-Hans with the
site's large text (issue 22 journeys): the board has scored and published its ranking; a resident
opens the menu, finds the contest, reads the ranked result under 公示 and the scores behind it.
Every page is axe-clean, never scrolls sideways, and leaves a screenshot to look at. The desktop
walk through the whole story, board side included, is tests/browser/test_reviews.py."""

from __future__ import annotations

from typing import Any

import pytest

from linli.core.models import Role
from linli.reviews import services
from tests.browser.conftest import login
from tests.browser.test_seed_story_walks import looks_right, no_english_words, phone
from tests.conftest import PASSWORD, make_household, make_person
from tests.reviews.helpers import adopt, make_board, make_contest, member
from tests.reviews.test_flow import _apply, _score_all, _to_scoring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def published_contest(community: Any, organiser: Any, applicant: Any) -> Any:
    """Two courtyards applied, the board scored them, adopted the ranking and put it on notice."""
    board, users = make_board(community, organiser)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    first = _apply(contest, applicant, "梧桐院", "启明花园护卫队")
    other = make_person(
        community,
        "huaishu@test.org",
        Role.RESIDENT,
        make_household(community, ["槐树院", "1栋", "1单元", "101"]),
    )
    second = _apply(contest, other, "槐树院", "墙绘")
    _to_scoring(contest, users[0])
    _score_all(contest, users, [second, first])  # the later one scores higher
    adopt(services.propose_ranking(users[0], contest), users)
    contest.refresh_from_db()
    services.publish_notice(users[0], contest)
    contest.refresh_from_db()
    assert contest.stage == "notice"
    return contest


def test_a_resident_reads_the_result_and_the_notice_on_a_phone(
    browser, live_server, community, organiser, resident
):
    contest = published_contest(community, organiser, resident)
    neighbour = make_person(
        community,
        "reader@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "2栋", "1单元", "301"]),
        language="zh-hans",
    )
    assert member(neighbour).community == community
    page = phone(browser, live_server, "zh-hans", True)
    login(page, neighbour.email, PASSWORD)

    # the home page names the notice among what is open now
    page.goto(f"/c/{community.slug}/")
    assert "院落美化大赛" in page.inner_text("main")
    looks_right(page, "003-phone-home-zh-hans-large")

    # the folded menu leads to the boards and contests, and on to the contest
    page.click("details.nav-fold > summary:has-text('菜单')")
    page.click("details.nav-fold a:has-text('评审会与评比')")
    page.wait_for_url("**/reviews/")
    no_english_words(page, "zh-hans", "reviews index")
    looks_right(page, "003-phone-reviews-zh-hans-large")
    page.click("main a:has-text('院落美化大赛')")
    page.wait_for_url(f"**/contests/{contest.pk}/")
    assert "院落美化大赛" in page.inner_text("main h1")
    no_english_words(page, "zh-hans", "contest")
    looks_right(page, "003-phone-contest-zh-hans-large")

    # the ranked result under public notice, with the way to object
    page.click("main a:has-text('排名结果和异议')")
    page.wait_for_url(f"**/contests/{contest.pk}/notice/")
    notice = page.inner_text("main")
    assert notice.index("启明花园护卫队") < notice.index("墙绘")  # ranked first, as scored
    assert "公示" in notice
    assert page.locator("#id_reason").count() == 1  # a resident may object while it runs
    no_english_words(page, "zh-hans", "notice")
    looks_right(page, "003-phone-notice-zh-hans-large")

    # the scores behind the ranking
    page.go_back()
    page.click("main a:has-text('原始分和标准化分')")
    page.wait_for_url(f"**/contests/{contest.pk}/results/")
    results = page.inner_text("main")
    assert "启明花园护卫队" in results and "墙绘" in results
    no_english_words(page, "zh-hans", "results")
    looks_right(page, "003-phone-results-zh-hans-large")
