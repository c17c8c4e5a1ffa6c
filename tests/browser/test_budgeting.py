"""A resident proposes an idea, staff find it feasible, the vote is opened, residents vote with a
knapsack ballot, the vote closes, the results page explains every project, and the owner records
spending with a receipt. axe-core on every page type; screenshots in English and Chinese."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from linli.budgeting.models import Idea
from linli.core.models import Member
from tests.browser.conftest import ARTIFACTS, check_axe, login, shot
from tests.budgeting.conftest import add_project, make_process, make_voters, shift
from tests.conftest import PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_idea_to_results_to_implementation(browser, live_server, community, organiser, resident):
    process = make_process(community, organiser, phase="ideas")
    add_project(process, "芙蓉院雨棚", 30_000)
    add_project(process, "银杏院花园", 80_000)
    voters = make_voters(community, 3)

    def new_page(email: str, english: bool = True):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        if english:
            context.add_cookies([{"name": "linli_language", "value": "en", "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    base = f"/c/{community.slug}/budget"
    # --- a resident proposes an idea ---------------------------------------------------------
    res = new_page(resident.email)
    res.goto(f"{base}/")
    check_axe(res, "process list")
    res.click(f"main a:has-text('{process.title}')")
    check_axe(res, "process page (ideas)")
    res.click("main a:has-text('Propose an idea')")
    check_axe(res, "idea form")
    res.fill("#id_title", "梧桐院坝休息座椅")
    res.click("main button:has-text('Send my idea')")
    expect(res.locator(".error-summary")).to_be_visible()  # "what and why" missing
    assert res.input_value("#id_title") == "梧桐院坝休息座椅"  # nothing typed is lost
    res.fill("#id_body", "老人多,想加几张带扶手的长椅。")
    res.fill("#id_estimated_cost", "12000")
    res.click("main button:has-text('Send my idea')")
    res.locator("h1:has-text('梧桐院坝休息座椅')").wait_for()
    check_axe(res, "idea page")
    idea = Idea.objects.get(title="梧桐院坝休息座椅")

    # --- staff review it feasible, then open the vote ----------------------------------------
    org = new_page(organiser.email)
    org.goto(f"{base}/ideas/{idea.pk}/")
    check_axe(org, "idea page with review form")
    org.check("#id_feasible_0")
    org.fill("#id_cost", "14800")
    org.fill("#id_cost_reason", "规划师现场测量后重新核算")
    org.click("main button:has-text('Save the review')")
    org.locator("text=Review saved").wait_for()
    shift(process, "review")
    org.goto(f"{base}/{process.pk}/")
    org.click("main button:has-text('Open the vote')")
    org.locator("text=The ballot is made").wait_for()

    # --- residents vote with a knapsack ballot ------------------------------------------------
    shift(process, "vote")
    for n, voter in enumerate(voters):
        user = voter.user
        assert user is not None
        user.set_password(PASSWORD)
        user.save()
        page = new_page(user.email)
        page.goto(f"{base}/{process.pk}/")
        page.click("main a:has-text('Vote now')")
        page.check("main label:has-text('梧桐院坝休息座椅')")
        page.check(
            "main label:has-text('芙蓉院雨棚')" if n < 2 else "main label:has-text('银杏院花园')"
        )
        page.click("main button:has-text('Cast my vote')")
        page.locator("main").get_by_text("change code", exact=False).first.wait_for()
        page.context.close()

    # --- close, compute, publish, read the reasons ----------------------------------------------
    shift(process, "results")
    org.goto(f"{base}/{process.pk}/")
    org.click("main button:has-text('Compute the outcome')")
    org.click("main button:has-text('Publish the results')")
    org.locator("text=Results published").wait_for()
    res.goto(f"{base}/{process.pk}/results/")
    check_axe(res, "results page")
    text = res.locator("main").inner_text()
    assert "Funded: 3 neighbours supported it and their equal shares covered its ¥14,800." in text
    assert "Not funded" in text
    shot(res, "budgeting-results-en")

    # --- implementation: owner and a spending entry with a receipt ------------------------------
    org.goto(f"{base}/projects/{idea.pk}/")
    # the one member picker names a person "name · address · role" (in the reader's language)
    owner = Member.objects.get(user=resident, community=community)
    option = org.locator(f"#id_owner option[value='{owner.pk}']")
    assert option.inner_text().startswith(f"{owner.name} · ")
    org.select_option("#id_owner", value=str(owner.pk))
    org.click("main button:has-text('Save owner and team')")
    res.goto(f"{base}/projects/{idea.pk}/")
    check_axe(res, "project page with tracking forms")
    ARTIFACTS.mkdir(exist_ok=True)
    receipt = ARTIFACTS / "receipt.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, "JPEG")
    receipt.write_bytes(buffer.getvalue())
    res.fill("#id_amount", "3200")
    res.fill("#id_what", "长椅四张")
    res.set_input_files("#id_receipt", str(receipt))
    res.click("main button:has-text('Record the spending')")
    res.locator("text=Spending recorded").wait_for()
    assert "长椅四张" in res.locator("main").inner_text()
    shot(res, "budgeting-project-en")
    res.goto(f"{base}/{process.pk}/")
    assert "spent on 长椅四张" in res.locator("main").inner_text()
    check_axe(res, "process page with progress")
    shot(res, "budgeting-process-en")

    # --- the same pages in Chinese ------------------------------------------------------------
    zh = new_page(make_person(community, "zh@test.org").email, english=False)
    for url, name in [
        (f"{base}/{process.pk}/", "process"),
        (f"{base}/{process.pk}/results/", "results"),
        (f"{base}/ideas/{idea.pk}/", "idea"),
        (f"{base}/projects/{idea.pk}/", "project"),
    ]:
        zh.goto(url)
        check_axe(zh, f"{name} (zh-Hans)")
        shot(zh, f"budgeting-{name}-zh")
    org.goto(f"{base}/new/")
    check_axe(org, "process form")
    org.goto(f"{base}/{process.pk}/setup/")
    check_axe(org, "setup page")
