"""A project's plan goes under 公示 when the organisers open the project: residents may object
during the notice period, objections are answered in public, and the plan is final only after
the period and every answer - the one disclosure mechanism, shown on the project's page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import translation

from linli.core.kit import Refused
from linli.disclosure import services as disclosure
from linli.disclosure.models import Objection, Publicity
from linli.disclosure.queries import publicity_for, today_in
from linli.engagement import services
from tests.conftest import client_for

from .conftest import finish_equity


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_opening_a_project_puts_its_plan_under_public_notice(project, organiser, resident):
    assert publicity_for("engagement.plan", project) is None
    finish_equity(project, organiser)
    services.open_project(organiser, project)
    notice = publicity_for("engagement.plan", project)
    assert notice is not None and notice.is_open
    assert (notice.title, notice.created_by, notice.community) == (
        "院落美化",
        organiser,
        project.community,
    )
    assert notice.ends_on - notice.starts_on == timedelta(days=6)  # seven days, the first counts
    # the plan as it stood, in the site's language
    assert notice.becomes_final.splitlines()[:3] == [
        "目的：让院落更好看",
        "要决定的事：先改哪一处",
        "居民对决定的影响力：征询意见",
    ]
    page = client_for(resident).get(project.get_absolute_url()).content.decode()
    assert notice.get_absolute_url() in page


def test_objections_to_a_plan_hold_it_until_answered(project, organiser, resident, time_machine):
    finish_equity(project, organiser)
    services.open_project(organiser, project)
    notice = publicity_for("engagement.plan", project)
    assert notice is not None
    objection = disclosure.object_to(resident, notice, "方案没有考虑租户，坝坝会时间都在白天。")
    assert Objection.objects.get().member.user == resident
    ends = notice.ends_on
    assert disclosure.finalise_due(ends + timedelta(days=1)) == 0  # an objection waits
    disclosure.answer_objection(
        organiser, notice, objection, "增加一场晚上的坝坝会，并上门征求租户意见。"
    )
    assert disclosure.finalise_due(ends) == 0  # the period has not run
    assert disclosure.finalise_due(ends + timedelta(days=1)) == 1
    notice.refresh_from_db()
    assert notice.status == Publicity.Status.FINAL
    time_machine.move_to(ends + timedelta(days=2))
    assert today_in(project.community) > ends
    with pytest.raises(Exception, match="objections are closed"):
        disclosure.object_to(resident, notice, "太晚了")


def test_a_project_is_put_under_notice_once(project, organiser):
    finish_equity(project, organiser)
    services.open_project(organiser, project)
    with pytest.raises(Refused, match="already under public notice"):
        disclosure.start_publicity(organiser, "engagement.plan", project)
    assert Publicity.objects.filter(kind="engagement.plan").count() == 1
