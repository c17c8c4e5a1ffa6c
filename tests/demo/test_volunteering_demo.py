"""The volunteering demo ran through the commands on its own days (issue 16): hours are logged
and verified after their shift, milestones are dated by the shift that crossed them, the garden
guard's next shifts have free places and a waiting list, and the leader has a claim to verify."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.models import AuditEntry
from linli.participation.models import Act
from linli.volunteering.models import Activity, Certificate, Hours, Milestone, SignUp, Team


def test_hours_are_logged_and_verified_after_their_shift(demo, db):
    hours = Hours.objects.select_related("activity")
    assert hours.count() > 500
    for entry in hours:
        assert entry.activity.starts_at <= entry.logged_at, entry.pk
        assert entry.logged_at < entry.activity.starts_at + timedelta(days=1), entry.pk
        if entry.status == Hours.Status.VERIFIED:
            assert entry.decided_at is not None and entry.decided_at >= entry.logged_at
    assert set(hours.values_list("source", flat=True)) == {"paper", "leader", "self"}


def test_each_milestone_is_dated_by_the_shift_that_crossed_it(demo, db):
    milestones = Milestone.objects.all()
    assert {m.threshold for m in milestones} >= {50, 100}
    for milestone in milestones:
        total = 0
        verified = Hours.objects.filter(member=milestone.member_id, status=Hours.Status.VERIFIED)
        for entry in verified.order_by("decided_at"):
            total += entry.hours
            if total >= milestone.threshold:
                break
        assert total >= milestone.threshold, milestone.pk
        gap = abs(milestone.reached_at - entry.decided_at)
        assert gap < timedelta(minutes=1), (milestone.pk, gap)


def test_teams_exist_before_their_shifts_and_the_ledger_follows_the_hours(demo, db):
    for team in Team.objects.all():
        first = Activity.objects.filter(team=team).order_by("starts_at").first()
        if first is not None:
            assert team.created_at < first.starts_at, team.name
    verified = Hours.objects.filter(status=Hours.Status.VERIFIED).count()
    acts = Act.objects.filter(method="volunteering", source_type="volunteering.activity")
    assert acts.count() == verified
    logged = AuditEntry.objects.filter(action="volunteering.impact").order_by("at")
    assert logged.exists() and logged.first().at < timezone.now() - timedelta(days=300)


def test_the_garden_guard_has_places_a_waiting_list_and_a_claim_to_verify(demo, db):
    guard = Team.objects.get(name="启明花园护绿队")
    upcoming = list(
        Activity.objects.filter(team=guard, starts_at__gt=timezone.now()).order_by("starts_at")
    )
    first, second = upcoming[0], upcoming[1]
    assert first.signups.filter(status=SignUp.Status.CONFIRMED).count() == 8
    assert second.signups.filter(status=SignUp.Status.CONFIRMED).count() == 15
    assert second.signups.filter(status=SignUp.Status.WAITING).count() == 3
    claim = Hours.objects.get(activity__team=guard, status=Hours.Status.CLAIMED)
    assert claim.member.user.email == "resident@example.org"
    assert claim.note == "还帮忙搬了花盆"
    signup = SignUp.objects.get(activity=claim.activity, member=claim.member)
    assert signup.checked_in_at is not None and signup.checked_in_by is not None
    assert Certificate.objects.filter(total_hours__gt=0).count() == 1
