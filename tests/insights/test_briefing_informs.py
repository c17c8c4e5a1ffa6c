"""A resident who comes to a briefing (宣讲会) is "informed": the bottom rung of the ladder, counted
in the figures as informed, not as taking part. The meetings module records the attendance; its
depth becomes 1 in a change to ``linli/meetings`` made by that module (until then, 3)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from linli.core.models import Member
from linli.insights import queries
from linli.insights.figures import raw
from linli.meetings import services
from linli.meetings.models import Meeting


def test_a_briefing_attendee_is_informed(community, organiser, leader, resident):
    starts = timezone.now() + timedelta(days=2)
    meeting = Meeting(
        community=community,
        kind=Meeting.Kind.BRIEFING,
        title="院坝改造宣讲会",
        place="梧桐院院坝",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    services.save_meeting(organiser, meeting)
    services.publish(organiser, meeting)
    member = Member.objects.get(user=resident)
    registration = services.register(resident, meeting, member)
    now = timezone.now()  # the day comes: the briefing is on
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(minutes=30)
    )
    meeting.refresh_from_db()
    services.check_in(leader, meeting, registration.code)
    today = date.today()
    levels = queries.member_ladder(member, today - timedelta(days=30), today)
    assert levels["after"] == "informed" and levels["after_depth"] == 1
    values = raw(community, today.year)
    assert values["residents_informed"] == 1 and values["residents_taking_part"] == 0
