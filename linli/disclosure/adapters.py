"""公示 adapters for the decisions residents' money depends on: grant awards and participatory-
budgeting results. They read those modules' models and change nothing in them; "final" is
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
