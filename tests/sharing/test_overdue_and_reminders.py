"""Due-soon and overdue are different messages, each sent once; an overdue loan blocks new loans;
listings expire after 90 days unless renewed, with a reminder a week before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from linli.core.models import Notification
from linli.core.services import ServiceError
from linli.sharing import services
from linli.sharing.models import Item

from .conftest import ask, lend, list_item, today


@pytest.mark.django_db
def test_due_soon_then_overdue_each_once(owner, borrower, item, time_machine):
    time_machine.move_to("2026-05-01 10:00 +08:00", tick=False)
    loan = lend(owner, borrower, item, days=3)  # due 2026-05-03
    assert services.sweep()["due_soon"] == 0
    time_machine.move_to("2026-05-02 09:00 +08:00", tick=False)
    assert services.sweep() == {"due_soon": 1, "overdue": 0, "expiring": 0}
    assert services.sweep()["due_soon"] == 0
    time_machine.move_to("2026-05-04 09:00 +08:00", tick=False)
    assert services.sweep()["overdue"] == 1
    assert services.sweep()["overdue"] == 0
    titles = list(
        Notification.objects.filter(user=borrower, kind="sharing_reminders").values_list(
            "title", flat=True
        )
    )
    assert sorted(titles) == sorted(
        ["Please return 电钻 by 2026-05-03", "Overdue: 电钻 was due back on 2026-05-03"]
    )
    assert Notification.objects.filter(user=owner, title="电钻 has not come back yet").count() == 1
    loan.refresh_from_db()
    assert services.is_overdue(loan)


@pytest.mark.django_db
def test_an_overdue_loan_blocks_new_loans_until_returned(owner, borrower, community, time_machine):
    time_machine.move_to("2026-05-01 10:00 +08:00", tick=False)
    drill = list_item(owner, community, "电钻")
    ladder = list_item(owner, community, "梯子")
    loan = lend(owner, borrower, drill, days=2)
    time_machine.move_to("2026-05-05 10:00 +08:00", tick=False)
    with pytest.raises(ServiceError, match="still has 电钻, which was due back on 2026-05-02"):
        ask(borrower, ladder)
    services.confirm_return(borrower, loan)
    services.confirm_return(owner, loan)
    assert ask(borrower, ladder).status == "requested"


@pytest.mark.django_db
def test_an_approval_is_refused_when_the_borrower_became_overdue(
    owner, borrower, neighbour, community, time_machine
):
    time_machine.move_to("2026-05-01 10:00 +08:00", tick=False)
    drill = list_item(owner, community, "电钻")
    tent = list_item(neighbour, community, "帐篷", category="sports")
    loan = lend(owner, borrower, drill, days=1)
    request = ask(borrower, tent, start=3, days=2)
    time_machine.move_to("2026-05-03 10:00 +08:00", tick=False)
    with pytest.raises(ServiceError, match="return it first"):
        services.decide(neighbour, request, True)
    assert loan.pk


@pytest.mark.django_db
def test_a_listing_expires_after_90_days_unless_renewed(owner, borrower, community, time_machine):
    time_machine.move_to("2026-01-01 10:00 +08:00", tick=False)
    item = list_item(owner, community, "儿童绘本", category="books")
    assert str(item.expires_on) == "2026-04-01"
    time_machine.move_to("2026-03-27 10:00 +08:00", tick=False)
    call_command("sharing_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Notification.objects.filter(
            user=owner, title="儿童绘本 leaves the board on 2026-04-01"
        ).count()
        == 1
    )
    assert services.sweep()["expiring"] == 0
    time_machine.move_to("2026-04-02 10:00 +08:00", tick=False)
    assert not services.on_board(community).exists()
    assert Item.objects.filter(pk=item.pk).exists()  # kept, only off the board
    with pytest.raises(ServiceError, match="not lent at the moment"):
        ask(borrower, item)
    services.renew(owner, item)
    assert str(Item.objects.get(pk=item.pk).expires_on) == str(today() + timedelta(days=90))
    assert services.on_board(community).count() == 1
