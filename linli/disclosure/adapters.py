"""公示 adapters for the decisions residents' money depends on - grant awards and participatory-
budgeting results - and for a body's resolutions (governance motions adopted). They read those modules' models and change nothing in them; "final" is
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
    """Resolutions residents live with; a body's own membership and contests (which have their
    own 公示 in reviews) are not put under notice here."""
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
            kind="governance.resolution",
            load=_motion,
            title=lambda motion: f"{motion.body.name}: {motion.title}",
            becomes_final=_resolution_final,
            community=lambda motion: motion.body.community,
            applies=_resolution_publicised,
        )
    )
