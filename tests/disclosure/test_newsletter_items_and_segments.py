"""A newsletter is composed from recent notices, 公示 results and feedback report-backs; the
"not yet reached" segment sends it only to the verified residents of households behind an open
insights flag that have not taken part."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from linli.core.kit import Refused
from linli.core.models import Member
from linli.disclosure import newsletters
from linli.disclosure.models import Newsletter
from linli.feedback.models import Item
from linli.insights.models import Dimension, Flag
from linli.participation import services as participation
from tests.conftest import make_household, make_person


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _closed(community, title: str, report_back: str, days_ago: int) -> Item:  # type: ignore[no-untyped-def]
    return Item.objects.create(
        community=community,
        category="drainage",
        title=title,
        status=Item.Status.CLOSED,
        answer="已派物业疏通。",
        report_back=report_back,
        closed_at=timezone.now() - timedelta(days=days_ago),
    )


def test_report_backs_are_offered_and_sent_as_items(community, organiser, resident):
    recent = _closed(community, "梧桐院雨水积水", "已疏通两处雨水口，铺平院坝。", days_ago=3)
    _closed(community, "去年的路灯", "已换新灯。", days_ago=newsletters.RECENT_DAYS + 5)
    offered = newsletters.candidates(community)
    assert [(c.key, c.kind, c.title, c.url) for c in offered] == [
        (f"report_back:{recent.pk}", "report-back", "梧桐院雨水积水", recent.get_absolute_url())
    ]
    sent = newsletters.send_newsletter(
        organiser,
        community,
        "十二月邻里通讯",
        "这个月办成的事。",
        [f"report_back:{recent.pk}"],
        newsletters.Segment(),
    )
    assert Newsletter.objects.get(pk=sent.pk).items == [
        {"title": "梧桐院雨水积水", "url": recent.get_absolute_url(), "kind": "report-back"}
    ]


def test_not_yet_reached_segment_follows_the_insights_flag(community, organiser):
    took_part = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    missed = make_household(community, ["梧桐院", "1栋", "1单元", "102"])
    elsewhere = make_household(community, ["银杏院", "2栋", "1单元", "201"])
    make_person(community, "took@test.org", household=took_part)
    make_person(community, "missed@test.org", household=missed)
    make_person(community, "missed-pending@test.org", household=missed, status="pending")
    make_person(community, "elsewhere@test.org", household=elsewhere)
    participation.record(
        Member.objects.get(email="took@test.org"),
        method="survey",
        channel="online",
        depth=2,
        source=("surveys.survey", 1),
    )
    today = timezone.localdate()
    start, end = today - timedelta(days=10), today + timedelta(days=10)
    flag = Flag.objects.create(
        community=community,
        subject=f"period:{start.isoformat()}:{end.isoformat()}",
        subject_title="十二月",
        dimension=Dimension.AREA,
        group="梧桐院",
        ratio_when_raised=0.3,
    )
    assert newsletters.open_flags(community) == [(flag.pk, "十二月: 梧桐院")]
    found = newsletters.recipients(community, newsletters.Segment(flag=flag.pk))
    assert [m.email for m in found.members] == ["missed@test.org"]
    assert found.counts["not_reached"] == 1 and found.counts["sent"] == 1
    # narrowed further by language: nobody left, and sending is refused with nothing sent
    nobody = newsletters.Segment(flag=flag.pk, language="en")
    assert newsletters.recipients(community, nobody).members == []
    _closed(community, "梧桐院雨水积水", "已疏通。", days_ago=1)
    key = newsletters.candidates(community)[0].key
    with pytest.raises(Refused, match="Nobody is in this segment"):
        newsletters.send_newsletter(organiser, community, "通讯", "你好。", [key], nobody)
    assert not Newsletter.objects.exists()
    # a closed flag or another community's is not a segment
    with pytest.raises(Refused, match="Choose an under-reached group"):
        newsletters.recipients(community, newsletters.Segment(flag=flag.pk + 999))
