"""A resident votes through the statements one at a time and sees the map with its table; an
organiser (in English) moderates her statement and enters a paper sheet with a bad line. axe-core
on each page, in zh-Hans and in English."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.opinions import recompute, services
from linli.opinions.models import Analysis, Statement, Vote
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person
from tests.opinions.conftest import make_conversation, residents_without_accounts, two_camps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_votes_and_sees_the_map_an_organiser_moderates_and_enters_paper(page, community):
    household = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    organiser = make_person(community, "org@test.org", "organiser", language="en")
    resident = make_person(community, "res@test.org", household=household)
    conversation = make_conversation(organiser, community)
    two_camps(organiser, conversation)
    recompute.store(conversation)
    url = f"/c/{community.slug}/opinions/{conversation.pk}/"

    login(page, resident.email, PASSWORD)
    page.wait_for_load_state()
    page.goto(f"/c/{community.slug}/opinions/")
    check_axe(page, "conversation list")
    page.click(f"a:has-text('{conversation.title}')")
    check_axe(page, "conversation, first statement")
    shot(page, "opinions-statement")
    for i in range(8):
        page.click("button:has-text('不同意')" if i % 3 == 1 else "button:has-text('同意')")
        page.wait_for_url(f"**{url}")
    expect(page.locator("text=您已经对所有观点表了态")).to_be_visible()
    assert Vote.objects.filter(member__user=resident).count() == 8
    page.fill("#id_text", "电梯装好以后，请物业定期检查。")
    page.click("button:has-text('提交观点')")
    page.wait_for_url(f"**{url}")
    expect(page.locator("text=电梯装好以后，请物业定期检查。")).to_be_visible()  # her statements
    check_axe(page, "conversation, all voted")
    page.click("text=查看结果：有哪些观点群体")
    svg = page.locator("svg.opinion-map")
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")
    expect(page.locator("table caption:has-text('观点群体')")).to_be_visible()
    expect(page.locator("h2:has-text('所有群体的共识')")).to_be_visible()
    assert (
        Analysis.objects.get(conversation=conversation).n_groups == 2
    )  # recomputed as she voted (tasks run at once)
    assert page.locator("table:has(caption:has-text('观点群体')) tbody tr").count() == 2
    check_axe(page, "results zh-Hans")
    shot(page, "opinions-results")

    page.context.clear_cookies()
    login(page, organiser.email, PASSWORD)
    page.wait_for_load_state()
    page.goto(f"{url}moderate/")
    check_axe(page, "moderation en")
    page.click("button:has-text('Save the decision')")  # accept is the default
    page.wait_for_url("**/moderate/")
    assert conversation.statements.get(number=9).status == Statement.Status.ACCEPTED
    page.goto(f"{url}sheet/")
    check_axe(page, "printable sheet en")
    (grandmother,) = residents_without_accounts(community, 1)
    page.goto(f"{url}paper/")
    page.select_option("#id_member", str(grandmother.pk))
    page.fill("#id_s1", "同意")
    page.fill("#id_s2", "maybe")
    page.fill("#id_s3", "-1")
    page.click("button:has-text('Enter the votes')")
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.input_value("#id_s2") == "maybe" and page.input_value("#id_s3") == "-1"
    check_axe(page, "paper entry with a bad line en")
    shot(page, "opinions-paper-bad-line")
    page.fill("#id_s2", "跳过")
    page.click("button:has-text('Enter the votes')")
    page.wait_for_url("**/paper/")
    votes = dict(Vote.objects.filter(member=grandmother).values_list("statement__number", "choice"))
    assert votes == {1: 1, 2: 0, 3: -1}
    page.goto(f"{url}results/")
    check_axe(page, "results en")
    services.close_conversation(
        organiser, conversation, "We will hold a meeting of every household."
    )
    page.goto(f"{url}report/")
    expect(page.locator("text=We will hold a meeting of every household.")).to_be_visible()
    check_axe(page, "report-back en")
