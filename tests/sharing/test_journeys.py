"""Issue 22, item 1: the board tells two courtyards apart, "what we borrow" names the lender,
"our items" says when an item is with a borrower, and an early pick-up can be confirmed."""

from __future__ import annotations

import pytest
from django.utils import translation

from linli.core.models import Community, Role, User
from linli.core.services import ServiceError
from linli.sharing import services
from linli.sharing.models import Loan
from tests.conftest import make_household, make_person

from .conftest import ask, english_client, lend, list_item


@pytest.fixture
def elsewhere(community: Community) -> User:
    """Same building, unit and flat number as ``owner``, in another courtyard."""
    home = make_household(community, ["槐树院", "2栋", "1单元", "301"])
    return make_person(community, "huaishu@test.org", Role.RESIDENT, home, language="en")


@pytest.mark.django_db
def test_two_courtyards_with_the_same_flat_number_are_two_headings(
    community, owner, borrower, elsewhere
):
    list_item(owner, community, "锤子")
    list_item(elsewhere, community, "梯子")
    courtyards = services.board(community, services.on_board(community))
    assert [c.name for c in courtyards] == ["梧桐院", "槐树院"] or [c.name for c in courtyards] == [
        "槐树院",
        "梧桐院",
    ]
    headings = {b.heading for c in courtyards for b in c.buildings}
    assert headings == {"梧桐院 · 2栋", "槐树院 · 2栋"}
    page = english_client(borrower).get(f"/c/{community.slug}/sharing/").content.decode()
    assert "梧桐院 · 2栋" in page and "槐树院 · 2栋" in page
    assert 'href="#c-1"' in page and 'href="#c-2"' in page  # jump to a courtyard
    figures = services.figures(community)
    assert {row.building for row in figures.by_building} >= {"梧桐院 2栋", "槐树院 2栋"}


@pytest.mark.django_db
def test_what_we_borrow_names_the_lender_and_our_items_say_lent_out(
    community, owner, borrower, item
):
    loan = lend(owner, borrower, item)
    page = english_client(borrower).get(f"/c/{community.slug}/sharing/mine/").content.decode()
    borrowing = page[page.index('id="borrowing"') : page.index('id="items"')]
    assert "梧桐院 2栋 1单元 301" in borrowing  # the owner's flat
    assert "梧桐院 3栋 2单元 502" not in borrowing  # not our own
    mine = english_client(owner).get(f"/c/{community.slug}/sharing/mine/").content.decode()
    ours = mine[mine.index('id="items"') : mine.index('id="box"')]
    assert f"lent out, back by {loan.due_on:%Y-%m-%d}" in ours
    assert "available to borrow" not in ours


@pytest.mark.django_db
def test_an_early_pick_up_confirmed_by_the_owner_can_be_confirmed_by_the_borrower(
    community, owner, borrower, item
):
    loan = ask(borrower, item, start=3)
    services.decide(owner, loan, True)
    with pytest.raises(ServiceError, match="owner hands it over earlier"):
        services.confirm_handover(borrower, loan)
    page = english_client(borrower).get(loan.get_absolute_url()).content.decode()
    assert "You can confirm the pick-up from" in page and "I received it" not in page
    services.confirm_handover(owner, loan)
    page = english_client(borrower).get(loan.get_absolute_url()).content.decode()
    assert "I received it" in page
    loan = services.confirm_handover(borrower, loan)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.HANDED_OVER
    assert loan.starts_on == services.today()


@pytest.mark.django_db
def test_the_board_page_in_chinese_keeps_the_courtyard(community, owner, borrower, elsewhere):
    list_item(elsewhere, community, "梯子")
    with translation.override("zh-hans"):
        page = english_client(borrower).get(f"/c/{community.slug}/sharing/").content.decode()
    assert "槐树院 · 2栋 · 1单元" in page
