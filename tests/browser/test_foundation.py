"""A resident joins with the letter's code; an organiser imports households and reads the ledger;
the language switch works everywhere; axe-core finds nothing on any page type."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.core.models import Household, Member
from linli.participation.services import record
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_signs_up_with_the_invitation_code_using_the_keyboard(page, community):
    household = make_household(community, ["梧桐院", "3栋", "2单元", "101"])
    page.goto(f"/accounts/register/?code={household.invitation_code}")
    check_axe(page, "register")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    # a bad submission: errors are summarised and linked to their fields, nothing typed is lost
    page.fill("#id_name", "王秀英")
    page.fill("#id_password", "123")
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    check_axe(page, "register with errors")
    assert page.input_value("#id_name") == "王秀英"
    assert page.input_value("#id_code") == household.invitation_code
    page.fill("#id_email", "wang@example.net")
    page.fill("#id_password", "Courtyard-2020")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/c/{community.slug}/")
    assert "欢迎" in page.content()
    check_axe(page, "community home")
    shot(page, "foundation-community-home-zh-hans")
    assert Member.objects.get(user__email="wang@example.net").household == household
    # answers about me, then my account page
    page.goto("/me/")
    check_axe(page, "me")
    page.click("text=关于我的回答（选填）")
    check_axe(page, "demographics")
    page.select_option("#id_age_band", "60-74")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/me/")
    page.goto("/me/notifications/")
    check_axe(page, "notifications")


def test_language_switch_and_large_text_on_every_page(page, community):
    page.goto(f"/c/{community.slug}/")
    page.click("button[lang=en]")
    assert page.locator("h2#open-now").inner_text() == "Open now"
    page.click("button[lang=zh-hant]")
    assert page.locator("h2#open-now").inner_text() == "正在進行"
    check_axe(page, "community home zh-hant")
    page.click("text=大字號")
    assert "large-text" in page.locator("html").get_attribute("class")
    shot(page, "foundation-community-home-zh-hant-large")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-hant"
    check_axe(page, "site home")
    page.goto(f"/c/{community.slug}/partners/")
    check_axe(page, "partners")
    page.goto(f"/c/{community.slug}/notices/")
    check_axe(page, "notices")
    page.goto("/accounts/login/")
    check_axe(page, "login")
    page.goto("/accounts/password/reset/")
    check_axe(page, "password reset")


def test_organiser_imports_households_approves_and_reads_the_ledger(
    page, community, tmp_path: Path
):
    organiser = make_person(community, "org@test.org", "organiser")
    admin = make_person(community, "cadmin@test.org", "community_admin")
    make_person(community, "waiting@test.org", status=Member.Status.PENDING)
    login(page, organiser.email, PASSWORD)
    page.wait_for_url(f"**/c/{community.slug}/manage/")
    check_axe(page, "manage dashboard")
    page.click("text=从表格导入家庭")
    check_axe(page, "import")
    bad = tmp_path / "bad.csv"
    bad.write_text("院落,栋,单元,户号,人数\n梧桐院,1栋,1单元,101,三\n", encoding="utf-8")
    page.set_input_files("#id_file", str(bad))
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    check_axe(page, "import with errors")
    assert Household.objects.count() == 0
    good = tmp_path / "good.csv"
    good.write_text(
        "院落,栋,单元,户号,人数,联系人\n梧桐院,1栋,1单元,101,3,王\n梧桐院,1栋,1单元,102,2,李\n槐树院,1栋,1单元,201,1,张\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(good))
    page.click("main form[enctype] button[type=submit]")
    check_axe(page, "import preview")
    shot(page, "foundation-import-preview")
    page.click("button[name=confirm]")
    page.wait_for_url("**/manage/households/")
    assert Household.objects.count() == 3
    check_axe(page, "households")
    page.goto(f"/c/{community.slug}/manage/members/")
    check_axe(page, "members")
    page.click("button[value=approve]")
    assert Member.objects.get(user__email="waiting@test.org").status == Member.Status.VERIFIED
    page.goto(f"/c/{community.slug}/manage/members/new/")
    check_axe(page, "record resident")
    page.goto(f"/c/{community.slug}/manage/addresses/")
    check_axe(page, "addresses")
    # the ledger page, with acts from several courtyards
    for member in Member.objects.filter(community=community)[:3]:
        member.household = Household.objects.first()
        member.save()
        record(member, method="meeting", channel="in_person", depth=3, source=("m", 1))
    page.goto(f"/c/{community.slug}/participation/")
    check_axe(page, "ledger")
    assert page.locator("svg.chart").is_visible() and page.locator("table").count() >= 3
    shot(page, "foundation-ledger")
    page.click("button[lang=en]")
    assert "Breadth" in page.content()
    shot(page, "foundation-ledger-en")
    # the audit log is for community admins
    page.context.clear_cookies()
    login(page, admin.email, PASSWORD)
    page.goto(f"/c/{community.slug}/manage/audit/")
    assert "households.import" in page.content()
    check_axe(page, "audit")
