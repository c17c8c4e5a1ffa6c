"""The organiser's dashboard is a work queue: every module's ``work_queue`` hook says what waits
(people to approve, overdue loans, unanswered objections...), urgent first, with a link; a
resident never sees it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import translation

from linli.core.activity import work_queue
from linli.core.kit import modules
from linli.core.models import Member, Role
from tests.conftest import client_for, make_household, make_person

pytestmark = pytest.mark.django_db


def test_modules_declare_their_work(community, organiser):
    labels = {label for label, _hook in modules.labelled_hooks("work_queue")}
    assert {"core", "sharing", "meetings", "proposals", "disclosure", "grants"} <= labels
    for _label, hook in modules.labelled_hooks("work_queue"):
        assert isinstance(hook.load()(community, organiser), list)


def test_pending_members_wait_for_the_organiser(community, organiser, resident):
    make_person(
        community,
        "new@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "5栋", "1单元", "501"]),
    )
    Member.objects.filter(user__email="new@test.org").update(status=Member.Status.PENDING)
    items = work_queue(community, organiser)
    with translation.override("en"):
        assert [(str(i.label), i.count, i.urgent) for i in items] == [
            ("people waiting for approval", 1, True)
        ]
    client = client_for(organiser)
    client.cookies["linli_language"] = "en"
    page = client.get(f"/c/{community.slug}/manage/").content.decode()
    assert "?status=pending" in page and "What waits for you" in page
    assert work_queue(community, resident) == []


def test_an_overdue_loan_is_urgent_work(community, organiser):
    import time_machine

    from linli.sharing import services
    from tests.sharing.conftest import list_item

    owner = make_person(
        community,
        "o@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "1栋", "1单元", "101"]),
    )
    borrower = make_person(
        community,
        "b@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "2栋", "1单元", "201"]),
    )
    item = list_item(owner, community, loan_days=3)
    day = services.today()
    loan = services.request_loan(borrower, item, day, day, "")
    loan = services.decide(owner, loan, True)
    loan = services.confirm_handover(owner, loan)
    loan = services.confirm_handover(borrower, loan)
    later = datetime(day.year, day.month, day.day, 12) + timedelta(days=10)
    with time_machine.travel(later), translation.override("en"):
        labels = {str(i.label): i.count for i in work_queue(community, organiser)}
    assert labels.get("Loans overdue") == 1
