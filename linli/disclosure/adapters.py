"""公示 adapters for the decisions residents' money depends on - grant awards and participatory-
budgeting results - for a body's resolutions (governance motions adopted) and for the plan of
an engagement project when organisers open it. They read those modules' models and change nothing in them; "final" is
recorded on the 公示 itself, which their pages may read through ``queries.publicity_for``."""

from __future__ import annotations

from typing import Any

from .publicity import Adapter, register


def _grant(pk: str) -> Any:
    from linli.grants.models import Application

    return Application.objects.select_related("call__community").get(pk=pk)


def _pb(pk: str) -> Any:
    from linli.budgeting.models import Process

    return Process.objects.select_related("community").get(pk=pk)


def _pb_final(process: Any) -> str:
    from linli.budgeting import services

    lines = [f"{idea.title}: {idea.cost or 0} 元" for idea in services.funded(process)]
    return "\n".join(lines) or "—"


def _motion(pk: str) -> Any:
    from linli.governance.models import Motion

    return Motion.objects.select_related("body__community").get(pk=pk)


def _resolution_publicised(motion: Any) -> bool:
    """Resolutions residents live with; a body's own membership and contest decisions are not
    put under notice here (a contest's result is, by reviews' own adapter ``reviews.contest``)."""
    from linli.governance.models import Motion

    return motion.kind in (
        Motion.Kind.DECISION,
        Motion.Kind.BUDGET,
        Motion.Kind.DOCUMENT,
        Motion.Kind.CHARTER,
    )


def _resolution_final(motion: Any) -> str:
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(settings.LANGUAGE_CODE):  # stored text, in the site's language
        counted = gettext("Adopted: %(for)s for, %(against)s against, %(abstain)s abstaining.") % {
            "for": motion.votes_for,
            "against": motion.votes_against,
            "abstain": motion.abstentions,
        }
    return "\n".join(part for part in (motion.title, motion.text, counted) if part)


def _plan(pk: str) -> Any:
    from linli.engagement.models import Project

    return Project.objects.select_related("community").get(pk=pk)


def _plan_final(project: Any) -> str:
    """The plan as it stands when the organisers open the project, in the site's language."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(settings.LANGUAGE_CODE):  # stored text
        lines = [
            gettext("Purpose: %(text)s") % {"text": project.purpose} if project.purpose else "",
            gettext("The decision at stake: %(text)s") % {"text": project.decision}
            if project.decision
            else "",
            gettext("Residents' power over the decision: %(level)s")
            % {"level": project.get_level_display()},
            gettext("From %(start)s to %(end)s")
            % {"start": project.starts_on, "end": project.ends_on}
            if project.starts_on and project.ends_on
            else "",
            gettext("Where: %(areas)s") % {"areas": "、".join(a.name for a in project.areas.all())}
            if project.areas.exists()
            else "",
            gettext("Budget: %(amount)s yuan") % {"amount": project.budget}
            if project.budget is not None
            else "",
            gettext("Methods: %(methods)s")
            % {"methods": "、".join(str(m) for m in project.method_labels())}
            if project.methods
            else "",
        ]
    return "\n".join(line for line in lines if line)


def install() -> None:
    register(
        Adapter(
            kind="grants.award",
            load=_grant,
            title=lambda app: f"{app.call.title}: {app.title}",
            becomes_final=lambda app: f"{app.group_name}: {app.title}, {app.award_amount} 元",
            community=lambda app: app.call.community,
        )
    )
    register(
        Adapter(
            kind="budgeting.results",
            load=_pb,
            title=lambda process: process.title,
            becomes_final=_pb_final,
        )
    )
    register(
        Adapter(
            kind="engagement.plan",
            load=_plan,
            title=lambda project: project.title,
            becomes_final=_plan_final,
        )
    )
    register(
        Adapter(
            kind="governance.resolution",
            load=_motion,
            title=lambda motion: f"{motion.body.name}: {motion.title}",
            becomes_final=_resolution_final,
            community=lambda motion: motion.body.community,
            applies=_resolution_publicised,
        )
    )
