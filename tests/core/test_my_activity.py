"""'My activity' on a person's own page: what they borrowed, proposed... gathered from every
module's ``my_activity`` hook; modules the community switched off are left out; votes show that
the person voted, never how; no staff-only link for a resident."""

from __future__ import annotations

import pytest

from linli.core.activity import my_activity
from linli.core.kit import modules
from linli.core.models import Member, Role
from linli.core.rounding import bar_width, median, number, percent
from tests.conftest import client_for, make_household, make_person

pytestmark = pytest.mark.django_db


def test_every_module_that_keeps_a_person_s_doings_declares_the_hook():
    labels = {label for label, _hook in modules.labelled_hooks("my_activity")}
    assert {
        "meetings",
        "sharing",
        "volunteering",
        "votes",
        "proposals",
        "grants",
        "budgeting",
    } <= labels
    for _label, hook in modules.labelled_hooks("my_activity"):
        assert callable(hook.load())


def test_a_borrowed_item_shows_on_my_page_and_goes_when_the_module_is_off(community):
    from tests.sharing.conftest import list_item

    owner = make_person(
        community,
        "lender@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "1栋", "1单元", "101"]),
    )
    borrower = make_person(
        community,
        "me@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "2栋", "1单元", "201"]),
    )
    item = list_item(owner, community, name="折叠梯")
    from linli.sharing import services

    services.request_loan(borrower, item, services.today(), services.today(), "")
    member = Member.objects.get(user=borrower)
    groups = my_activity(member)
    assert [a.title for g in groups for a in g["items"]] == ["折叠梯"]
    page = client_for(borrower).get("/me/").content.decode()
    assert "折叠梯" in page
    community.modules_off = ["sharing"]
    community.save()
    assert my_activity(Member.objects.get(user=borrower)) == []


def test_the_api_token_link_is_for_staff_only(community, organiser, resident):
    link = 'href="/me/api-tokens/"'
    assert link not in client_for(resident).get("/me/").content.decode()
    assert link in client_for(organiser).get("/me/").content.decode()


def test_one_rounding_and_one_chart_helper():
    assert number(76.85) == "76.9" and number("76.95") == "77" and number(77.0) == "77"
    assert number(2.5, 0) == "3" and number(None) == "–"
    assert median([2, 5]) == 3.5 and median([1, 2, 9]) == 2 and median([]) is None
    assert bar_width(1, 2) == "50%" and bar_width(3, 2) == "100%" and bar_width(0, 5) == "0%"
    assert bar_width(1, 10000) == "0.5%"
    assert percent(1, 3) == "33%" and percent(1, 0) == "0%"


def test_every_hook_answers_for_a_person_with_nothing_yet(community, resident):
    member = Member.objects.get(user=resident)
    for _label, hook in modules.labelled_hooks("my_activity"):
        assert hook.load()(member) == []
    assert "还没有记录" in client_for(resident).get("/me/").content.decode()


def test_a_weighted_median_of_an_even_count_is_the_mean_of_the_middle_two():
    from linli.core.rounding import weighted_median
    from linli.surveys.results import _number_stats

    assert weighted_median([(2, 1), (5, 1)]) == 3.5
    assert weighted_median([(1, 2), (4, 1)]) == 1 and weighted_median([]) is None
    assert weighted_median([(1, 1), (2, 2), (9, 1)]) == 2
    assert _number_stats([(2.0, 1), (5.0, 1)])["median"] == 3.5
