"""An organiser makes a narrow API token; a resident who took part downloads their data and
deletes the account; a guesser meets the paused sign-in page. axe-core on each page."""

from __future__ import annotations

import pytest

from linli.core.models import ApiToken, Member
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_accounts_walk(page, community, organiser, resident):
    login(page, "organiser@test.org", PASSWORD)
    page.wait_for_url("**/manage/")
    page.goto("/me/api-tokens/")
    check_axe(page, "api tokens")
    page.fill("#id_name", "月报脚本")
    page.select_option("#id_expires_in", "30")
    page.click("main button[type=submit]")
    assert page.locator(".warning-box .code").inner_text().startswith("linli_")
    check_axe(page, "api token created")
    shot(page, "accounts-api-token")
    assert ApiToken.objects.get(user=organiser).scopes == ["read"]
    page.context.clear_cookies()

    login(page, "resident@test.org", PASSWORD)
    page.wait_for_url("**/c/**")
    page.goto("/me/delete/")
    check_axe(page, "delete account")
    page.fill("#confirm", "DELETE")
    page.click("main button.danger")
    page.wait_for_url("**/")
    member = Member.objects.get(community=community, name="已注销的居民")
    assert member.user_id is None

    for _attempt in range(5):
        login(page, "organiser@test.org", "wrong-guess")
    login(page, "organiser@test.org", PASSWORD)
    assert "登录已暂停" in page.content()
    check_axe(page, "sign-in paused")
    shot(page, "accounts-sign-in-paused")
