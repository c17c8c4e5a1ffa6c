"""Each named rule of engagement projects, for each role, in each status of the project and at
moments before, during and after its phases (the clock moved by time-machine): status decides
what may be done, the calendar does not."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from linli.core.kit import Forbidden, Refused
from linli.core.permissions import PREDICATES, can, require
from linli.engagement import services
from linli.engagement.models import Project

from .conftest import TODAY, finish_equity, make_project

START = TODAY - timedelta(days=20)  # the fixture project's first phase starts here
MOMENTS = {
    "before the phases": START - timedelta(days=5),
    "during consultation": START + timedelta(days=15),
    "after the phases": START + timedelta(days=70),
}
STATUSES = ["planning", "open", "closed"]
ROLES = ["organiser", "resident", "anonymous"]

# rule -> the statuses in which the organiser may, and whether residents and the public may too
ORGANISER_MAY = {
    "engagement.see_project": {"planning", "open", "closed"},
    "engagement.open_project": {"planning"},
    "engagement.close_project": {"open"},
    "engagement.write_lessons": {"closed"},
    "engagement.publish_report_back": {"open", "closed"},
}
EVERYONE_MAY = {"engagement.see_project": {"open", "closed"}}


def told(rule: str) -> str:
    """A pattern matching exactly one of the rule's own "not now" messages."""
    return "^(" + "|".join(re.escape(str(words)) for _, words in PREDICATES[rule].when) + ")$"


def project_in(status: str, community, organiser) -> Project:
    project = make_project(community, organiser)
    if status != "planning":
        finish_equity(project, organiser)
        services.open_project(organiser, project)
    if status == "closed":
        lesson = services.LessonInput("坝坝会人多", "早点通知", "yes", [])
        services.close_project(organiser, project, lesson)
    return project


@pytest.mark.parametrize("status", STATUSES)
def test_each_rule_in_each_status_at_each_moment(status, community, people, time_machine):
    project = project_in(status, community, people["organiser"])
    zone = ZoneInfo(community.timezone)
    for moment, day in MOMENTS.items():
        time_machine.move_to(datetime.combine(day, datetime.min.time(), tzinfo=zone), tick=False)
        project.refresh_from_db()
        for rule, statuses in ORGANISER_MAY.items():
            for role in ROLES:
                user = people[role] or AnonymousUser()
                allowed = EVERYONE_MAY.get(rule, set()) if role != "organiser" else statuses
                assert can(user, rule, project) == (status in allowed), (rule, role, moment)


@pytest.mark.parametrize("status", STATUSES)
def test_a_resident_may_not_and_an_organiser_is_told_it_is_not_the_time(
    status, community, organiser, resident
):
    project = project_in(status, community, organiser)
    for rule, statuses in ORGANISER_MAY.items():
        if rule == "engagement.see_project":
            continue
        with pytest.raises(Forbidden, match=rf"^{re.escape(rule)}$"):
            require(resident, rule, project)
        if status in statuses:
            require(organiser, rule, project)
        else:
            with pytest.raises(Refused, match=told(rule)) as refusal:
                require(organiser, rule, project)
            assert refusal.value.message


def test_templates_ask_the_same_rules(community, organiser, resident):
    project = project_in("planning", community, organiser)
    template = Template('{% can "engagement.open_project" project as may %}{{ may }}')
    for user, expected in [(organiser, "True"), (resident, "False")]:
        request = RequestFactory().get("/")
        request.user = user
        assert template.render(Context({"request": request, "project": project})) == expected
