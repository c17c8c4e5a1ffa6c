"""Sharing reminders go over real SMTP to a local aiosmtpd server, in each resident's language:
"due soon" and "overdue" are different messages, and each arrives once."""

from __future__ import annotations

import email.header

import pytest

from linli.core.models import OutboundEmail, User
from linli.sharing import services
from tests.core.test_email_over_smtp import body_of, smtp, smtp_settings  # noqa: F401

from .conftest import lend


def subject(message) -> str:  # type: ignore[no-untyped-def]
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


@pytest.mark.django_db(transaction=True)
def test_due_soon_and_overdue_arrive_once_each_in_the_readers_language(
    smtp,  # noqa: F811
    owner,
    borrower,
    item,
    time_machine,
):
    User.objects.filter(pk=owner.pk).update(language="zh-hant")
    time_machine.move_to("2026-05-01 10:00 +08:00", tick=False)
    lend(owner, borrower, item, days=2)  # due 2026-05-02
    OutboundEmail.objects.all().delete()
    inbox, port = smtp()
    with smtp_settings(port):
        time_machine.move_to("2026-05-01 20:00 +08:00", tick=False)
        assert services.sweep()["due_soon"] == 1
        time_machine.move_to("2026-05-03 09:00 +08:00", tick=False)
        assert services.sweep()["overdue"] == 1
        assert services.sweep() == {"due_soon": 0, "overdue": 0, "expiring": 0}
    by_subject = {subject(m): m for m in inbox.messages}
    assert sorted(by_subject) == sorted(
        [
            "Please return 电钻 by 2026-05-02",
            "Overdue: 电钻 was due back on 2026-05-02",
            "电钻還沒有歸還",  # the item name stays as the owner typed it
        ]
    )
    due = body_of(by_subject["Please return 电钻 by 2026-05-02"], "plain")
    late = body_of(by_subject["Overdue: 电钻 was due back on 2026-05-02"], "plain")
    assert "the loan ends soon" in due and "cannot borrow anything else" in late
    assert "已經提醒借用人" in body_of(by_subject["电钻還沒有歸還"], "plain")
