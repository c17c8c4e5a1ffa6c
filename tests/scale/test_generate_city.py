"""``generate_city`` on a small district: the invariants the modules' commands keep, and the
pages an organiser and a resident reach answer. Runs on SQLite, and on PostgreSQL with
``DATABASE_URL`` set (see docs/deployment.md, "Scale")."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from linli.budgeting.models import Idea, Outcome, Process
from linli.core.models import Community, Demographics, Household, Member, Place, Role, User
from linli.disclosure.models import Publicity
from linli.governance.models import Body
from linli.grants.models import Application, Call
from linli.meetings.models import Registration
from linli.participation.models import Act
from linli.proposals.models import Comment, Proposal, Support
from linli.reviews.models import Application as ContestApplication
from linli.reviews.models import Contest, InspectionVisit, Score, Signature
from linli.scale import plan
from linli.sharing.models import Loan
from linli.surveys.models import Participation, Response, Survey
from linli.tracking.models import FundedProject, Spending
from linli.volunteering.models import Hours
from linli.votes.models import Ballot, RollEntry, Vote
from tests.conftest import client_for

from .pages import ORGANISER_PAGES, RESIDENT_PAGES, page_urls

pytestmark = pytest.mark.django_db


def _by(queryset, key: str) -> Counter:
    return Counter({row[key]: row["n"] for row in queryset.values(key).annotate(n=Count("pk"))})


def _acts(method: str, source_type: str) -> Counter:
    rows = Act.objects.filter(method=method, source_type=source_type)
    return Counter({int(k): v for k, v in _by(rows, "source_id").items()})


def test_plan_splits_and_areas_hold_every_household():
    assert plan.split(7, 3) == [3, 2, 2]
    assert sum(plan.split(50000, 20)) == 50000
    for households in (1, 150, 2500):
        assert sum(a.flats for a in plan.areas_for(households)) >= households
    names = [a.name for a in plan.areas_for(20000)]
    assert len(names) == len(set(names)), "area names are unique in a community"


def test_a_small_city_keeps_the_commands_invariants_and_its_pages_answer(capsys):
    call_command("generate_city", "--communities", "2", "--households", "300")
    out = capsys.readouterr().out
    assert "c01" in out and "c02" in out and "City generated" in out

    communities = list(Community.objects.order_by("slug"))
    assert [c.slug for c in communities] == ["c01", "c02"]
    assert Household.objects.count() == 300

    # Address trees: each household in a flat of its own community, under its own area.
    for household in Household.objects.select_related("flat__parent__parent__parent"):
        flat = household.flat
        assert flat.kind == Place.Kind.FLAT and flat.community_id == household.community_id
        assert flat.parent.parent.parent_id == household.area_id

    # The demo accounts: organiser@ organises every community; leader@ and resident@ live in one.
    organiser = User.objects.get(email="organiser@example.org")
    assert set(
        Member.objects.filter(user=organiser, role=Role.ORGANISER).values_list(
            "community__slug", flat=True
        )
    ) == {"c01", "c02"}
    resident = User.objects.get(email="resident@example.org")
    resident_member = Member.objects.get(user=resident)
    assert resident_member.household_id is not None

    # Demographics only for members who consented, and only residents of a household.
    assert not Demographics.objects.filter(member__household__isnull=True).exists()
    assert Demographics.objects.count() < Member.objects.count()

    # Every act of the ledger is about one of its community's residents, in their household/area.
    assert not Act.objects.exclude(community=F("member__community")).exists()
    assert not Act.objects.exclude(household=F("member__household")).exists()
    assert not Act.objects.exclude(area=F("member__household__area")).exists()

    # Surveys: one participation, one response and one ledger row per resident who answered.
    assert _by(Participation.objects.all(), "survey_id") == _by(Response.objects.all(), "survey_id")
    assert _acts("survey", "surveys.survey") == _by(Response.objects.all(), "survey_id")
    assert not Response.objects.filter(member__isnull=True).exists()

    # Votes: one roll entry, one ballot and one ledger row per voter; one entry per member.
    assert _by(RollEntry.objects.all(), "vote_id") == _by(Ballot.objects.all(), "vote_id")
    plain = RollEntry.objects.filter(vote__ledger_method="vote")
    assert _acts("vote", "votes.vote") == _by(plain, "vote_id")
    assert (
        RollEntry.objects.values("vote", "member").distinct().count() == RollEntry.objects.count()
    )
    open_votes = Vote.objects.filter(sealed_at__isnull=True)
    assert open_votes.count() == 2, "one vote open now in each community"
    assert not RollEntry.objects.filter(vote__in=open_votes, member__user__isnull=False).exists()

    # Meetings: a ledger row per check-in; volunteering: per verified shift.
    checked_in = Registration.objects.filter(checked_in_at__isnull=False)
    assert _acts("meeting", "meetings.meeting") == _by(checked_in, "meeting_id")
    verified = Hours.objects.filter(status=Hours.Status.VERIFIED)
    assert _acts("volunteering", "volunteering.activity") == _by(verified, "activity_id")

    # Proposals: the author's act, one per support, one per comment.
    assert _acts("proposal", "proposals.proposal") == Counter(
        {p: 1 for p in Proposal.objects.values_list("pk", flat=True)}
    )
    assert _acts("support", "proposals.proposal") == _by(Support.objects.all(), "proposal_id")
    assert sum(_acts("comment", "proposals.comment").values()) == Comment.objects.count()

    now = timezone.now()

    # Budgets: a process a year before this one, counted by linli's rules from its ballots,
    # published; one ledger row per budget ballot and per idea; spending only on funded projects.
    assert Process.objects.count() == 2 * (plan.YEARS - 1)
    assert Outcome.objects.filter(published_at__isnull=False).count() == Process.objects.count()
    budget_roll = RollEntry.objects.filter(vote__ledger_method="budget_ballot")
    assert _acts("budget_ballot", "votes.vote") == _by(budget_roll, "vote_id")
    assert sum(_acts("budget_idea", "budgeting.idea").values()) == Idea.objects.count()
    for outcome in Outcome.objects.all():
        funded = {int(k) for k in outcome.selected}
        assert funded, "every generated budget funds something"
        assert outcome.data["spent"] <= outcome.process.budget
        spent_on = set(
            Spending.objects.filter(
                project__source_type__model="idea",
                project__source_id__in=outcome.process.ideas.values("pk"),
            ).values_list("project__source_id", flat=True)
        )
        assert spent_on <= funded

    # Grants: a decided call a year before this one; awards within the caps; a ledger row per
    # application.
    assert Call.objects.count() == 2 * (plan.YEARS - 1)
    for call in Call.objects.all():
        awarded = call.applications.filter(status=Application.Status.AWARDED)
        assert awarded.exists() and call.awarded_total() <= call.community_cap
        assert all(a.award_amount <= call.project_cap for a in awarded)
    assert sum(_acts("grant", "grants.application").values()) == Application.objects.count()

    # Contests: a board and a contest a year in each community, finished for past years and
    # being scored now; a ledger row per application, per resident on its team and per
    # supporting household; ranks only for applications with enough support, awards by the
    # tiers; each finished result went through its 公示 (disclosure's), without objections.
    assert Body.objects.filter(kind=Body.Kind.REVIEW_BOARD).count() == 2
    assert Contest.objects.count() == 2 * plan.YEARS
    assert Contest.objects.filter(stage=Contest.Stage.SCORING, closes_at__lt=now).count() == 2
    assert Contest.objects.filter(stage=Contest.Stage.DONE).count() == 2 * (plan.YEARS - 1)
    finished = Contest.objects.filter(stage=Contest.Stage.DONE).values_list("pk", flat=True)
    notices = Publicity.objects.filter(kind="reviews.contest")  # each result's 公示, disclosure's
    assert sorted(int(p.subject_id) for p in notices) == sorted(finished)
    assert all(p.status == "final" and p.finalised_at for p in notices)
    for contest in Contest.objects.all():
        board = set(contest.body.seats.values_list("member", flat=True))
        entries = contest.applications.annotate(n=Count("signatures"))
        competing = {a.pk for a in entries if a.n >= contest.min_signatures}
        assert competing, "every generated contest has applications in the competition"
        scored = Score.objects.filter(application__contest=contest)
        assert set(scored.values_list("application", flat=True)) == competing
        assert set(scored.values_list("reviewer", flat=True)) <= board
        ranked = dict(entries.filter(rank__isnull=False).values_list("pk", "rank"))
        tiers = list(contest.tiers.all())
        if contest.stage == Contest.Stage.SCORING:
            assert not ranked and contest.ranking == []
            assert contest.opens_at <= now <= contest.scoring_deadline
        else:
            assert contest.finalised_at and contest.finalised_at < now
            assert set(ranked) == competing
            assert sorted(ranked.values()) == list(range(1, len(ranked) + 1))
            assert [row["application"] for row in contest.ranking] == sorted(ranked, key=ranked.get)
        for application in entries:
            assert contest.opens_at <= application.submitted_at < contest.closes_at
            tier = next(
                (t for t in tiers if t.rank_from <= (application.rank or 0) <= t.rank_to), None
            )
            awarded = (tier.name, tier.amount) if tier else ("", None)
            assert (application.award_name, application.award_amount) == awarded
            # Its team: the applicant first, residents of the courtyard, never a board member.
            project = application.tracked.get()
            team = list(project.team.all())
            assert team[0].member_id == application.applicant_id
            assert application.applicant.user_id is not None, "submit needs an account"
            residents = [t.member for t in team if t.member is not None]
            assert all(m.household.area_id == application.area_id for m in residents)
            assert not board & {m.pk for m in residents}
            acts = Act.objects.filter(
                method="contest", source_type="reviews.application", source_id=str(application.pk)
            )
            assert sorted(acts.values_list("member", flat=True)) == sorted(m.pk for m in residents)
            # The work: two payment stages adding up to the award, the second paid only after
            # the inspection passed; the contest closed once every awarded work was decided.
            stages = list(project.milestones.order_by("pk"))
            inspections = list(application.inspections.order_by("inspected_at"))
            if contest.stage == Contest.Stage.SCORING or not application.award_amount:
                assert not stages and not inspections and application.inspection == ""
                continue
            assert sum(m.amount for m in stages) == application.award_amount
            assert inspections[-1].decision == application.inspection
            assert application.inspection in ("pass", "fail")
            paid = [m for m in stages if m.done_on]
            assert len(paid) == (2 if application.inspection == "pass" else 1)
            assert paid[-1].done_on >= contest.finalised_at.date()
            assert all(v.inspected_at > contest.finalised_at for v in inspections)
            assert bool(application.showcase_text) == (application.inspection == "pass")
    assert _acts("contest", "reviews.application") == Counter(
        {
            a: n
            for a, n in ContestApplication.objects.annotate(
                n=Count("tracked__team", filter=Q(tracked__team__member__isnull=False))
            ).values_list("pk", "n")
        }
    )
    assert sum(_acts("contest", "reviews.signature").values()) == Signature.objects.count()
    decisions = Counter(InspectionVisit.objects.values_list("decision", flat=True))
    assert decisions["pass"] and decisions["fix"] and decisions["fail"], decisions
    assert (
        FundedProject.objects.filter(
            source_type=ContentType.objects.get_for_model(ContestApplication)
        ).count()
        == ContestApplication.objects.count()
    )

    # Sharing: both sides of each handed-over loan.
    assert sum(_acts("sharing", "sharing.loan").values()) == 2 * Loan.objects.count()
    assert not Loan.objects.filter(owner_household=F("borrower_household")).exists()

    # One survey and one vote open now in every community, for the load scenarios.
    assert Survey.objects.filter(opens_at__lte=now, closes_at__gt=now).count() == 2
    assert Vote.objects.filter(opens_at__lte=now, closes_at__gt=now).count() == 2

    # The pages an organiser and a resident reach answer.
    community = Community.objects.get(slug="c01")
    urls = page_urls(community)
    for user, names in ((organiser, ORGANISER_PAGES), (resident, RESIDENT_PAGES)):
        client = client_for(user)
        for name in names:
            response = client.get(urls[name])
            assert response.status_code == 200, (user.email, name, urls[name])


def test_generate_city_refuses_a_database_that_has_communities(community):
    with pytest.raises(CommandError, match="empty database"):
        call_command("generate_city", "--communities", "1", "--households", "10")
