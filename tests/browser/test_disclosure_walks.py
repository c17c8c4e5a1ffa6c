"""Disclosure walks: a resident objects during a 公示 (an empty objection is refused), staff
answer it on the page, and the resident reads the public answer in zh-Hans and in English; the
resident chooses a weekly digest. axe-core on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from linli.core.models import Member
from linli.disclosure import publicity as registry
from linli.disclosure import services
from linli.disclosure.models import Delivery, Objection
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_objects_during_a_publicity_and_reads_the_public_answer(
    page, community, monkeypatch
):
    monkeypatch.setitem(
        registry.ADAPTERS,
        "test.award",
        registry.Adapter(
            kind="test.award",
            load=lambda pk: Member.objects.get(pk=pk),
            title=lambda m: "微项目资助：梧桐院楼道灯",
            becomes_final=lambda m: "梧桐院楼道灯改造，资助 3,000 元",
        ),
    )
    organiser = make_person(community, "org@test.org", "organiser")
    household = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    resident = make_person(community, "res@test.org", household=household, language="zh-hans")
    notice = services.start_publicity(
        organiser, "test.award", Member.objects.get(user=organiser), days=7
    )

    # the resident finds the 公示 in the register and objects; an empty objection is refused
    login(page, resident.email, PASSWORD)
    page.goto(f"/c/{community.slug}/disclosure/")
    check_axe(page, "register zh-hans")
    page.click(f"a[href='{notice.get_absolute_url()}']")
    page.wait_for_url(f"**/disclosure/publicity/{notice.pk}/")
    check_axe(page, "publicity zh-hans")
    page.click("main form button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    check_axe(page, "empty objection refused")
    page.fill("#id_text", "材料费偏高，能否公开报价单？")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/disclosure/publicity/{notice.pk}/")
    assert "材料费偏高" in page.content() and "尚未答复" in page.content()
    objection = Objection.objects.get()

    # staff answer it in public on the same page
    page.context.clear_cookies()
    login(page, organiser.email, PASSWORD)
    page.goto(notice.get_absolute_url())
    page.fill(f"#answer-{objection.pk}", "报价单已贴在公示栏，材料费含三年维护。")
    page.click("main form[action$='/answer/'] button[type=submit]")
    objection.refresh_from_db()
    assert objection.answer.startswith("报价单已贴在公示栏")

    # the resident reads the answer, in zh-Hans and in English
    page.context.clear_cookies()
    login(page, resident.email, PASSWORD)
    page.goto(notice.get_absolute_url())
    assert "报价单已贴在公示栏" in page.content()
    shot(page, "disclosure-publicity-answered-zh-hans")
    check_axe(page, "publicity answered zh-hans")
    page.goto(f"/c/{community.slug}/disclosure/how-often/")
    assert "每周汇总一次" in page.content()
    check_axe(page, "how often zh-hans")
    page.goto(notice.get_absolute_url())
    page.click("button[lang=en]")
    assert "Answer:" in page.content() and "报价单已贴在公示栏" in page.content()
    check_axe(page, "publicity en")

    # and chooses to hear about new notices once a week
    page.goto(f"/c/{community.slug}/disclosure/how-often/")
    check_axe(page, "how often en")
    page.check("input[value=weekly]")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/c/{community.slug}/disclosure/")
    assert Delivery.objects.get(member__user=resident).mode == "weekly"
