"""A contest's result under the shared 公示 (disclosure): a resident objects to one application's
place from the contest's notice page; the vice-chair answers it there; the 公示's page in the
disclosure register shows the objection, what it is about and the answer; the chair cannot make
the result final during the period, and can once it ran. Every page is axe-clean."""

from __future__ import annotations

from typing import Any

import pytest

from linli.reviews.notice import publicity_of
from tests.browser.conftest import check_axe, login, shot
from tests.browser.test_reviews_phone import published_contest
from tests.conftest import PASSWORD
from tests.reviews.helpers import end_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page(browser: Any, live_server: Any, email: str | None) -> Any:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    if email:
        login(page, email, PASSWORD)
    return page


def test_a_resident_objects_the_board_answers_and_the_result_becomes_final(
    browser, live_server, community, organiser, resident
):
    contest = published_contest(community, organiser, resident)
    notice = publicity_of(contest)
    assert notice is not None
    from linli.reviews import boards

    officers = {seat.office: seat.member.user for seat in boards.officers(contest.body)}
    base = f"/c/{community.slug}/reviews/contests/{contest.pk}/"

    # the resident objects to the second place, naming it
    res = _page(browser, live_server, resident.email)
    res.goto(base + "notice/")
    wall = contest.applications.get(title="墙绘")
    res.select_option("#id_application", str(wall.pk))
    res.fill("#id_reason", "墙绘的参与分是否偏高？请复核。")
    res.click('main button:has-text("提交异议")')
    assert "您的异议已收到" in res.content()
    check_axe(res, "contest notice with an objection")

    # the vice-chair answers on the contest's notice page
    vice = _page(browser, live_server, officers["vice_chair"].email)
    vice.goto(base + "notice/")
    vice.locator("textarea[name=answer]").fill("评审会复核了打分理由，分数维持。")
    vice.click('main form[action*="/answer/"] button[type=submit]')
    assert "答复已公布" in vice.content()

    # the 公示 in the disclosure register: what it is about, the objection and the answer
    anyone = _page(browser, live_server, None)
    anyone.goto(notice.get_absolute_url())
    text = anyone.inner_text("main")
    assert "墙绘" in text and "墙绘的参与分是否偏高" in text and "分数维持" in text
    check_axe(anyone, "公示 of a contest")
    shot(anyone, "contest-publicity-zh-hans")
    poster = anyone.request.get(notice.get_absolute_url() + "poster.pdf")
    assert poster.ok and poster.body().startswith(b"%PDF")

    # the chair cannot make it final during the period; once it ran, she can
    chair = _page(browser, live_server, officers["chair"].email)
    chair.goto(base)
    chair.click('main button:has-text("确定结果")')
    assert "公示期到" in chair.content()
    end_notice(contest)
    chair.goto(base)
    chair.click('main button:has-text("确定结果")')
    assert "结果已确定" in chair.content()
    contest.refresh_from_db()
    assert contest.stage == "final"
    anyone.goto(notice.get_absolute_url())
    assert "已确定" in anyone.inner_text("main")
    check_axe(anyone, "final 公示 of a contest")
