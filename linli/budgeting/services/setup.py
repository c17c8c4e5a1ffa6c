"""Organisers setting a process up: its rules, sub-budgets, publishing."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from django.utils.translation import gettext as _

from linli.core.kit import audit, command
from linli.core.models import Member, Place, User
from linli.core.services import ServiceError

from .. import counting, rules
from ..models import Process, SubBudget

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


@command("budgeting.manage", on="process")
def save_process(
    actor: User,
    process: Process,
    areas: Iterable[Place] | None = None,
    reviewers: Iterable[Member] | None = None,
) -> Process:
    """Create or edit a process; ``reviewers`` (members of the community) replace the list."""
    check_setup(process)
    if process.vote_id and process.vote and not process.vote.editable:
        old = Process.objects.get(pk=process.pk)
        frozen = ["budget", "ballot_type", "vote_opens_at", "vote_closes_at"]
        if any(getattr(old, f) != getattr(process, f) for f in frozen):
            raise ServiceError(
                _("The budget, the ballot and the vote dates cannot change once the vote is open.")
            )
    new = process.pk is None
    if new:
        process.created_by = actor
    process.save()
    if areas is not None:
        places = list(areas)
        if any(p.community_id != process.community_id for p in places):
            raise ServiceError(_("Choose areas of this community."), "areas")
        process.areas.set(places)
    after = None
    if reviewers is not None:
        chosen = list(reviewers)
        if any(m.community_id != process.community_id for m in chosen):
            raise ServiceError(_("Choose members of this community."), "reviewers")
        process.reviewers.set(chosen)
        after = {"reviewers": sorted(m.pk for m in chosen)}
    audit("budgeting.created" if new else "budgeting.edited", process, after=after)
    return process


@command("budgeting.publish", on="process")
def publish(actor: User, process: Process) -> Process:
    check_setup(process)
    process.status = Process.Status.PUBLISHED
    process.save(update_fields=["status"])
    audit("budgeting.published", process, community=process.community)
    return process


@command("budgeting.manage", on="process")
def set_sub_budget(
    actor: User, process: Process, amount: int, *, area: Place | None = None, theme: str = ""
) -> SubBudget:
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
    audit("budgeting.sub_budget", process, community=process.community)
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
