"""The seed stories walked as the people in them would, on a 375 px phone, in zh-Hans, zh-Hant and
English, one of each in the site's large text (issue 22, closing part). Each walk asserts the
story's outcome, is axe-clean, never scrolls sideways, and saves screenshots to look at.

- Seed 000 (Philadelphia's equitable engagement toolkit) and seed 001 (community building, resident
  empowerment): the community worker sees from the work queue that a group is missing from an open
  consultation, opens it and takes the call list to reach them; the call is on the record.
- Seed 002 (the engagement primer: two-way, inclusive): an older resident on a phone answers a
  short survey in their own language and script and finds it under "my activity".
- The neighbour item-sharing board: a resident asks to borrow a neighbour's ladder from another
  courtyard; the owner accepts it; both see the loan with the courtyard named.

The review-board story (seed 003/004, 院落美化评审会) is walked in tests/browser/test_reviews.py."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from linli.core.models import Role
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person
from tests.insights.conftest import fair_world  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = 375
# (language, large text): every language on a phone, one of them in large text.
WALKS = [("zh-hans", True), ("zh-hant", False), ("en", False)]
WORDS = {
    "call_list": {
        "zh-hans": "下载电话名单",
        "zh-hant": "下載電話名單",
        "en": "Download a call list",
    },
    "taken": {"zh-hans": "导出了电话名单", "zh-hant": "匯出了電話名單", "en": "call list taken"},
    "low_reach": {"zh-hans": "参与度低", "zh-hant": "參與度低", "en": "Low reach in"},
}


def phone(browser: Any, live_server: Any, language: str, large: bool) -> Any:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": PHONE, "height": 800}
    )
    cookies = [{"name": "linli_language", "value": language, "url": live_server.url}]
    if large:
        cookies.append({"name": "linli_large_text", "value": "1", "url": live_server.url})
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def looks_right(page: Any, name: str) -> None:
    """axe-clean, nothing wider than the phone, and a screenshot to look at."""
    check_axe(page, name)
    shot(page, f"seed-{name}")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > w + 1)
        .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))""",
        PHONE,
    )
    assert width <= PHONE + 1, f"{name}: {page.url} is {width}px wide at {PHONE}px: {wide}"


def no_english_words(page: Any, language: str, name: str) -> None:
    """A Chinese page carries no untranslated English sentence in its main content."""
    if not language.startswith("zh"):
        return
    import re

    text = page.inner_text("main")
    words = re.findall(r"\b[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}\b", text)
    assert words == [], f"{name}: English in a Chinese page: {words}"


@pytest.mark.parametrize(("language", "large"), WALKS)
def test_seed_000_the_worker_reaches_the_missing_group(
    browser,
    live_server,
    fair_world,  # noqa: F811
    language,
    large,
):
    from linli.insights import services
    from linli.insights.models import FollowUp

    services.sweep()  # the daily check: 橡树湾's tenants and Tibetan speakers are missing
    slug = fair_world.community.slug
    page = phone(browser, live_server, language, large)
    login(page, "organiser@test.org", PASSWORD)
    page.goto(f"/c/{slug}/manage/")
    item = page.locator("#work-title ~ ul a[href*='/insights/flags/']")
    assert item.count() == 1
    assert WORDS["low_reach"][language] in item.inner_text()
    assert "院落微更新" in item.inner_text()
    no_english_words(page, language, f"work queue {language}")
    looks_right(page, f"000-work-queue-{language}-{'large' if large else 'normal'}")
    item.click()
    page.wait_for_url("**/insights/flags/*/#act-heading")
    expect(page.locator("#act-heading")).to_be_visible()
    with page.expect_download() as download:
        page.click(f"main button:has-text('{WORDS['call_list'][language]}')")
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert len(rows) > 1  # a header and the households to call
    assert FollowUp.objects.get().kind == FollowUp.Kind.CALL_LIST
    page.reload()
    assert WORDS["taken"][language] in page.inner_text("section[aria-labelledby=follow-ups]")
    no_english_words(page, language, f"flag {language}")
    looks_right(page, f"000-flag-{language}-{'large' if large else 'normal'}")


@pytest.mark.parametrize(("language", "large"), WALKS)
def test_seed_002_an_older_resident_answers_on_a_phone(
    browser, live_server, community, organiser, language, large
):
    from linli.surveys import services
    from linli.surveys.models import Section
    from tests.surveys.conftest import add_question, make_survey, t

    survey = make_survey(community, organiser)
    add_question(
        organiser,
        survey,
        Section.objects.get(survey=survey),
        "single",
        t("您常去院坝吗？", "Do you use the courtyard?"),
        [t("常去", "Yes, often"), t("不去", "No")],
        required=True,
    )
    services.publish(organiser, survey)
    elder = make_person(
        community,
        f"elder-{language}@test.org",
        Role.RESIDENT,
        make_household(community, ["槐树院", "2栋", "1单元", "201"]),
        language=language,
    )
    page = phone(browser, live_server, language, large)
    login(page, elder.email, PASSWORD)
    page.goto(f"/c/{community.slug}/surveys/{survey.pk}/")
    title = {"zh-hans": "院坝改造意见调查", "zh-hant": "院壩改造意見調查", "en": "Courtyard survey"}
    assert title[language] in page.inner_text("main h1")
    looks_right(page, f"002-survey-{language}-{'large' if large else 'normal'}")
    page.click("main a.button[href$='/answer/']")
    page.wait_for_url("**/answer/")
    no_english_words(page, language, f"answer {language}")
    looks_right(page, f"002-answer-{language}-{'large' if large else 'normal'}")
    page.check("input[name=q1][value=o1]")
    page.click("main button[value=next]")
    page.wait_for_url("**/thanks/")
    assert survey.responses.filter(member__user=elder).count() == 1, "the answer is kept"
    looks_right(page, f"002-thanks-{language}-{'large' if large else 'normal'}")
    page.goto("/me/")
    assert page.locator("section.my-activity", has_text=title[language]).count() == 1
    no_english_words(page, language, f"my activity {language}")
    looks_right(page, f"002-me-{language}-{'large' if large else 'normal'}")


@pytest.mark.parametrize(("language", "large"), WALKS)
def test_sharing_board_borrowing_from_another_courtyard(
    browser, live_server, community, language, large
):
    from linli.sharing import services as sharing
    from linli.sharing.models import Item, Loan

    owner = make_person(
        community,
        f"lender-{language}@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "1栋", "1单元", "102"]),
        language=language,
    )
    borrower = make_person(
        community,
        f"neighbour-{language}@test.org",
        Role.RESIDENT,
        make_household(community, ["槐树院", "1栋", "1单元", "102"]),
        language=language,
    )
    sharing.save_item(
        owner, Item(community=community, name="折叠梯", category="tools", loan_days=3)
    )
    page = phone(browser, live_server, language, large)
    login(page, borrower.email, PASSWORD)
    page.goto(f"/c/{community.slug}/sharing/")
    board = page.inner_text("main")
    building = {"zh-hant": "梧桐院 · 1棟"}.get(language, "梧桐院 · 1栋")
    assert building in board  # the courtyard, not only the building
    no_english_words(page, language, f"board {language}")
    looks_right(page, f"share-board-{language}-{'large' if large else 'normal'}")
    ladder = {"zh-hant": "摺疊梯"}.get(language, "折叠梯")
    page.click(f"main a:has-text('{ladder}')")
    looks_right(page, f"share-item-{language}-{'large' if large else 'normal'}")
    first = sharing.today() + timedelta(days=1)
    page.fill("input[name=starts_on]", first.isoformat())
    page.fill("input[name=due_on]", (first + timedelta(days=2)).isoformat())
    page.click("main form button[type=submit]")
    loan = Loan.objects.get(borrower__user=borrower)
    assert loan.status == Loan.Status.REQUESTED
    sharing.decide(owner, loan, True)
    page.goto(loan.get_absolute_url())
    assert "梧桐院" in page.inner_text("main")  # where to fetch it
    no_english_words(page, language, f"loan {language}")
    looks_right(page, f"share-loan-{language}-{'large' if large else 'normal'}")
