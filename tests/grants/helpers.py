from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from linli.core.models import Member
from linli.grants import services
from linli.grants.models import Application, Call


def make_call(
    community: Any, organiser: Any, panel: list[Member], today: date, **extra: Any
) -> Call:
    fields = {
        "community": community,
        "title": "2026年社区营造公益创投",
        "year": today.year,
        "description": "资助居民自组织和社会组织开展社区营造项目。",
        "themes": ["people", "culture", "place", "landscape", "livelihood"],
        "opens_on": today,
        "closes_on": today + timedelta(days=20),
        "review_by": today + timedelta(days=30),
        "award_by": today + timedelta(days=40),
        **extra,
    }
    call = services.save_call(organiser, Call(**fields), panel=panel)
    return services.step(organiser, call, "open")


def draft(
    call: Call, lead: Member, team: list[Member] = (), amount: int = 20_000, **extra: Any
) -> Application:  # type: ignore[assignment]
    fields = {
        "call": call,
        "kind": "group",
        "group_name": "院落花园小组",
        "title": extra.pop("title", "院落花园"),
        "theme": "landscape",
        "goals": "把荒地变成花园",
        "activities": "3月 清理\n4月 种植",
        "results": "20户参与",
        **extra,
    }
    application = services.start(lead.user, Application(**fields))
    if amount:
        services.add_budget_line(lead.user, application, "materials", "花苗和土", amount)
    for person in team:
        services.add_team_member(lead.user, application, person, "组员")
    return application


def submitted(
    call: Call, lead: Member, team: list[Member], amount: int = 20_000, **extra: Any
) -> Application:
    application = draft(call, lead, team, amount, **extra)
    return services.submit(lead.user, application)


def score_all(call: Call, panel: list[Member], values: dict[int, int]) -> None:
    """Every panel member gives application pk -> the same value on every criterion."""
    for member in panel:
        for application in services.reviewed(call):
            if services.auto_conflict(member, application):
                continue
            v = values[application.pk]
            services.score(member.user, application, {c.pk: v for c in call.criteria.all()}, "好")
