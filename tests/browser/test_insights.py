"""The organiser sees who is missing from an open consultation, opens the flag and prints the
letters; a resident reads their own ladder in English; axe-core on each page (zh-Hans and en)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.insights import services
from linli.insights.models import FollowUp
from linli.participation.models import Act
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person
from tests.insights.conftest import fair_world  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_sees_the_gap_opens_the_flag_and_prints_letters(page, fair_world):  # noqa: F811
    services.sweep()
    slug = fair_world.community.slug
    login(page, "organiser@test.org", PASSWORD)
    page.wait_for_load_state()
    page.goto(f"/c/{slug}/insights/")
    check_axe(page, "who takes part (zh-Hans)")
    page.click(f"a[href='/c/{slug}/insights/measure/project:{fair_world.project.pk}/']")
    expect(page.locator(".status.bad").first).to_be_visible()
    check_axe(page, "a consultation measured")
    shot(page, "insights-measure")
    page.locator("tr", has_text="藏语").locator("a").first.click()
    page.wait_for_url("**/insights/flags/*/")
    check_axe(page, "the flag")
    with page.expect_download() as download:
        page.click("text=打印邀请信")
    assert download.value.suggested_filename.endswith(".pdf")
    assert FollowUp.objects.get().kind == "letters"
    page.goto(f"/c/{slug}/insights/baselines/")
    check_axe(page, "baselines")
    page.goto(f"/c/{slug}/insights/ladder/")
    check_axe(page, "community ladder")


def test_a_resident_sees_their_own_ladder_in_english(page, community):
    household = make_household(community, ["梧桐院", "3栋", "1单元", "301"])
    resident = make_person(community, "me@test.org", household=household, language="en")
    member = resident.memberships.get()
    for days, depth in ((400, 1), (20, 3)):
        Act.objects.create(
            member=member,
            household=household,
            area=household.area,
            community=community,
            method="meeting",
            channel="in_person",
            depth=depth,
            occurred_at=timezone.now() - timedelta(days=days),
            source_type="test",
            source_id=str(days),
        )
    login(page, resident.email, PASSWORD)
    page.wait_for_load_state()
    page.goto("/me/")
    page.click("text=My participation")
    page.wait_for_url("**/insights/ladder/me/")
    expect(page.locator("h1", has_text="My participation")).to_be_visible()
    check_axe(page, "my ladder (en)")
    shot(page, "insights-my-ladder")
