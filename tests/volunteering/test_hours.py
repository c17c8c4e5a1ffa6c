"""Hours: claimed by the volunteer, recorded by the leader (one or a paper sheet), verified or
declined with a reason; corrections are requests the leader decides; the ledger and milestones
follow verified hours only."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from linli.core.models import Notification
from linli.core.services import ServiceError
from linli.participation.models import Act, Depth
from linli.volunteering import services
from linli.volunteering.models import Correction, Hours, Milestone

from .conftest import english_client, make_activity, member


@pytest.fixture
def done(team, team_leader, team_member, time_machine):  # type: ignore[no-untyped-def]
    """An activity the team member signed up for, now under way."""
    activity = make_activity(team, team_leader, hours=3)
    services.sign_up(team_member, activity, member(team_member))
    time_machine.move_to(activity.starts_at + timedelta(hours=1), tick=False)
    return activity


def test_claim_verify_and_the_ledger(done, team_leader, team_member):
    entry = services.log_hours(team_member, done, member(team_member), "2.5", "浇水")
    assert entry.status == "claimed"
    assert not Act.objects.filter(
        method="volunteering", member=member(team_member), depth=Depth.INVOLVED
    ).exists()
    services.decide_hours(team_leader, entry, True)
    entry.refresh_from_db()
    assert entry.status == "verified" and entry.decided_by == team_leader
    act = Act.objects.get(
        method="volunteering", member=member(team_member), source_type="volunteering.activity"
    )
    assert act.depth == Depth.INVOLVED and act.occurred_at == done.starts_at  # involved
    assert services.verified_total(member(team_member)) == Decimal("2.5")


def test_a_team_leader_is_leading_in_the_ledger(team, team_leader):
    act = Act.objects.get(
        member=member(team_leader), method="volunteering", source_type="volunteering.team"
    )
    assert act.get_depth_display() == "leading"


def test_declining_needs_a_reason_and_tells_the_volunteer(done, team_leader, team_member):
    entry = services.log_hours(team_member, done, member(team_member), 3)
    with pytest.raises(ServiceError, match="Say why"):
        services.decide_hours(team_leader, entry, False, " ")
    services.decide_hours(team_leader, entry, False, "只来了一小时")
    entry.refresh_from_db()
    assert entry.status == "declined" and entry.decline_reason == "只来了一小时"
    note = Notification.objects.filter(user=team_member, kind="volunteer_hours").latest("id")
    assert "declined" in note.title and note.body == "只来了一小时"
    with pytest.raises(ServiceError, match="already decided"):
        services.decide_hours(team_leader, entry, True)


def test_only_leaders_verify(done, team_member, resident, leader):
    entry = services.log_hours(team_member, done, member(team_member), 2)
    for someone in (team_member, resident, leader):  # leader: a community role, not this team's
        with pytest.raises(PermissionDenied, match=r"^volunteering\.lead_team$"):
            services.decide_hours(someone, entry, True)


def test_bad_hours_are_refused(done, team_member, resident):
    between = r"^Hours must be between 0\.5 and 24\.$"
    for bad, message in [
        ("abc", r"^Write the hours as a number, e\.g\. 2 or 1\.5\.$"),
        ("0", between),
        ("-1", between),
        ("25", between),
        ("1.25", r"^Hours are counted in half hours, e\.g\. 1\.5\.$"),
        ("NaN", between),
        ("inf", between),
    ]:
        with pytest.raises(ServiceError, match=message):
            services.log_hours(team_member, done, member(team_member), bad)
    with pytest.raises(ServiceError, match="longer than the activity"):
        services.log_hours(team_member, done, member(team_member), 8)
    with pytest.raises(ServiceError, match="Only people who signed up"):
        services.log_hours(resident, done, member(resident), 2)
    with pytest.raises(PermissionDenied, match=r"^volunteering\.take_part$"):
        services.log_hours(resident, done, member(team_member), 2)


def test_no_hours_before_the_start(team, team_leader, team_member):
    activity = make_activity(team, team_leader)
    services.sign_up(team_member, activity, member(team_member))
    with pytest.raises(ServiceError, match="once the activity has started"):
        services.log_hours(team_member, activity, member(team_member), 2)


def test_corrections_are_requests_never_silent_edits(done, team_leader, team_member):
    entry = services.log_hours(team_member, done, member(team_member), 2)
    services.decide_hours(team_leader, entry, True)
    with pytest.raises(ServiceError, match="already verified"):
        services.log_hours(team_member, done, member(team_member), 3)
    correction = services.request_correction(team_member, entry, "3", "我留下来收拾了工具")
    entry.refresh_from_db()
    assert entry.hours == 2  # unchanged until the leader decides
    with pytest.raises(ServiceError, match="already waiting"):
        services.request_correction(team_member, entry, "2.5", "x")
    with pytest.raises(ServiceError, match="Say why"):
        services.decide_correction(team_leader, correction, False, "")
    services.decide_correction(team_leader, correction, True)
    entry.refresh_from_db()
    assert entry.hours == 3 and entry.status == "verified"
    second = services.request_correction(team_member, entry, "4", "还有准备时间")
    services.decide_correction(team_leader, second, False, "准备时间不算")
    entry.refresh_from_db()
    assert entry.hours == 3
    history = list(
        Correction.objects.filter(entry=entry)
        .order_by("requested_at")
        .values_list("old_hours", "new_hours", "status")
    )
    assert history == [(2, 3, "accepted"), (3, 4, "declined")]


def test_someone_else_cannot_ask_to_correct(done, team_leader, team_member, resident):
    entry = services.log_hours(team_member, done, member(team_member), 2)
    services.decide_hours(team_leader, entry, True)
    with pytest.raises(PermissionDenied, match=r"^volunteering\.correction$"):
        services.request_correction(resident, entry, "5", "x")
    url = f"/c/{done.team.community.slug}/volunteering/hours/{entry.pk}/correct/"
    assert english_client(resident).get(url).status_code == 404
    response = english_client(team_member).post(url, {"new_hours": "abc", "reason": "多了"})
    assert response.status_code == 400 and "多了" in response.content.decode()


def test_the_leader_records_a_paper_sheet_all_or_nothing(
    community, done, team_leader, team_member, resident
):
    url = f"/c/{community.slug}/volunteering/activities/{done.pk}/hours/"
    client = english_client(team_leader)
    page = client.get(url).content.decode()
    label = f"{member(resident).name} · 梧桐院 1栋 1单元 101 [{member(resident).pk}]"
    assert f"[{member(resident).pk}]" in page
    bad = client.post(
        url,
        {
            "action": "paper",
            "who_0": f"x [{member(resident).pk}]",
            "hours_0": "2",
            "who_1": "没有这个人",
            "hours_1": "2",
        },
    )
    assert bad.status_code == 400
    assert "Line 2" in bad.content.decode() and "没有这个人" in bad.content.decode()
    assert not Hours.objects.exists()
    good = client.post(
        url,
        {
            "action": "paper",
            "who_0": label,
            "hours_0": "2",
            "who_1": member(team_member).name,
            "hours_1": "1.5",
        },
    )
    assert good.status_code == 302
    rows = dict(Hours.objects.values_list("member__user__email", "hours"))
    assert rows == {"resident@test.org": Decimal("2"), "teammember@test.org": Decimal("1.5")}
    assert set(Hours.objects.values_list("status", "source")) == {("verified", "paper")}


def test_milestones_are_celebrated_once(team, team_leader, team_member, time_machine):
    activities = [
        make_activity(team, team_leader, starts_in=timedelta(days=1 + i), hours=12)
        for i in range(10)
    ]
    time_machine.move_to(activities[-1].ends_at + timedelta(hours=1), tick=False)
    for activity in activities[:4]:
        services.log_hours(
            team_leader, activity, member(team_member), 12, source=Hours.Source.LEADER
        )
    assert not Milestone.objects.exists()
    services.log_hours(team_leader, activities[4], member(team_member), 12, source="leader")  # 60
    assert list(Milestone.objects.values_list("threshold", flat=True)) == [50]
    for activity in activities[5:9]:  # 108
        services.log_hours(team_leader, activity, member(team_member), 12, source="leader")
    assert list(Milestone.objects.values_list("threshold", flat=True)) == [50, 100]
    titles = list(
        Notification.objects.filter(user=team_member, title__contains="hours of volunteering")
        .order_by("id")
        .values_list("title", flat=True)
    )
    assert titles == [
        "50 hours of volunteering: thank you!",
        "100 hours of volunteering: thank you!",
    ]
    page = (
        english_client(team_member)
        .get(f"/c/{team.community.slug}/volunteering/mine/")
        .content.decode()
    )
    assert "100 hours" in page and "next milestone: 250 hours" in page


def test_check_in_by_code_tick_and_check_out(
    community, team, team_leader, team_member, resident, time_machine
):
    activity = make_activity(team, team_leader)
    a = services.sign_up(team_member, activity, member(team_member))
    b = services.sign_up(resident, activity, member(resident))
    other = make_activity(team, team_leader, title="别的活动")
    c = services.sign_up(resident, other, member(resident))
    url = f"/c/{community.slug}/volunteering/activities/{activity.pk}/check-in/"
    client = english_client(team_leader)
    assert client.post(url, {"action": "code", "code": services.checkin_url(a)}).status_code == 302
    again = client.post(url, {"action": "code", "code": a.code.lower()})
    assert again.status_code == 400 and "already checked in" in again.content.decode()
    wrong = client.post(url, {"action": "code", "code": c.code})
    assert "for another activity" in wrong.content.decode()
    assert client.post(url, {"action": "tick", "signup": b.pk}).status_code == 302
    time_machine.move_to(activity.starts_at + timedelta(hours=2, minutes=10), tick=False)
    assert client.post(url, {"action": "out", "signup": b.pk}).status_code == 302
    b.refresh_from_db()
    assert b.checked_in_at and b.checked_out_at
    assert english_client(team_member).get(url).status_code == 403


def test_the_team_page_shows_leaders_their_work(community, done, team_leader, team_member):
    services.log_hours(team_member, done, member(team_member), 2)
    url = f"/c/{community.slug}/volunteering/teams/{done.team.pk}/"
    assert "1 to decide" in english_client(team_leader).get(url).content.decode()
    assert "to decide" not in english_client(team_member).get(url).content.decode()
