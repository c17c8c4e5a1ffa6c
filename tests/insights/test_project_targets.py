"""Project targets: set with their baselines while the project is planned (3 to 5), measured when
it closes - target against actual."""

from __future__ import annotations

import pytest

from linli.core.kit import Refused
from linli.engagement.models import Project
from linli.insights import services
from linli.insights.models import ProjectTarget
from tests.conftest import client_for


def test_targets_are_set_at_planning_and_measured_at_close(fair_world):
    project = fair_world.project
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PLANNING)
    project.refresh_from_db()
    client = client_for(fair_world.organiser)
    url = f"/c/{fair_world.community.slug}/insights/projects/{project.pk}/targets/"
    response = client.post(url, {"kind": "household_share", "baseline": "0.2", "target": "0.4"})
    assert response.status_code == 302
    services.set_target(fair_world.organiser, project, "new_leaders", 0, 2)
    with pytest.raises(Refused, match=r"^请填 0 到 1 之间的占比，或骨干人数。$"):
        services.set_target(fair_world.organiser, project, "household_share", 0.2, 1.5)
    with pytest.raises(Refused, match=r"^项目结束时才衡量目标。$"):
        services.measure_targets(fair_world.organiser, project)  # not closed yet
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    project.refresh_from_db()
    with pytest.raises(Refused, match=r"^目标和基线要在项目筹备时设定。$"):
        services.set_target(fair_world.organiser, project, "new_leaders", 0, 3)
    client.post(url, {"measure": "1"})
    share = ProjectTarget.objects.get(kind="household_share")
    assert share.actual == 17 / 40 and share.met is True
    leaders = ProjectTarget.objects.get(kind="new_leaders")
    assert leaders.actual == 0 and leaders.met is False
    page = client.get(url)
    assert page.status_code == 200 and len(page.context["targets"]) == 2


def test_at_most_five_targets(fair_world):
    project = fair_world.project
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PLANNING)
    project.refresh_from_db()
    for _n in range(5):
        services.set_target(fair_world.organiser, project, "new_leaders", 0, 1)
    with pytest.raises(Refused, match=r"^一个项目最多五个目标。$"):
        services.set_target(fair_world.organiser, project, "new_leaders", 0, 1)


def test_residents_do_not_see_targets(fair_world, resident):
    url = f"/c/{fair_world.community.slug}/insights/projects/{fair_world.project.pk}/targets/"
    assert client_for(resident).get(url).status_code == 403
