"""A street office sets a site up in the browser: the first-run page, a new community, its first
organiser, its settings and proposal rules - in Simplified Chinese and in English, with axe-core
on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.core.models import AuditEntry, Community, Member, User
from tests.browser.conftest import check_axe, shot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "zh-hans": {
        "first_run": "本站已就绪，可以创建第一个社区",
        "sign_in": "以站点管理员身份登录",
        "create": "创建社区",
        "settings": "设置：语言、联系方式、线下参与渠道、功能模块、金额上限",
        "appointed": "邀请邮件已发出",
        "saved": "设置已保存",
        "rules": "提议规则：所需支持人数和征集天数",
    },
    "en": {
        "first_run": "This site is ready for its first community",
        "sign_in": "Sign in as the site administrator",
        "create": "Create a community",
        "settings": "Settings: languages, contact details, offline channels, modules, caps",
        "appointed": "an invitation was mailed",
        "saved": "Settings saved",
        "rules": "Proposal rules: supports needed and days to collect them",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_site_administrator_sets_up_a_community_from_the_first_run_page(page, language):
    words = WORDS[language]
    User.objects.create_superuser(email="office@street.example", password=PASSWORD, name="街道办")
    page.goto("/")
    if language == "en":
        page.click("button[lang=en]")
    page.wait_for_url("**/welcome/")
    assert words["first_run"] in page.content()
    check_axe(page, f"first run {language}")
    shot(page, f"site-first-run-{language}")

    page.click(f"text={words['sign_in']}")
    page.fill("#id_username", "office@street.example")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/site/")
    check_axe(page, f"site administration {language}")

    page.click(f"main a:has-text('{words['create']}')")
    page.click("main button[type=submit]")  # empty: the error summary links to the fields
    expect(page.locator(".error-summary")).to_be_visible()
    check_axe(page, f"new community with errors {language}")
    page.fill("#id_name", "梧桐社区")
    page.fill("#id_slug", "wutong")
    page.fill("#id_city", "成都市")
    page.fill("#id_district", "武侯区")
    page.click("main button[type=submit]")
    page.wait_for_url("**/site/communities/wutong/")
    check_axe(page, f"set up a community {language}")

    page.fill("#id_email", "worker@street.example")
    page.fill("#id_name", "小李")
    page.select_option("#id_role", "organiser")
    page.click("main button[name=appoint]")
    page.wait_for_url("**/site/communities/wutong/")
    assert words["appointed"] in page.content()
    check_axe(page, f"appointed {language}")
    shot(page, f"site-community-{language}")
    community = Community.objects.get(slug="wutong")
    assert (
        Member.objects.get(community=community, user__email="worker@street.example").role
        == "organiser"
    )

    page.click(f"text={words['settings']}")
    page.wait_for_url("**/c/wutong/manage/settings/")
    check_axe(page, f"community settings {language}")
    page.fill("#id_office_phone", "028-1234567")
    page.fill("#id_offline_participation", "纸质问卷放在居委会门口，每周三上午有人帮忙填写。")
    page.uncheck("input[name=modules_on][value=sharing]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/c/wutong/manage/settings/")
    assert words["saved"] in page.content()
    community.refresh_from_db()
    assert community.office_phone == "028-1234567" and not community.module_on("sharing")
    assert page.locator("nav.community-nav a[href='/c/wutong/sharing/']").count() == 0

    page.click(f"main a:has-text('{words['rules']}')")
    page.wait_for_url("**/c/wutong/proposals/settings/")
    check_axe(page, f"proposal rules {language}")
    page.fill("#id_support_threshold", "30")
    page.click("main button[type=submit]")
    page.wait_for_url("**/c/wutong/proposals/settings/")
    assert community.proposal_settings.support_threshold == 30
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "community.create",
        "member.appoint",
        "community.settings",
        "proposals.rules",
    }
