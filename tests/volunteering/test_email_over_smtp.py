"""Volunteering mail goes over real SMTP to a local aiosmtpd server in each resident's language:
the 48-hour reminder arrives once, a milestone in Traditional Chinese."""

from __future__ import annotations

import email.header
from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.models import OutboundEmail
from linli.volunteering import services
from linli.volunteering.models import Hours
from tests.conftest import make_person
from tests.core.test_email_over_smtp import body_of, smtp, smtp_settings  # noqa: F401

from .conftest import join_all, make_activity, make_team, member


def subject(message) -> str:  # type: ignore[no-untyped-def]
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


@pytest.mark.django_db(transaction=True)
def test_reminder_and_milestone_arrive_over_smtp(smtp, community, organiser, time_machine):  # noqa: F811
    time_machine.move_to(timezone.now(), tick=False)
    leader = make_person(community, "lead@test.org", language="en")
    english = make_person(community, "en@test.org", language="en")
    hant = make_person(community, "hant@test.org", language="zh-hant")
    team = make_team(community, organiser, leader)
    join_all(team, [english, hant])
    soon = make_activity(team, leader, starts_in=timedelta(hours=47), title="Saturday garden")
    services.sign_up(english, soon, member(english))
    long_ones = [
        make_activity(team, leader, starts_in=timedelta(hours=1 + i * 25), hours=20)
        for i in range(3)
    ]
    inbox, port = smtp()
    with smtp_settings(port):
        assert services.sweep()["reminders_sent"] == 1
        assert services.sweep()["reminders_sent"] == 0
        time_machine.move_to(long_ones[-1].ends_at + timedelta(hours=1), tick=False)
        for activity in long_ones:
            services.log_hours(leader, activity, member(hant), 20, source=Hours.Source.LEADER)
    subjects = {(m["To"], subject(m)) for m in inbox.messages}
    assert ("en@test.org", "In two days: Saturday garden") in subjects
    milestone = [m for m in inbox.messages if m["To"] == "hant@test.org" and "50" in subject(m)]
    assert len(milestone) == 1 and "志願服務滿 50 小時" in subject(milestone[0])
    assert "證明" in body_of(milestone[0], "plain")
    reminders = [s for to, s in subjects if s.startswith("In two days")]
    assert len(reminders) == 1
    assert OutboundEmail.objects.filter(kind="volunteer_reminders").count() == 1
