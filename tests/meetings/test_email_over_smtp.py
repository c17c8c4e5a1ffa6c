"""Meeting mail goes over real SMTP to a local aiosmtpd server, in each resident's language, with a
plain-text and an HTML part; a refused send is retried and never lost."""

from __future__ import annotations

import email.header

import pytest
from django.utils import timezone

from linli.core.models import OutboundEmail
from linli.core.tasks import send_due_emails
from linli.meetings import services
from tests.conftest import make_person
from tests.core.test_email_over_smtp import body_of, smtp, smtp_settings  # noqa: F401

from .conftest import make_meeting, member


def subject(message) -> str:  # type: ignore[no-untyped-def]
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


@pytest.mark.django_db(transaction=True)
def test_confirmation_arrives_in_english_and_in_traditional_chinese(smtp, community, organiser):  # noqa: F811
    english = make_person(community, "en@test.org", language="en")
    hant = make_person(community, "hant@test.org", language="zh-hant")
    meeting = make_meeting(community, organiser, title="Courtyard briefing")
    inbox, port = smtp()
    with smtp_settings(port):
        services.register(english, meeting, member(english))
        services.register(hant, meeting, member(hant))
    by_to = {m["To"]: m for m in inbox.messages}
    en = by_to["en@test.org"]
    assert subject(en) == "You have a place: Courtyard briefing"
    assert "check-in code is" in body_of(en, "plain")
    assert "<html" in body_of(en, "html") and "check-in code is" in body_of(en, "html")
    zh = by_to["hant@test.org"]
    assert subject(zh) == "報名成功：Courtyard briefing"
    assert "簽到碼" in body_of(zh, "plain") and "簽到碼" in body_of(zh, "html")
    assert OutboundEmail.objects.filter(status="sent").count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_refused_reminder_is_retried_and_arrives_once(smtp, community, organiser, time_machine):  # noqa: F811
    from datetime import timedelta

    user = make_person(community, "retry@test.org", language="en")
    time_machine.move_to(timezone.now(), tick=False)
    meeting = make_meeting(
        community, organiser, title="坝坝会", starts_at=timezone.now() + timedelta(hours=47)
    )
    services.register(user, meeting, member(user))
    inbox, port = smtp(refuse=1)
    with smtp_settings(port):
        assert services.sweep()["reminders_sent"] == 1
        reminder = OutboundEmail.objects.get(kind="meeting_reminders")
        assert reminder.status == "queued" and "451" in reminder.last_error
        assert services.sweep()["reminders_sent"] == 0  # the reminder itself is not made again
        time_machine.shift(120)
        assert send_due_emails() >= 1
    reminder.refresh_from_db()
    assert reminder.status == "sent" and reminder.attempts == 2
    assert [subject(m) for m in inbox.messages] == ["In two days: 坝坝会"]
