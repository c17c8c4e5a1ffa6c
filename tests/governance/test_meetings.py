"""A body's meetings through the meetings module (issue 18): scheduled as a meetings-module
meeting with every member invited (with or without an account); the agenda built from matters
other modules offer (proposals, feedback items), open motions and the secretary's own items;
attendance and the quorum, adjusted per item for members standing aside; minutes per item;
resolutions with an owner and a due date followed to done with a report-back; issues resolved per
year; ledger, audit and the owner's notification."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from linli.core.audit import AuditEntry
from linli.core.kit import Refused
from linli.core.models import Member, Notification
from linli.feedback.models import Item
from linli.governance import meeting_services as services
from linli.governance import queries, sittings
from linli.governance import services as body_services
from linli.governance.models import AgendaItem, Motion, Resolution
from linli.governance.work_queue import work
from linli.meetings.models import Meeting, Minutes
from linli.participation.models import Act, Depth
from linli.proposals.models import Proposal


def schedule(board, days: int = 0, hours: int = 1, actor=None):
    starts = timezone.now() + timedelta(days=days, hours=-hours)
    return services.schedule_meeting(
        actor or board.secretary,
        board.body,
        title="Third meeting of the council",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Community room",
    )


def members(board, *names):
    return [board.seats[name].member for name in names]


@pytest.fixture
def sitting(board):
    return schedule(board)


@pytest.fixture
def proposal(community, household):
    author = Member.objects.filter(community=community).first()
    return Proposal.objects.create(
        community=community,
        author=author,
        title="Benches under the gingko",
        body="Old neighbours need a seat.",
        status=Proposal.Status.RECEIVED,
        published_at=timezone.now(),
    )


@pytest.fixture
def feedback_item(community):
    return Item.objects.create(
        community=community, category="environment", title="Rubbish piled in stairwell 3"
    )


def test_a_meeting_of_the_body_is_a_meetings_module_meeting_with_every_member_invited(board):
    sitting = schedule(board, days=3)
    meeting = sitting.meeting
    assert isinstance(meeting, Meeting)
    assert meeting.registration == Meeting.Registration.INVITATION
    assert meeting.status == Meeting.Status.PUBLISHED
    invited = set(meeting.registrations.values_list("member__name", flat=True))
    assert invited == {s.member.name for s in board.seats.values()}
    assert meeting.invitations.count() == 5
    assert AuditEntry.objects.filter(action="governance.meeting_scheduled").count() == 1


def test_a_meeting_that_ends_before_it_starts_is_refused(board):
    now = timezone.now()
    with pytest.raises(Refused, match=re.escape("The meeting must end after it starts.")):
        services.schedule_meeting(
            board.secretary, board.body, title="x", starts_at=now, ends_at=now
        )


def test_a_resident_off_the_body_cannot_schedule_and_any_officer_can(board, resident):
    with pytest.raises(PermissionDenied, match=r"governance.run_body"):
        schedule(board, actor=resident)
    assert schedule(board, actor=board.vice).body == board.body


def test_the_agenda_is_built_from_proposals_feedback_motions_and_free_items(
    board, sitting, proposal, feedback_item
):
    matters = sittings.agenda_matters(board.body.community)
    assert set(matters) == {
        f"proposals.proposal:{proposal.pk}",
        f"feedback.item:{feedback_item.pk}",
    }
    motion = body_services.open_motion(
        board.chair, board.body, kind="decision", method=Motion.Method.HANDS, title="Paint"
    )
    first = services.add_agenda_item(
        board.secretary, sitting, matter=f"proposals.proposal:{proposal.pk}"
    )
    second = services.add_agenda_item(
        board.secretary, sitting, matter=f"feedback.item:{feedback_item.pk}"
    )
    third = services.add_agenda_item(board.secretary, sitting, motion=motion)
    fourth = services.add_agenda_item(board.secretary, sitting, title="Any other business")
    assert [i.kind for i in sitting.items.all()] == ["matter", "matter", "motion", "free"]
    assert first.url == proposal.get_absolute_url() and first.title == proposal.title
    assert second.title == "Rubbish piled in stairwell 3"
    assert third.motion == motion
    services.move_agenda_item(board.secretary, fourth, up=True)
    assert [i.pk for i in sitting.items.all()] == [first.pk, second.pk, fourth.pk, third.pk]


def test_an_agenda_item_must_be_one_open_thing_and_only_once(board, sitting, proposal):
    key = f"proposals.proposal:{proposal.pk}"
    services.add_agenda_item(board.secretary, sitting, matter=key)
    with pytest.raises(Refused, match=re.escape("This is already on the agenda.")):
        services.add_agenda_item(board.secretary, sitting, matter=key)
    with pytest.raises(
        Refused, match=re.escape("This matter is not open any more; choose another.")
    ):
        services.add_agenda_item(board.secretary, sitting, matter="proposals.proposal:99999")
    with pytest.raises(
        Refused, match=re.escape("Choose one matter, one motion, or write one item.")
    ):
        services.add_agenda_item(board.secretary, sitting)
    proposal.status = Proposal.Status.DONE
    proposal.save()
    assert sittings.agenda_matters(board.body.community) == {}


def test_matters_of_a_module_switched_off_are_not_offered(board, proposal, feedback_item):
    community = board.body.community
    community.modules_off = ["feedback"]
    community.save()
    assert list(sittings.agenda_matters(community)) == [f"proposals.proposal:{proposal.pk}"]


def test_quorum_from_attendance_and_members_standing_aside_per_item(board, sitting):
    item = services.add_agenda_item(board.secretary, sitting, title="Wall garden in 梧桐院")
    assert sittings.quorum(sitting).met is False
    services.record_attendance(board.secretary, sitting, members(board, "chair", "secretary"))
    q = sittings.quorum(sitting)
    assert (q.present, q.entitled, q.needed, q.met) == (2, 5, 3, False)
    services.record_attendance(
        board.secretary, sitting, members(board, "chair", "secretary", "wang")
    )
    assert sittings.quorum(sitting).met is True
    services.stand_aside_on_item(
        board.secretary, item, board.seats["wang"].member, "She lives in 梧桐院."
    )
    on_item = sittings.quorum(sitting, item)
    assert (on_item.present, on_item.entitled, on_item.met) == (2, 4, True)
    assert [c.member.name for c in on_item.stood_aside] == ["王阿姨"]
    assert sittings.quorum(sitting).entitled == 5


def test_attendance_counts_only_members_and_only_once_the_meeting_started(
    board, community, resident
):
    future = schedule(board, days=2)
    with pytest.raises(
        Refused, match=re.escape("Attendance is recorded once the meeting has started.")
    ):
        services.record_attendance(board.secretary, future, members(board, "chair"))
    sitting = schedule(board)
    stranger = Member.objects.get(user=resident)
    with pytest.raises(Refused, match=re.escape("Only members of the body count for the quorum")):
        services.record_attendance(board.secretary, sitting, [stranger])


def test_attendance_is_a_check_in_and_a_ledger_row_withdrawn_when_unticked(board, sitting):
    services.record_attendance(board.secretary, sitting, members(board, "chair", "wang"))
    wang = board.seats["wang"].member
    registration = sitting.meeting.registrations.get(member=wang)
    assert registration.checked_in_at is not None
    act = Act.objects.get(member=wang, method="governance", source_type="meetings.meeting")
    assert act.depth == Depth.COLLABORATING and act.recorded_by == board.secretary
    services.record_attendance(board.secretary, sitting, members(board, "chair"))
    assert not Act.objects.filter(member=wang, source_type="meetings.meeting").exists()


def test_a_resolution_needs_a_future_due_date_and_an_owner_of_the_body_or_staff(
    board, sitting, community, resident, organiser
):
    item = services.add_agenda_item(board.secretary, sitting, title="Stairwell rubbish")
    outsider = Member.objects.get(user=resident)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(Refused, match=re.escape("The due date cannot be in the past.")):
        services.resolve(
            board.secretary,
            item,
            text="Clear it",
            owner=board.seats["wang"].member,
            due_on=timezone.localdate() - timedelta(days=1),
        )
    with pytest.raises(
        Refused,
        match=re.escape("The owner must be a member of the body or one of the community's staff."),
    ):
        services.resolve(board.secretary, item, text="Clear it", owner=outsider, due_on=tomorrow)
    with pytest.raises(Refused, match=re.escape("Say what is to be done.")):
        services.resolve(
            board.secretary, item, text=" ", owner=board.seats["li"].member, due_on=tomorrow
        )
    staff = Member.objects.get(user=organiser)
    assert services.resolve(board.secretary, item, text="Ask 物业", owner=staff, due_on=tomorrow)
    assert Resolution.objects.count() == 1


def test_a_resolution_is_followed_to_done_with_a_report_back_and_counts_as_resolved(board, sitting):
    item = services.add_agenda_item(board.secretary, sitting, title="Stairwell rubbish")
    vice = board.seats["vice"].member
    resolution = services.resolve(
        board.secretary,
        item,
        text="Clear stairwell 3 with the volunteers",
        owner=vice,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    note = Notification.objects.get(user=board.vice, kind="governance_resolution")
    assert note.url == resolution.get_absolute_url()
    with pytest.raises(
        Refused, match=re.escape("Report back: what was done, or why it was dropped.")
    ):
        services.follow_up(board.vice, resolution, Resolution.Status.DONE)
    services.follow_up(board.vice, resolution, Resolution.Status.IN_PROGRESS)
    services.follow_up(board.vice, resolution, Resolution.Status.DONE, "Cleared on Saturday.")
    resolution.refresh_from_db()
    assert resolution.status == "done" and resolution.report_back == "Cleared on Saturday."
    act = Act.objects.get(member=vice, source_type="governance.resolution")
    assert (act.depth, act.channel) == (Depth.LEADING, "online")
    now = timezone.now()
    community = board.body.community
    assert queries.issues_resolved(community, now - timedelta(days=1), now + timedelta(1)) == 1
    assert sittings.resolved_by_year(board.body) == [(timezone.localtime(now).year, 1)]
    with pytest.raises(Refused, match=re.escape("This resolution is closed: done or dropped.")):
        services.follow_up(board.vice, resolution, Resolution.Status.DROPPED, "x")


def test_only_the_owner_or_the_officers_report_on_a_resolution(board, sitting, resident):
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    resolution = services.resolve(
        board.secretary,
        item,
        text="Fix the lights",
        owner=board.seats["li"].member,  # no account: the secretary reports for him
        due_on=timezone.localdate() + timedelta(days=3),
    )
    with pytest.raises(PermissionDenied, match=r"governance.follow_up"):
        services.follow_up(resident, resolution, Resolution.Status.IN_PROGRESS)
    services.follow_up(board.secretary, resolution, Resolution.Status.DONE, "Fixed.")
    act = Act.objects.get(source_type="governance.resolution")
    assert (act.member.name, act.channel, act.recorded_by) == (
        "李大爷",
        "in_person",
        board.secretary,
    )


def test_a_motion_with_a_resolution_counts_once_when_the_resolution_is_done(board, sitting):
    motion = body_services.open_motion(
        board.chair, board.body, kind="decision", method=Motion.Method.HANDS, title="Paint"
    )
    item = services.add_agenda_item(board.secretary, sitting, motion=motion)
    body_services.record_count(
        board.secretary,
        motion,
        present=members(board, "chair", "secretary", "wang"),
        votes_for=3,
        votes_against=0,
        abstentions=0,
    )
    body_services.confirm_count(board.chair, motion)
    now = timezone.now()
    window = (now - timedelta(days=1), now + timedelta(days=1))
    community = board.body.community
    assert queries.issues_resolved(community, *window) == 1
    resolution = services.resolve(
        board.secretary,
        item,
        text="Buy the paint",
        owner=board.seats["vice"].member,
        due_on=timezone.localdate(),
    )
    assert queries.issues_resolved(community, *window) == 0
    services.follow_up(board.vice, resolution, Resolution.Status.DONE, "Bought.")
    assert queries.issues_resolved(community, *window) == 1


def test_overdue_resolutions_wait_on_the_organisers_work_queue(board, sitting, resident):
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    resolution = services.resolve(
        board.secretary,
        item,
        text="Fix the lights",
        owner=board.seats["li"].member,
        due_on=timezone.localdate() + timedelta(days=2),
    )
    community = board.body.community
    assert work(community, board.organiser)[0].count == 0
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert resolution.is_overdue
        queued = work(community, board.organiser)[0]
        assert (queued.count, queued.urgent, queued.url) == (
            1,
            True,
            resolution.get_absolute_url(),
        )
        assert work(community, resident) == []


def test_publishing_writes_the_meetings_minutes_and_opens_the_record_to_all(board, sitting):
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    with pytest.raises(Refused, match=re.escape("Write the minutes of at least one item before")):
        services.publish_minutes(board.secretary, sitting)
    services.write_item_minutes(board.secretary, item, "Three lamps are broken.")
    services.resolve(
        board.secretary,
        item,
        text="Fix the lights",
        owner=board.seats["li"].member,
        due_on=date.today() + timedelta(days=3),
    )
    services.publish_minutes(board.secretary, sitting)
    minutes = Minutes.objects.get(meeting=sitting.meeting)
    assert minutes.agenda == "Lights"
    assert minutes.summary == "Lights\nThree lamps are broken."
    assert minutes.decision_list == [f"Fix the lights (李大爷, {date.today() + timedelta(3)})"]
    assert minutes.published_at == sitting.published_at
    with pytest.raises(Refused, match=re.escape("The minutes of this meeting are published")):
        services.write_item_minutes(board.secretary, item, "changed")
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Three lamps are broken."
    assert (
        Act.objects.get(source_type="governance.bodymeeting").depth == Depth.LEADING
    )  # the secretary ran it
