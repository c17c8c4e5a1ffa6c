"""Who may see and do what on one process: read-only checks used by the commands, pages and API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from linli.core.models import Community, Place
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError
from linli.tracking import queries as tracking
from linli.tracking.models import Spending

from ..models import Idea, Process, Theme

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
    return idea.owner_id == member.pk or tracking.on_team(idea, member)


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
    source: Any = spending.project.source
    return may_see_receipts(user, source)


def may(user: Any, verb: str, idea: Idea) -> bool:
    """The shared tracking rule for a budget project (linli.tracking): organisers set the team;
    they, the owner and the team record milestones and spending."""
    if verb == "team":
        return can(user, "budgeting.manage", idea.process.community)
    return may_track(user, idea)


def group_labels(process: Process) -> dict[str, str]:
    labels = {f"theme:{value}": str(label) for value, label in Theme.choices}
    for place in Place.objects.filter(community=process.community, kind=Place.Kind.AREA):
        labels[f"area:{place.pk}"] = place.name
    return labels
