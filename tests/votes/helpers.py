"""Building votes for tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.models import Community, Member, User
from linli.votes import services
from linli.votes.models import Question, Vote


def make_vote(
    community: Community,
    organiser: User,
    *,
    ballot_type: str = Question.BallotType.SINGLE,
    options: tuple[str, ...] = ("梧桐院彩绘", "槐树院花园", "安居苑凉亭"),
    unit: str = Vote.Unit.PERSON,
    results_shown: str = Vote.ResultsShown.AT_CLOSE,
    max_choices: int | None = None,
    max_score: int = 5,
    ranked_method: str = Question.RankedMethod.IRV,
    publish: bool = True,
    opens_in: timedelta = timedelta(hours=-1),
    closes_in: timedelta = timedelta(days=7),
    costs: tuple[int | None, ...] | None = None,
    budget_limit: int | None = None,
    points_total: int | None = None,
    max_points_per_option: int | None = None,
) -> Vote:
    now = timezone.now()
    vote = Vote.objects.create(
        community=community,
        title="院落微更新：先做哪一项？",
        unit=unit,
        results_shown=results_shown,
        opens_at=now + opens_in,
        closes_at=now + closes_in,
        created_by=organiser,
    )
    question = Question(
        text="你最希望先做哪一项？",
        ballot_type=ballot_type,
        max_choices=max_choices,
        max_score=max_score,
        ranked_method=ranked_method,
        budget_limit=budget_limit,
        points_total=points_total,
        max_points_per_option=max_points_per_option,
    )
    services.save_question(
        organiser, vote, question, list(options), costs=list(costs) if costs else None
    )
    if publish:
        # publishing refuses a vote that has opened in the past only when it has also closed
        vote.status = Vote.Status.PUBLISHED
        vote.save()
    return vote


def option_ids(vote: Vote) -> list[int]:
    return list(vote.questions.get().options.values_list("pk", flat=True))


def qkey(vote: Vote) -> str:
    return str(vote.questions.get().pk)


def close(vote: Vote) -> None:
    """Move the closing time into the past (as if time had passed)."""
    Vote.objects.filter(pk=vote.pk).update(
        opens_at=timezone.now() - timedelta(days=8), closes_at=timezone.now() - timedelta(minutes=1)
    )
    vote.refresh_from_db()


PROJECTS = ("梧桐院彩绘", "槐树院花园", "安居苑凉亭", "儿童游乐角")
PROJECT_COSTS = (6000, 4500, 3000, 2500)  # a budget of 10,000 yuan fits no more than two or three


def make_knapsack_vote(community: Community, organiser: User, **kwargs: object) -> Vote:
    return make_vote(
        community,
        organiser,
        ballot_type=Question.BallotType.KNAPSACK,
        options=PROJECTS,
        costs=PROJECT_COSTS,
        budget_limit=10000,
        **kwargs,  # type: ignore[arg-type]
    )


def make_cumulative_vote(community: Community, organiser: User, **kwargs: object) -> Vote:
    kwargs.setdefault("max_points_per_option", 6)
    return make_vote(
        community,
        organiser,
        ballot_type=Question.BallotType.CUMULATIVE,
        options=PROJECTS,
        points_total=10,
        **kwargs,  # type: ignore[arg-type]
    )


def mark_paper_voters(vote: Vote, officer: User, n: int, prefix: str = "paper") -> list[Member]:
    """Put ``n`` new residents on the roll as paper voters, as the booth does before a bundle of
    ``n`` paper ballots can be entered. ``officer`` becomes one of the vote's booth officers."""
    from tests.conftest import make_person

    vote.officers.add(officer)
    marked = []
    for i in range(n):
        user = make_person(vote.community, f"{prefix}{vote.pk}-{i}@test.org")
        person = Member.objects.get(user=user, community=vote.community)
        services.mark_paper_voter(officer, vote, person)
        marked.append(person)
    return marked
