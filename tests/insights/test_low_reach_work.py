"""The organiser's work queue names open consultations with low reach (issue 22, item 14): a
group flagged by the daily check in an open survey appears, with a link to the flag's letters
and call list; a survey reached evenly does not, nor a closed one; a resident sees none of it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from linli.core.activity import work_queue
from linli.engagement.models import Project
from linli.insights import services
from linli.insights.models import Flag, Margin
from linli.participation.models import Act
from tests.conftest import client_for
from tests.insights.test_before_after import make_survey

pytestmark = pytest.mark.django_db


def answered(world: Any, survey: Any, households: list[Any]) -> None:
    for household in households:
        Act.objects.create(
            member=world.members[household.pk],
            household=household,
            area=household.area,
            community=world.community,
            method="survey",
            channel="online",
            depth=2,
            source_type="surveys.survey",
            source_id=str(survey.pk),
        )


@pytest.fixture
def two_surveys(fair_world: Any) -> tuple[Any, Any, Any]:
    # Only the surveys are open (the world's project would be flagged too), measured against
    # the household roster alone: the world's margins have owners in 橡树湾 that no household
    # roster row matches, which would flag every survey.
    Project.objects.filter(pk=fair_world.project.pk).update(status=Project.Status.CLOSED)
    Margin.objects.filter(community=fair_world.community).delete()
    uneven = make_survey(fair_world.community, "院坝改造意见调查", days_ago=2)
    even = make_survey(fair_world.community, "垃圾分类意见调查", days_ago=2)
    answered(fair_world, uneven, fair_world.wutong[:15])
    answered(fair_world, even, fair_world.wutong[:10] + fair_world.xiangshu[4:14])
    services.check_community(fair_world.community)
    return fair_world, uneven, even


def test_an_open_survey_with_a_flagged_group_is_work(two_surveys):
    world, uneven, _even = two_surveys
    assert set(Flag.objects.values_list("subject", flat=True)) == {f"survey:{uneven.pk}"}
    worst = Flag.objects.get(dimension="area", group="橡树湾")
    url = f"/c/{world.community.slug}/insights/flags/{worst.pk}/#act-heading"
    with translation.override("en"):
        items = work_queue(world.community, world.organiser)
        assert [(str(i.label), i.count, i.url, i.urgent) for i in items] == [
            ("Low reach in “院坝改造意见调查”: 橡树湾, commercial estate", 2, url, False)
        ]
    with translation.override("zh-hans"):
        label = str(work_queue(world.community, world.organiser)[0].label)
    assert label == "“院坝改造意见调查”参与度低：橡树湾、商品房小区"
    client = client_for(world.organiser)
    page = client.get(f"/c/{world.community.slug}/manage/").content.decode()
    assert f'href="{url}"' in page
    # The link leads to the letters and the call list.
    flag_page = client.get(url.split("#")[0]).content.decode()
    assert 'id="act-heading"' in flag_page and "/call-list/" in flag_page


def test_a_survey_closed_since_the_check_is_no_longer_work(two_surveys):
    world, uneven, _even = two_surveys
    type(uneven).objects.filter(pk=uneven.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    assert work_queue(world.community, world.organiser) == []


def test_a_resident_never_sees_low_reach(two_surveys, resident):
    world, _uneven, _even = two_surveys
    from linli.insights.work_queue import work

    assert work(world.community, resident) == []
    assert work_queue(world.community, resident) == []
    response = client_for(resident).get(f"/c/{world.community.slug}/manage/")
    assert response.status_code == 403
