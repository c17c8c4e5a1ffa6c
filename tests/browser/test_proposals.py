"""A resident proposes (and sees a similar proposal), another supports and comments with a
stance, the organiser answers and puts it to a vote; the author sees the notification. axe-core
on every page type, in Chinese and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.core.models import Role
from linli.proposals import services
from linli.proposals.models import Proposal
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_proposal_to_an_answer(
    browser, live_server, community, organiser, leader, resident, household
):
    existing = services.save_draft(
        leader,
        Proposal(community=community, title="梧桐院加装电梯", body="老人上下楼困难"),
    )
    services.publish(leader, existing)
    neighbour = make_person(community, "neighbour@test.org", Role.RESIDENT, household)

    def new_page(email: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    author = new_page(resident.email)
    author.goto(f"/c/{community.slug}/proposals/")
    check_axe(author, "proposal list")
    author.click("text=提出建议")
    check_axe(author, "proposal form")
    author.fill("#id_title", "给梧桐院装电梯")
    author.click('main button:has-text("保存草稿")')
    author.locator(".error-summary").wait_for()  # body missing
    check_axe(author, "proposal form with errors")
    assert author.input_value("#id_title") == "给梧桐院装电梯"
    author.fill("#id_body", "楼里老人多，希望加装电梯，申请补贴。")
    author.click('main button:has-text("保存草稿")')
    assert "梧桐院加装电梯" in author.locator("section.card").inner_text()  # the similar one
    check_axe(author, "draft with similar proposals")
    shot(author, "proposals-draft-zh-hans")
    author.click('main button:has-text("发布提议")')
    assert "您的提议已发布" in author.content()
    proposal = Proposal.objects.get(title="给梧桐院装电梯")

    supporter = new_page(neighbour.email)
    supporter.goto(f"/c/{community.slug}/proposals/{proposal.pk}/")
    supporter.click('main button:has-text("我支持")')
    assert "谢谢您的支持" in supporter.content()
    supporter.check("#id_stance_1")  # against
    supporter.fill("#id_body", "一楼住户担心采光，费用怎么分摊？")
    supporter.click('main button:has-text("发表评论")')
    expect(supporter.locator("#stance-against")).to_be_visible()
    assert "一楼住户担心采光" in supporter.locator(".stance-column").nth(1).inner_text()
    check_axe(supporter, "proposal with discussion")

    org = new_page(organiser.email)
    org.click("button[lang=en]")
    org.goto(f"/c/{community.slug}/proposals/agenda/")
    check_axe(org, "agenda")
    org.goto(f"/c/{community.slug}/proposals/{proposal.pk}/")
    org.check("input[name=status][value=rejected]")
    org.click('main button:has-text("Publish the answer")')
    assert "Say why the proposal is rejected" in org.content()
    org.check("input[name=status][value=under_review]")
    org.fill("#id_answer", "社区正在了解加装电梯补贴政策，两周内答复。")
    org.click('main button:has-text("Publish the answer")')
    assert "The answer is published" in org.content()
    shot(org, "proposals-answered-en")
    check_axe(org, "proposal answered (en)")

    author.goto("/me/notifications/")
    assert "正在研究" in author.content()
    author.goto(f"/c/{community.slug}/proposals/answers/")
    check_axe(author, "answer statistics")
