"""Every change to a budget process: set-up, ideas, review and appeal, opening the vote,
computing and publishing the outcome, implementation tracking.

Each function checks permission (``linli.core.permissions``) and the phase. The vote is a
``votes.Vote``: ballots are cast, replaced, entered on paper and sealed by the votes app.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, documents
from linli.core.models import Community, Member, Place, User
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.photos import shrink
from linli.core.services import ServiceError
from linli.engagement.links import LinkedItem
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method
from linli.proposals.models import Proposal
from linli.votes import services as votes
from linli.votes.models import Question, Vote

from . import counting, explain, rules
from .models import Idea, Milestone, Outcome, Process, Spending, SubBudget, Theme, Update

# --- who may do what on one process ---------------------------------------------------------


def visible_processes(user: Any, community: Community) -> QuerySet[Process]:
    processes = Process.objects.filter(community=community)
    if not can(user, "budgeting.manage", community):
        processes = processes.filter(status=Process.Status.PUBLISHED)
    return processes


def is_reviewer(user: Any, process: Process) -> bool:
    if can(user, "budgeting.review", process.community):
        return True
    member = member_of(user, process.community)
    return member is not None and process.reviewers.filter(pk=member.pk).exists()


def require_reviewer(user: Any, process: Process) -> None:
    if not is_reviewer(user, process):
        raise ServiceError(_("Only the staff and the process's reviewers may review ideas."))


def may_track(user: Any, idea: Idea) -> bool:
    """Organisers, the project's owner and its team record progress and spending."""
    community = idea.process.community
    if can(user, "budgeting.manage", community):
        return True
    member = member_of(user, community)
    if member is None:
        return False
    return idea.owner_id == member.pk or idea.team.filter(pk=member.pk).exists()


def may_see_idea_photo(user: Any, idea: Idea) -> bool:
    """As the idea and project pages: everybody once the process is published."""
    community = idea.process.community
    return (
        can(user, "budgeting.view", community)
        and visible_processes(user, community).filter(pk=idea.process_id).exists()
    )


def may_see_receipts(user: Any, idea: Idea) -> bool:
    """Receipts show what was paid to whom, and sometimes a name or a phone number: the
    community's residents may check them, visitors from outside read "on file"."""
    community = idea.process.community
    return may_see_idea_photo(user, idea) and (
        can(user, "budgeting.propose", community) or may_track(user, idea)
    )


def may_see_receipt(user: Any, spending: Spending) -> bool:
    return may_see_receipts(user, spending.idea)


def group_labels(process: Process) -> dict[str, str]:
    labels = {f"theme:{value}": str(label) for value, label in Theme.choices}
    for place in Place.objects.filter(community=process.community, kind=Place.Kind.AREA):
        labels[f"area:{place.pk}"] = place.name
    return labels


# --- set-up ---------------------------------------------------------------------------------


def check_setup(process: Process) -> None:
    """The rule must fit the ballot; what each ballot type needs must be there."""
    if process.rule not in counting.RULES_FOR_BALLOT[process.ballot_type]:
        raise ServiceError(
            _("This way of finding the funded projects does not work with this ballot."), "rule"
        )
    if process.ballot_type == Process.BallotType.CUMULATIVE and not process.points_total:
        raise ServiceError(_("Give the number of points each voter shares out."), "points_total")
    if process.project_cap and process.project_cap > process.budget:
        raise ServiceError(
            _("The cap per project cannot be above the total budget."), "project_cap"
        )
    if not (
        process.ideas_open_at
        <= process.review_starts_at
        <= process.vote_opens_at
        < process.vote_closes_at
        <= process.implementation_starts_at
    ):
        raise ServiceError(
            _("The phases must follow each other: ideas, review, vote, results, implementation."),
            "vote_closes_at",
        )


def save_process(actor: User, process: Process, areas: Iterable[Place] | None = None) -> Process:
    require(actor, "budgeting.manage", process.community)
    check_setup(process)
    if process.vote_id and process.vote and not process.vote.editable:
        old = Process.objects.get(pk=process.pk)
        frozen = ["budget", "ballot_type", "vote_opens_at", "vote_closes_at"]
        if any(getattr(old, f) != getattr(process, f) for f in frozen):
            raise ServiceError(
                _("The budget, the ballot and the vote dates cannot change once the vote is open.")
            )
    with transaction.atomic():
        new = process.pk is None
        if new:
            process.created_by = actor
        process.save()
        if areas is not None:
            places = list(areas)
            if any(p.community_id != process.community_id for p in places):
                raise ServiceError(_("Choose areas of this community."), "areas")
            process.areas.set(places)
        audit.log(
            actor,
            "budgeting.created" if new else "budgeting.edited",
            process,
            community=process.community,
        )
    return process


def publish(actor: User, process: Process) -> Process:
    require(actor, "budgeting.manage", process.community)
    if process.status != Process.Status.DRAFT:
        raise ServiceError(_("This process is already published."))
    check_setup(process)
    process.status = Process.Status.PUBLISHED
    process.save(update_fields=["status"])
    audit.log(actor, "budgeting.published", process, community=process.community)
    return process


def set_sub_budget(
    actor: User, process: Process, amount: int, *, area: Place | None = None, theme: str = ""
) -> SubBudget:
    require(actor, "budgeting.manage", process.community)
    if (area is None) == (not theme):
        raise ServiceError(_("Choose a courtyard or a theme, not both."), "area")
    if area is not None and area.community_id != process.community_id:
        raise ServiceError(_("Choose areas of this community."), "area")
    if amount <= 0 or amount > process.budget:
        raise ServiceError(
            _("A sub-budget must be above 0 and at most the total budget."), "amount"
        )
    sub, _created = SubBudget.objects.update_or_create(
        process=process, area=area, theme=theme, defaults={"amount": amount}
    )
    audit.log(actor, "budgeting.sub_budget", process, community=process.community)
    return sub


def limits(process: Process) -> rules.Limits:
    """Sub-budgets and the cap per courtyard become group caps (the smaller one wins)."""
    per_group: dict[str, Fraction] = {}
    for sub in process.sub_budgets.all():
        per_group[sub.group] = Fraction(sub.amount)
    if process.area_cap:
        areas = {i.area_id for i in process.ideas.all() if i.area_id}
        for area_id in areas:
            key = f"area:{area_id}"
            per_group[key] = min(
                per_group.get(key, Fraction(process.area_cap)), Fraction(process.area_cap)
            )
    cap = Fraction(process.project_cap) if process.project_cap else None
    return rules.Limits(per_project=cap, per_group=per_group)


# --- ideas ----------------------------------------------------------------------------------


def _photo(upload: UploadedFile | None) -> Any:
    return shrink(upload) if upload else None


def submit_idea(
    actor: User, process: Process, idea: Idea, photo: UploadedFile | None = None
) -> Idea:
    community = process.community
    require(actor, "budgeting.propose", community)
    if process.phase != "ideas":
        raise ServiceError(_("Ideas are collected only during the idea phase."))
    member = member_of(actor, community)
    if idea.area is not None and idea.area.community_id != community.pk:
        raise ServiceError(_("Choose areas of this community."), "area")
    with transaction.atomic():
        idea.process = process
        idea.author = member
        if photo:
            idea.photo = _photo(photo)
        idea.save()
        audit.log(actor, "budgeting.idea", idea, community=community)
        if member is not None:
            ledger.record(
                member,
                method=Method.BUDGET_IDEA,
                channel=Channel.ONLINE,
                depth=Depth.INVOLVED,
                source=idea,
                project=process.project,
            )
    return idea


def import_proposal(actor: User, process: Process, proposal: Proposal) -> Idea:
    """Bring an existing proposal in as an idea, keeping the link (its author stays the author)."""
    require(actor, "budgeting.manage", process.community)
    if proposal.community_id != process.community_id:
        raise ServiceError(_("Choose proposals of this community."), "proposal")
    if process.phase not in ("upcoming", "ideas", "review", "draft"):
        raise ServiceError(_("Ideas can no longer be added: the vote has started."))
    if process.ideas.filter(proposal=proposal).exists():
        raise ServiceError(_("This proposal is already an idea of this process."), "proposal")
    author = getattr(proposal, "author", None)
    idea = Idea.objects.create(
        process=process,
        proposal=proposal,
        author=author if isinstance(author, Member) else None,
        title=proposal.title[:120],
        body=getattr(proposal, "body", "")
        or getattr(proposal, "description", "")
        or proposal.title,
    )
    audit.log(actor, "budgeting.idea_from_proposal", idea, community=process.community)
    return idea


def merge_idea(actor: User, duplicate: Idea, into: Idea) -> Idea:
    require_reviewer(actor, duplicate.process)
    if duplicate.process_id != into.process_id or duplicate.pk == into.pk:
        raise ServiceError(_("Choose another idea of the same process."), "into")
    if duplicate.option_id:
        raise ServiceError(_("Ideas cannot be merged once they are on the ballot."))
    duplicate.status, duplicate.merged_into = Idea.Status.MERGED, into
    duplicate.review_note = _("Merged into “%(title)s”.") % {"title": into.title}
    duplicate.save(update_fields=["status", "merged_into", "review_note"])
    audit.log(actor, "budgeting.merged", duplicate, community=duplicate.process.community)
    return duplicate


def review_idea(
    actor: User,
    idea: Idea,
    *,
    feasible: bool,
    note: str,
    cost: int | None,
    cost_reason: str = "",
) -> Idea:
    process = idea.process
    require_reviewer(actor, process)
    if process.phase not in ("ideas", "review"):
        raise ServiceError(_("Ideas are reviewed before the vote opens."))
    if process.vote_id:
        raise ServiceError(_("The ballot is made: reviews can no longer change."))
    note = note.strip()
    if not feasible and not note:
        raise ServiceError(_("Give residents the reason why the idea is not feasible."), "note")
    if feasible and not cost:
        raise ServiceError(_("A feasible idea needs a costed estimate."), "cost")
    if feasible and process.project_cap and cost and cost > process.project_cap:
        raise ServiceError(
            _("The cost is above the cap of %(cap)s per project.")
            % {"cap": explain.yuan(process.project_cap)},
            "cost",
        )
    if cost and idea.estimated_cost and cost != idea.estimated_cost and not cost_reason.strip():
        raise ServiceError(
            _("The cost differs from the resident's estimate: say why (it is shown publicly)."),
            "cost_reason",
        )
    with transaction.atomic():
        idea.status = Idea.Status.FEASIBLE if feasible else Idea.Status.REJECTED
        idea.review_note, idea.cost, idea.cost_reason = note, cost, cost_reason.strip()
        idea.reviewed_by, idea.reviewed_at = actor, timezone.now()
        idea.save(
            update_fields=[
                "status",
                "review_note",
                "cost",
                "cost_reason",
                "reviewed_by",
                "reviewed_at",
            ]
        )
        audit.log(actor, "budgeting.reviewed", idea, community=process.community)
        _serving(actor, process, idea)
    if idea.author is not None:
        notify(
            idea.author,
            "budget_ideas",
            (gettext_lazy("Your idea “%(title)s” was reviewed"), {"title": idea.title}),
            gettext_lazy("Open the idea to read the review."),
            url=idea.get_absolute_url(),
            community=process.community,
        )
    return idea


def _serving(actor: User, process: Process, source: Any) -> None:
    member = member_of(actor, process.community)
    if member is not None:
        ledger.record(
            member,
            method=Method.BUDGET_IDEA,
            channel=Channel.IN_PERSON,
            depth=Depth.COLLABORATING,
            source=source,
            project=process.project,
            recorded_by=actor,
        )


def set_cost(actor: User, idea: Idea, cost: int, reason: str) -> Idea:
    """Staff correct a project's cost before the ballot is made; the reason is public."""
    require(actor, "budgeting.manage", idea.process.community)
    if idea.process.vote_id:
        raise ServiceError(_("The ballot is made: costs can no longer change."))
    if not reason.strip():
        raise ServiceError(_("Say why the cost changed (it is shown publicly)."), "cost_reason")
    idea.cost, idea.cost_reason = cost, reason.strip()
    idea.save(update_fields=["cost", "cost_reason"])
    audit.log(actor, "budgeting.cost", idea, community=idea.process.community)
    return idea


def appeal(actor: User, idea: Idea, text: str) -> Idea:
    member = member_of(actor, idea.process.community)
    if member is None or idea.author_id != member.pk:
        raise ServiceError(_("Only the author of the idea may appeal."))
    if idea.status != Idea.Status.REJECTED:
        raise ServiceError(_("Only a rejected idea can be appealed."))
    if idea.appealed_at is not None:
        raise ServiceError(_("An idea can be appealed once, and this one already was."))
    if idea.process.vote_id or idea.process.phase not in ("ideas", "review"):
        raise ServiceError(_("Appeals are possible until the vote opens."))
    if not text.strip():
        raise ServiceError(_("Write why the idea should be reconsidered."), "text")
    idea.appeal_text, idea.appealed_at = text.strip(), timezone.now()
    idea.save(update_fields=["appeal_text", "appealed_at"])
    audit.log(actor, "budgeting.appeal", idea, community=idea.process.community)
    return idea


def decide_appeal(
    actor: User, idea: Idea, *, upheld: bool, answer: str, cost: int | None = None
) -> Idea:
    process = idea.process
    require(actor, "budgeting.manage", process.community)
    if idea.appealed_at is None or idea.appeal_upheld is not None:
        raise ServiceError(_("There is no open appeal on this idea."))
    if process.vote_id:
        raise ServiceError(_("The ballot is made: appeals can no longer change it."))
    if not answer.strip():
        raise ServiceError(_("Write the public answer to the appeal."), "answer")
    if upheld and not (cost or idea.cost or idea.estimated_cost):
        raise ServiceError(_("A feasible idea needs a costed estimate."), "cost")
    with transaction.atomic():
        idea.appeal_upheld, idea.appeal_answer = upheld, answer.strip()
        idea.appeal_decided_by, idea.appeal_decided_at = actor, timezone.now()
        if upheld:
            idea.status = Idea.Status.FEASIBLE
            idea.cost = cost or idea.cost or idea.estimated_cost
        idea.save(
            update_fields=[
                "appeal_upheld",
                "appeal_answer",
                "appeal_decided_by",
                "appeal_decided_at",
                "status",
                "cost",
            ]
        )
        audit.log(actor, "budgeting.appeal_decided", idea, community=process.community)
    if idea.author is not None:
        notify(
            idea.author,
            "budget_ideas",
            (gettext_lazy("Your appeal on “%(title)s” was answered"), {"title": idea.title}),
            gettext_lazy("Open the idea to read the answer."),
            url=idea.get_absolute_url(),
            community=process.community,
        )
    return idea


def projects(process: Process) -> list[Idea]:
    """The feasible ideas: the projects on (or for) the ballot."""
    return list(
        process.ideas.filter(status=Idea.Status.FEASIBLE).select_related("area").order_by("pk")
    )


# --- the vote -------------------------------------------------------------------------------

BALLOT_TYPES = {
    "approval": Question.BallotType.APPROVAL,
    "knapsack": "knapsack",
    "cumulative": "cumulative",
    "ranked": Question.BallotType.RANKED,
}


def open_vote(actor: User, process: Process) -> Vote:
    """Make the ballot: a votes.Vote with one question whose options are the feasible projects,
    with the process's dates and areas, then publish it."""
    community = process.community
    require(actor, "budgeting.manage", community)
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
        votes.save_question(actor, vote, question, labels, costs=[i.cost for i in items])
        for idea, option in zip(items, question.options.order_by("position"), strict=True):
            idea.option = option
            idea.save(update_fields=["option"])
        votes.publish(actor, vote)
        process.vote = vote
        process.save(update_fields=["vote"])
        audit.log(actor, "budgeting.vote_opened", process, community=community)
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
            audit.log(actor, "budgeting.computed", process, community=process.community)
    return outcome


def outcome_of(process: Process) -> Outcome | None:
    """Read from the database, not the instance's cache: the outcome changes under it."""
    return Outcome.objects.filter(process=process).first()


def publish_outcome(actor: User, process: Process) -> Outcome:
    require(actor, "budgeting.manage", process.community)
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
        audit.log(actor, "budgeting.published_results", process, community=process.community)
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


def funded(process: Process) -> list[Idea]:
    outcome = outcome_of(process)
    if outcome is None or not outcome.published_at:
        return []
    keys = outcome.selected
    # progress() of every funded project is shown together: milestones and money in this query.
    ideas = {
        i.key: i
        for i in process.ideas.filter(option__isnull=False)
        .prefetch_related("milestones")
        .annotate(spent_total=Sum("spending__amount"))
    }
    return [ideas[k] for k in keys if k in ideas]


# --- implementation -------------------------------------------------------------------------


def _require_funded(idea: Idea) -> None:
    if idea not in funded(idea.process):
        raise ServiceError(_("Only funded projects are tracked."))


def set_owner(
    actor: User,
    idea: Idea,
    *,
    owner: Member | None,
    partner: Any = None,
    team: Iterable[Member] = (),
) -> Idea:
    community = idea.process.community
    require(actor, "budgeting.manage", community)
    _require_funded(idea)
    members = list(team)
    if owner is None and partner is None:
        raise ServiceError(_("Choose a member or a partner as owner."), "owner")
    if any(m.community_id != community.pk for m in [*members, *([owner] if owner else [])]):
        raise ServiceError(_("Choose members of this community."), "team")
    if partner is not None and partner.community_id != community.pk:
        raise ServiceError(_("Choose a partner of this community."), "owner_partner")
    with transaction.atomic():
        idea.owner, idea.owner_partner = owner, partner
        if idea.work == Idea.Work.NOT_STARTED:
            idea.work = Idea.Work.IN_PROGRESS
        # Only these fields: the caller's instance may predate the ballot (option) being made.
        idea.save(update_fields=["owner", "owner_partner", "work"])
        idea.team.set(members)
        for member in {*members, *([owner] if owner else [])}:
            ledger.record(
                member,
                method=Method.BUDGET_IDEA,
                channel=Channel.IN_PERSON,
                depth=Depth.COLLABORATING,
                source=("budgeting.team", idea.pk),
                project=idea.process.project,
                recorded_by=actor,
            )
        audit.log(actor, "budgeting.owner", idea, community=community)
    return idea


def _tracking(actor: User, idea: Idea) -> None:
    if not may_track(actor, idea):
        raise ServiceError(_("Only the organisers, the owner and the team record progress."))
    _require_funded(idea)
    if idea.work == Idea.Work.DONE:
        raise ServiceError(_("This project is marked done."))


def add_milestone(actor: User, idea: Idea, title: str, due: date) -> Milestone:
    _tracking(actor, idea)
    if not title.strip():
        raise ServiceError(_("Give the milestone a title."), "title")
    milestone = Milestone.objects.create(idea=idea, title=title.strip(), due=due)
    audit.log(actor, "budgeting.milestone", idea, community=idea.process.community)
    return milestone


def milestone_done(actor: User, milestone: Milestone, done_on: date | None = None) -> Milestone:
    _tracking(actor, milestone.idea)
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    Update.objects.create(idea=milestone.idea, kind=Update.Kind.MILESTONE, detail=milestone.title)
    return milestone


def spent(idea: Idea) -> Decimal:
    return idea.spending.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def add_spending(
    actor: User,
    idea: Idea,
    *,
    amount: Decimal,
    what: str,
    spent_on: date,
    receipt: UploadedFile | None,
) -> tuple[Spending, bool]:
    """Record money spent, with a photo or PDF of the receipt; returns (entry, now over budget)."""
    _tracking(actor, idea)
    if amount <= 0:
        raise ServiceError(_("Give an amount above 0."), "amount")
    if not what.strip():
        raise ServiceError(_("Say what the money was spent on."), "what")
    if not receipt:
        raise ServiceError(_("A photo of the receipt is required."), "receipt")
    entry = Spending.objects.create(
        idea=idea,
        amount=amount,
        what=what.strip(),
        spent_on=spent_on,
        receipt=documents.receipt(receipt),
        recorded_by=actor,
    )
    Update.objects.create(idea=idea, kind=Update.Kind.SPENDING, detail=entry.what, amount=amount)
    audit.log(actor, "budgeting.spending", idea, community=idea.process.community)
    return entry, spent(idea) > (idea.cost or 0)


def mark_done(actor: User, idea: Idea, note: str, photo: UploadedFile | None) -> Idea:
    _tracking(actor, idea)
    if not note.strip():
        raise ServiceError(_("Say what was done."), "final_note")
    if not photo:
        raise ServiceError(_("Add a photo of the result."), "final_photo")
    idea.final_note, idea.final_photo = note.strip(), shrink(photo)
    idea.work, idea.done_at = Idea.Work.DONE, timezone.now()
    idea.save(update_fields=["final_note", "final_photo", "work", "done_at"])
    Update.objects.create(idea=idea, kind=Update.Kind.DONE)
    audit.log(actor, "budgeting.done", idea, community=idea.process.community)
    return idea


def progress(idea: Idea) -> dict[str, Any]:
    milestones = list(idea.milestones.all())
    annotated = getattr(idea, "spent_total", False)  # from funded(); None when nothing is spent
    money = spent(idea) if annotated is False else Decimal(annotated or 0)
    budget = Decimal(idea.cost or 0)
    return {
        "spent": money,
        "budget": budget,
        "left": budget - money,
        "over_by": max(money - budget, Decimal(0)),
        "over": money > budget,
        "share": int(money * 100 / budget) if budget else 0,
        "milestones_done": sum(1 for m in milestones if m.done_on),
        "milestones": len(milestones),
    }


# --- open now, project links -------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    items = []
    for process in Process.objects.filter(community=community, status=Process.Status.PUBLISHED):
        phase = process.phase
        if phase == "ideas":
            items.append(
                OpenItem(
                    kind=_("Participatory budgeting"),
                    title=process.title,
                    url=process.get_absolute_url(),
                    closes_at=process.review_starts_at,
                    summary=_("Ideas are welcome."),
                )
            )
        elif phase == "vote" and process.vote_id:
            items.append(
                OpenItem(
                    kind=_("Participatory budgeting"),
                    title=process.title,
                    url=process.get_absolute_url(),
                    closes_at=process.vote_closes_at,
                    summary=_("The vote on the projects is open."),
                )
            )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    return [
        LinkedItem(
            title=p.title,
            url=p.get_absolute_url(),
            status=p.phase_label,
            is_open=p.phase in ("ideas", "vote"),
            kind=_("Participatory budgeting"),
        )
        for p in project.budget_processes.filter(status=Process.Status.PUBLISHED)
    ]
