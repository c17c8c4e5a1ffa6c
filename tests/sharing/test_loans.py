"""A loan through the services: request, answer, hand-over and return each confirmed by both
households, the ledger, the waiting list, and what neither side nor a stranger may do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from linli.core.models import Notification
from linli.core.services import ServiceError
from linli.participation.models import Act, Depth
from linli.sharing import services
from linli.sharing.models import Loan, WaitingEntry

from .conftest import ask, lend, list_item, member, today


@pytest.mark.django_db
def test_a_loan_from_request_to_return_needs_both_households(owner, borrower, item):
    loan = ask(borrower, item)
    assert loan.status == "requested"
    assert Notification.objects.filter(user=owner, kind="sharing_loans").exists()
    services.decide(owner, loan, True, "晚上七点后来拿")
    loan = services.confirm_handover(owner, loan)
    assert loan.status == "approved"  # waits for the borrower
    loan = services.confirm_handover(borrower, loan)
    assert loan.status == "handed_over" and loan.handed_over_at is not None
    loan = services.confirm_return(borrower, loan)
    assert loan.status == "handed_over"  # waits for the owner
    loan = services.confirm_return(owner, loan)
    assert loan.status == "returned"


@pytest.mark.django_db
def test_no_return_before_the_hand_over(owner, borrower, item):
    loan = ask(borrower, item)
    services.decide(owner, loan, True)
    services.confirm_handover(owner, loan)
    with pytest.raises(ServiceError, match="only after both sides confirmed the hand-over"):
        services.confirm_return(owner, loan)


@pytest.mark.django_db
def test_lending_and_borrowing_are_involved_once_per_loan_and_person(owner, borrower, item):
    loan = lend(owner, borrower, item)
    services.confirm_return(borrower, loan)
    services.confirm_return(owner, loan)
    acts = Act.objects.filter(method="sharing", source_id=str(loan.pk))
    assert sorted(a.member.user.email for a in acts) == ["borrower@test.org", "owner@test.org"]
    assert {a.depth for a in acts} == {Depth.INVOLVED}


@pytest.mark.django_db
def test_the_same_item_is_not_lent_twice_for_overlapping_days(owner, borrower, neighbour, item):
    first = ask(borrower, item, start=1, days=3)
    second = ask(neighbour, item, start=2, days=3)  # asking is allowed while nothing is approved
    services.decide(owner, first, True)
    with pytest.raises(ServiceError, match="cannot lend it twice"):
        services.decide(owner, second, True)
    services.cancel(neighbour, second)
    with pytest.raises(ServiceError, match="lent for some of these days"):
        services.request_loan(
            member(neighbour).user, item, today() + timedelta(days=3), today() + timedelta(days=4)
        )
    # days after the loan are free
    later = ask(neighbour, item, start=5, days=2)
    assert services.decide(owner, later, True).status == "approved"


@pytest.mark.django_db
def test_strangers_and_the_owner_cannot_take_the_borrowers_steps(
    owner, borrower, neighbour, item, outsider
):
    loan = ask(borrower, item)
    with pytest.raises(ServiceError, match="Only the lending household"):
        services.decide(borrower, loan, True)
    with pytest.raises(ServiceError, match="Only the two households"):
        services.decide(neighbour, loan, True)
    with pytest.raises(
        PermissionDenied, match=r"^sharing\.take_part$"
    ):  # not a member of this community
        services.decide(outsider, loan, True)
    with pytest.raises(ServiceError, match="own household"):
        ask(owner, item)


@pytest.mark.django_db
def test_bad_dates_are_refused_clearly(borrower, item):
    start = today()
    cases = [
        (start - timedelta(days=1), start, "cannot start in the past"),
        (start + timedelta(days=2), start, "before the first day"),
        (start, start + timedelta(days=10), "at most 7 days"),
        (None, start, "first day"),
    ]
    for first, last, message in cases:
        with pytest.raises(ServiceError, match=message):
            services.request_loan(borrower, item, first, last)
    assert not Loan.objects.exists()


@pytest.mark.django_db
def test_the_waiting_list_tells_the_next_neighbour_when_the_item_is_back(
    owner, borrower, neighbour, item
):
    loan = lend(owner, borrower, item)
    services.join_waiting(neighbour, item)
    assert services.free_from(item) == loan.due_on + timedelta(days=1)
    services.confirm_return(borrower, loan)
    services.confirm_return(owner, loan)
    note = Notification.objects.get(user=neighbour, kind="sharing_loans")
    assert "is free now" in note.title
    assert WaitingEntry.objects.get(member__user=neighbour).notified_at is not None
    ask(neighbour, item)  # asking takes one off the list
    assert not WaitingEntry.objects.exists()


@pytest.mark.django_db
def test_thanks_are_left_by_the_borrower_and_shown_by_the_owners_choice(owner, borrower, item):
    loan = lend(owner, borrower, item)
    with pytest.raises(ServiceError, match="once the item is returned"):
        services.leave_thanks(borrower, loan, "谢谢罗嬢嬢")
    services.confirm_return(borrower, loan)
    services.confirm_return(owner, loan)
    with pytest.raises(ServiceError, match="borrowing household"):
        services.leave_thanks(owner, loan, "不客气")
    services.leave_thanks(borrower, loan, "谢谢罗嬢嬢,孩子很喜欢")
    with pytest.raises(ServiceError, match="lending household chooses"):
        services.show_thanks(borrower, loan, True)
    services.show_thanks(owner, loan, True)
    groups = services.board(item.community, services.on_board(item.community))
    box = groups[0].buildings[0].units[0].boxes[0]
    assert [note.thanks for note in box.thanks] == ["谢谢罗嬢嬢,孩子很喜欢"]


@pytest.mark.django_db
def test_a_problem_is_settled_between_neighbours_or_mediated(owner, borrower, item, organiser):
    loan = lend(owner, borrower, item)
    with pytest.raises(ServiceError, match="Describe"):
        services.report_problem(owner, loan, "damage", "  ")
    problem = services.report_problem(owner, loan, "damage", "钻头断了")
    assert problem.status == "open"
    services.ask_mediation(borrower, problem)
    assert Notification.objects.filter(user=organiser, kind="sharing_problems").exists()
    with pytest.raises(ServiceError, match="Only the organiser writes"):
        services.resolve(borrower, problem, "赔一个钻头", notes="记录")
    services.note_mediation(organiser, problem, "双方在活动室见面")
    problem = services.resolve(organiser, problem, "借方买了新钻头")
    assert problem.status == "resolved" and problem.mediation_notes == "双方在活动室见面"
    with pytest.raises(ServiceError, match="already resolved"):
        services.resolve(owner, problem, "again")


@pytest.mark.django_db
def test_a_problem_cannot_be_reported_before_the_item_changed_hands(owner, borrower, item):
    loan = ask(borrower, item)
    with pytest.raises(ServiceError, match="once the item has changed hands"):
        services.report_problem(borrower, loan, "loss", "丢了")


@pytest.mark.django_db
def test_a_paused_item_cannot_be_asked_for(owner, borrower, item):
    services.set_availability(owner, item, False)
    with pytest.raises(ServiceError, match="not lent at the moment"):
        ask(borrower, item)
    with pytest.raises(ServiceError, match="only your own"):
        services.set_availability(borrower, item, True)


@pytest.mark.django_db
def test_only_own_items_can_be_changed(owner, borrower, community):
    item = list_item(owner, community, "烤箱", category="kitchen")
    item.name = "别人的烤箱"
    with pytest.raises(ServiceError, match="only your own"):
        services.save_item(borrower, item)
