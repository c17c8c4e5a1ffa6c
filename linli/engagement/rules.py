"""Who may do what to an engagement project, and when: named rules beside the role table
(declared in ``EngagementConfig.kit``; see ``linli.core.permissions``).

The standing comes from the role table (organisers manage projects); the phase comes from the
project's status. A project being planned is opened, an open one is closed, lessons are written
for a closed one, and a report-back is published only once residents can see the project. The
calendar (which phase is "happening now") shapes what the pages say, not what may be done."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, can

from .models import Project


def _is_planning(project: Project) -> bool:
    return project.status == Project.Status.PLANNING


def _is_open(project: Project) -> bool:
    return project.status == Project.Status.OPEN


def _is_closed(project: Project) -> bool:
    return project.status == Project.Status.CLOSED


def _published_or_organiser(user: Any, project: Project) -> bool:
    return project.is_published or can(user, "engagement.manage", project.community)


RULES: dict[str, Rule] = {
    # Residents and the public read open and closed projects; a project being planned stays among
    # organisers (pages answer 404 rather than 403 for it, so its existence does not leak).
    "engagement.see_project": Rule("engagement.view", who=(_published_or_organiser,)),
    "engagement.open_project": Rule(
        "engagement.manage",
        when=((_is_planning, _("Only a project being planned can be opened.")),),
    ),
    "engagement.close_project": Rule(
        "engagement.manage", when=((_is_open, _("Only an open project can be closed.")),)
    ),
    "engagement.write_lessons": Rule(
        "engagement.manage",
        when=((_is_closed, _("Lessons are written when the project closes.")),),
    ),
    "engagement.publish_report_back": Rule(
        "engagement.manage",
        when=(
            (
                lambda project: not _is_planning(project),
                _(
                    "Residents cannot see this project yet. Open it before publishing a "
                    "report-back."
                ),
            ),
        ),
    ),
}
