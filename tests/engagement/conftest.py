"""A planned project with phases around today, in the fixture community."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from linli.core.models import Community, Place, User
from linli.engagement import services
from linli.engagement.models import EquityItem, Project

TODAY = date.today()


def phase_rows(start: date) -> list[services.PhaseInput]:
    return [
        services.PhaseInput("publicise", "宣讲会", start, start + timedelta(days=9)),
        services.PhaseInput(
            "consult", "坝坝会", start + timedelta(days=10), start + timedelta(days=39)
        ),
        services.PhaseInput(
            "decide", "决定", start + timedelta(days=40), start + timedelta(days=59)
        ),
    ]


def make_project(community: Community, organiser: User, **fields: object) -> Project:
    start = fields.pop("starts_on", TODAY - timedelta(days=20))
    data = {
        "title": "院落美化",
        "purpose": "让院落更好看",
        "decision": "先改哪一处",
        "level": "consult",
        "starts_on": start,
        "ends_on": start + timedelta(days=90),
        "methods": ["briefings", "courtyard_meetings", "surveys"],
        **fields,
    }
    project = services.create_project(organiser, community, data)
    services.save_phases(organiser, project, phase_rows(start))
    return project


def finish_equity(project: Project, organiser: User) -> None:
    services.save_equity_plan(
        organiser,
        project,
        {topic: ("done", f"计划：{topic}") for topic in EquityItem.Topic.values},
    )


@pytest.fixture
def project(community: Community, organiser: User) -> Project:
    return make_project(community, organiser)


@pytest.fixture
def open_project(project: Project, organiser: User) -> Project:
    finish_equity(project, organiser)
    return services.open_project(organiser, project)


@pytest.fixture
def courtyard(community: Community, household: object) -> Place:
    return Place.objects.get(community=community, name="梧桐院", parent=None)
