"""The process's vote: opening it, counting the sealed ballots with the process's rule,
publishing the outcome."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Model, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as audit_log
from linli.core.kit import audit, command
from linli.core.models import User
from linli.core.notify import notify
from linli.core.permissions import can, require
from linli.core.services import ServiceError
from linli.participation.models import Method
from linli.tracking.models import Milestone, Spending
from linli.votes import services as votes
from linli.votes.models import Question, Vote

from .. import counting, explain, rules
from ..models import Idea, Outcome, Process
from .ideas import projects
from .setup import limits

# --- the vote -------------------------------------------------------------------------------

BALLOT_TYPES = {
    "approval": Question.BallotType.APPROVAL,
    "knapsack": "knapsack",
    "cumulative": "cumulative",
    "ranked": Question.BallotType.RANKED,
}


@command("budgeting.manage", on="process")
def open_vote(actor: User, process: Process) -> Vote:
    """Make the ballot: a votes.Vote with one question whose options are the feasible projects,
    with the process's dates and areas, then publish it."""
    community = process.community
    if process.status != Process.Status.PUBLISHED:
        raise ServiceError(_("Publish the process first."))
    if process.vote_id:
        raise ServiceError(_("The vote of this process is already made."))
    if process.phase not in ("review", "vote"):
        raise ServiceError(_("The vote can be opened after the idea phase and before it closes."))
    if process.ideas.filter(appealed_at__isnull=False, appeal_upheld__isnull=True).exists():
        raise ServiceError(_("Answer every appeal before the ballot is made."))
    items = projects(process)
    if len(items) < 2:
        raise ServiceError(_("At least two feasible projects are needed for a vote."))
    with transaction.atomic():
        vote = votes.create_vote(
            actor,
            community,
            title=process.title,
            description=process.description,
            project=process.project,
            opens_at=max(process.vote_opens_at, timezone.now()),
            closes_at=process.vote_closes_at,
            results_shown=Vote.ResultsShown.AT_CLOSE,
            areas=process.areas.all(),
            ledger_method=Method.BUDGET_BALLOT,
        )
        question = Question(
            text=_("Which projects should the budget of %(budget)s fund?")
            % {"budget": explain.yuan(process.budget)},
            ballot_type=BALLOT_TYPES[process.ballot_type],
            max_choices=process.max_choices,
        )
        if process.ballot_type == "knapsack":
            question.budget_limit = process.budget  # type: ignore[attr-defined]
        if process.ballot_type == "cumulative":
            question.points_total = process.points_total  # type: ignore[attr-defined]
            question.max_points_per_option = process.max_points_per_option  # type: ignore[attr-defined]
        labels = [_option_label(i) for i in items]
        votes.save_question(
            actor,
            vote,
            question,
            labels,
            costs=[i.cost for i in items],
            links=[i.get_absolute_url() for i in items],
        )
        for idea, option in zip(items, question.options.order_by("position"), strict=True):
            idea.option = option
            idea.save(update_fields=["option"])
        votes.publish(actor, vote)
        process.vote = vote
        process.save(update_fields=["vote"])
        audit("budgeting.vote_opened", process, community=community)
    return vote


def _option_label(idea: Idea) -> str:
    # The ballot shows each option's cost beside its label (votes.Option.cost), so not twice.
    return idea.title[:200]


def ballots_as_projects(process: Process) -> list[Any]:
    """The sealed ballots' answers with option ids replaced by the projects' keys."""
    vote = process.vote
    if vote is None:
        return []
    question = vote.questions.first()
    if question is None:
        return []
    key_of = {str(i.option_id): i.key for i in process.ideas.filter(option__isnull=False)}
    result: list[Any] = []
    for answer in votes.answers_for(vote, question):  # type: ignore[attr-defined]
        if isinstance(answer, dict):
            result.append(
                {
                    key_of[str(o)]: int(p)
                    for o, p in answer.items()
                    if str(o) in key_of and int(p) > 0
                }
            )
        else:
            result.append([key_of[str(o)] for o in answer if str(o) in key_of])
    return result


def compute_outcome(actor: User | None, process: Process) -> Outcome:
    """Count the sealed ballots with the process's rule and store the outcome (not yet public)."""
    if actor is not None:
        require(actor, "budgeting.manage", process.community)
    vote = process.vote
    if vote is None or not vote.is_closed:
        raise ServiceError(_("The outcome can be computed after the vote closes."))
    waiting = votes.uncounted_batches(vote).count()
    if waiting:
        raise ServiceError(
            _("%(n)d batch(es) of paper ballots are not reconciled yet.") % {"n": waiting}
        )
    # more ballots than voters on the roll (paper-ballot stuffing) is never counted; an imported
    # election has no roll: its ballots are the published file's
    overflow = "" if process.imported_from else votes.roll_overflow(vote)
    if overflow:
        raise ServiceError(overflow)
    current = outcome_of(process)
    if current is not None and current.published_at:
        raise ServiceError(_("The results are already published."))
    ideas = [i for i in process.ideas.filter(option__isnull=False).order_by("pk")]
    items = [rules.Project(i.key, i.cost or 0, i.groups) for i in ideas]
    ballots = ballots_as_projects(process)
    result = counting.compute(
        items, process.budget, process.ballot_type, process.rule, ballots, limits(process)
    )
    data = result.as_dict()
    with transaction.atomic():
        outcome, _created = Outcome.objects.update_or_create(
            process=process,
            defaults={
                "rule": process.rule,
                "ballots": len(ballots),
                "data": data,
                "computed_at": timezone.now(),
                "computed_by": actor,
            },
        )
        if actor is not None:
            audit_log.log(actor, "budgeting.computed", process, community=process.community)
    return outcome


def outcome_of(process: Process) -> Outcome | None:
    """Read from the database, not the instance's cache: the outcome changes under it."""
    return Outcome.objects.filter(process=process).first()


@command("budgeting.manage", on="process")
def publish_outcome(actor: User, process: Process) -> Outcome:
    outcome = outcome_of(process)
    if outcome is None:
        raise ServiceError(_("Compute the outcome first."))
    if outcome.published_at:
        raise ServiceError(_("The results are already published."))
    vote = process.vote
    with transaction.atomic():
        if vote is not None and not vote.results_published_at:
            votes.publish_results(actor, vote)
        outcome.published_at = timezone.now()
        outcome.save(update_fields=["published_at"])
        audit("budgeting.published_results", process, community=process.community)
        # 公示 (issue 19): the results are under public notice; final after the period and answers.
        from linli.disclosure.services import start_publicity

        start_publicity(actor, "budgeting.results", process)
    notified: set[int] = set()
    recipients = [i.author for i in process.ideas.select_related("author") if i.author]
    for member in recipients:
        if member.pk in notified:
            continue
        notified.add(member.pk)
        notify(
            member,
            "budget_results",
            (gettext_lazy("Results of “%(title)s”"), {"title": process.title}),
            gettext_lazy("The funded projects are published."),
            url=process.get_absolute_url() + "results/",
            community=process.community,
        )
    return outcome


def results_visible(user: Any, process: Process) -> bool:
    outcome = outcome_of(process)
    if outcome is None:
        return False
    return bool(outcome.published_at) or can(user, "budgeting.manage", process.community)


def _per_project(model: type[Model], value: Any) -> Subquery:
    rows = model._default_manager.filter(
        project__source_type=ContentType.objects.get_for_model(Idea),
        project__source_id=OuterRef("pk"),
    )
    return Subquery(rows.order_by().values("project__source_id").annotate(v=value).values("v"))


def _progress() -> dict[str, Subquery]:
    return {
        "spent_fen": _per_project(Spending, Sum("amount_fen")),
        "milestones_done": _per_project(Milestone, Count("pk", filter=Q(done_on__isnull=False))),
        "milestones_all": _per_project(Milestone, Count("pk")),
    }


def funded(process: Process) -> list[Idea]:
    outcome = outcome_of(process)
    if outcome is None or not outcome.published_at:
        return []
    keys = outcome.selected
    # progress() of every funded project is shown together: the money spent (fen) and the
    # milestones (done, all) in this query. Subqueries, not joins: joining both the spending
    # and the milestones would count each spending once per milestone.
    ideas = {i.key: i for i in process.ideas.filter(option__isnull=False).annotate(**_progress())}
    return [ideas[k] for k in keys if k in ideas]
