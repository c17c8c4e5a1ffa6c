"""Two neighbours: one lists a drill with a photo, the other finds it on the board and asks for it;
the owner approves, both confirm the hand-over, both confirm the return, and the thank-you note
shows on the owner's box. axe-core on every page type, in Chinese and in English."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect

from linli.core.models import Role
from linli.sharing import services
from linli.sharing.models import Item, Loan, Problem
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_neighbours_lend_and_return_an_item(
    browser, live_server, community, organiser, tmp_path
):
    owner = make_person(
        community,
        "owner@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "2栋", "1单元", "301"]),
    )
    borrower = make_person(
        community,
        "borrower@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "3栋", "2单元", "502"]),
    )
    photo = tmp_path / "drill.png"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 90, 160)).save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())

    def new_page(email: str, language: str = "zh-hans", width: int = 1100):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": width, "height": 900}
        )
        context.add_cookies([{"name": "linli_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    board = f"/c/{community.slug}/sharing/"
    # --- the owner lists a drill with a photo -------------------------------------------------
    own = new_page(owner.email)
    own.goto(board)
    check_axe(own, "board, empty")
    own.click("main a:has-text('登记出借物品')")
    check_axe(own, "new item form")
    own.fill("#id_name", "电钻")
    own.select_option("#id_category", "tools")
    own.fill("#id_loan_days", "")
    own.click("main button[type=submit]:has-text('保存')")
    expect(own.locator(".error-summary")).to_be_visible()
    assert own.input_value("#id_name") == "电钻"  # nothing typed is lost
    check_axe(own, "new item form with errors")
    own.fill("#id_loan_days", "7")
    own.fill("#id_pickup_times", "晚上7点以后")
    own.set_input_files("#id_photo_upload", str(photo))
    own.click("main button[type=submit]:has-text('保存')")
    own.locator("img.item-photo").wait_for()
    check_axe(own, "item page, owner")
    shot(own, "sharing-item-owner-zh")
    item = Item.objects.get()
    assert item.photo

    # --- the borrower finds it on the board and asks, on a phone-sized screen -----------------
    bor = new_page(borrower.email, width=420)
    bor.goto(board)
    bor.select_option("#id_category", "tools")
    bor.click("main button[type=submit]:has-text('搜索')")
    check_axe(bor, "board, searched")
    shot(bor, "sharing-board-phone-zh")
    bor.click("main .box a:has-text('电钻')")
    check_axe(bor, "item page, neighbour")
    start = services.today()
    bor.fill("#id_starts_on", start.isoformat())
    bor.fill("#id_due_on", (start + timedelta(days=3)).isoformat())
    bor.fill("#id_message", "想借来装个架子,谢谢!")
    bor.click("main button[type=submit]:has-text('提交申请')")
    bor.locator("text=已申请，等待物主答复").wait_for()
    check_axe(bor, "loan page, requested")
    loan = Loan.objects.get()

    # --- the owner approves and hands it over; the borrower confirms ------------------------
    own.goto(f"/c/{community.slug}/sharing/mine/")
    check_axe(own, "my sharing")
    own.click(f"main a[href='{loan.get_absolute_url()}']")
    own.fill("#id_message", "晚上7点后来拿")
    own.click("main button:has-text('批准')")
    own.click("main button:has-text('我已交出')")
    own.locator("text=正在等对方确认。").wait_for()
    check_axe(own, "loan page, waiting for the other side")
    bor.goto(loan.get_absolute_url())
    bor.click("main button:has-text('我已收到')")
    bor.locator("text=已交接，在借用人处").wait_for()
    assert Loan.objects.get().status == "handed_over"

    # --- both confirm the return; thanks ------------------------------------------------------
    bor.click("main button:has-text('我已归还')")
    own.goto(loan.get_absolute_url())
    own.click("main button:has-text('我已收回')")
    own.locator("text=已归还").first.wait_for()
    bor.goto(loan.get_absolute_url())
    bor.fill("#id_thanks", "电钻很好用,架子装好了,谢谢邻居!")
    bor.click("main button:has-text('发送感谢留言')")
    own.goto(loan.get_absolute_url())
    own.click("main button:has-text('显示在我们的格子里')")
    check_axe(own, "loan page, returned with thanks")
    shot(own, "sharing-loan-returned-zh")
    bor.goto(board)
    assert "电钻很好用" in bor.locator("main .box").first.inner_text()

    # --- the owner finds a scratch and asks the organiser to mediate --------------------------
    own.goto(loan.get_absolute_url())
    own.click("main summary:has-text('报告问题')")
    own.select_option("#id_kind", "damage")
    own.fill("#id_description", "外壳有一道划痕")
    own.check("#id_mediation")
    own.click("main button:has-text('报告问题') >> visible=true")
    own.locator("text=社工调解中").wait_for()
    check_axe(own, "loan page with a problem")

    # --- in English; the organiser's pages --------------------------------------------------
    org = new_page(organiser.email, language="en")
    org.goto(board)
    check_axe(org, "board, English")
    shot(org, "sharing-board-en")
    org.goto(f"/c/{community.slug}/sharing/figures/")
    check_axe(org, "figures")
    shot(org, "sharing-figures-en")
    assert "Loans per month" in org.content()
    org.goto(f"/c/{community.slug}/sharing/problems/")
    check_axe(org, "problems")
    assert "Open problems" in org.content()
    org.click(f"main a[href='{loan.get_absolute_url()}']")
    check_axe(org, "loan page, organiser mediating")
    org.fill("main textarea[name=mediation_notes]", "Met both households in the community room.")
    org.fill("main input[name=outcome]", "A scratch from normal use; nothing to pay.")
    org.click("main button:has-text('Mark as settled')")
    org.locator("text=The problem is marked as settled.").wait_for()
    shot(org, "sharing-loan-mediated-en")
    assert Problem.objects.get().status == "resolved"
