"""Reporting online and from offline channels, grouping, "me too", and bad input."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member
from linli.feedback import queries, services
from linli.feedback.models import Channel, Item, Report
from linli.participation.models import Act, Depth
from tests.conftest import client_for, make_household, make_person

from .conftest import rain


def test_similar_reports_from_neighbours_become_one_item_counted_by_household(
    community, resident, neighbour, yinxing_resident, wutong
):
    first = services.report(resident, community, rain(place=wutong))
    second = services.report(neighbour, community, rain("院坝积水，下雨天出不了门", wutong))
    assert not first.joined and second.joined
    assert first.report.item == second.report.item
    other = services.report(yinxing_resident, community, rain("路灯坏了，晚上很黑", wutong))
    assert other.report.item != first.report.item  # another problem, another item
    item = queries.item_in(community, first.report.item_id)
    assert item.report_count == 2 and queries.households_behind(item) == 2


def test_a_report_writes_a_consulted_row_in_the_ledger(community, resident, wutong):
    filed = services.report(resident, community, rain(place=wutong))
    act = Act.objects.get(source_type="feedback.report", source_id=str(filed.report.pk))
    assert act.depth == Depth.CONSULTED and act.method == "feedback" and act.channel == "online"


def test_reporting_the_same_problem_twice_is_refused_and_keeps_the_first(
    community, resident, wutong
):
    services.report(resident, community, rain(place=wutong))
    with pytest.raises(
        Refused,
        match=r"^您已经反映过这个问题了：就是“梧桐院 · 积水、排水与下水道”这一事项。我们保留了您的第一次反映，请关注这个事项的答复。$",
    ) as refused:
        services.report(resident, community, rain("又下雨了，院坝积水还是没人管", wutong))
    assert refused.value.field == "text"
    assert Report.objects.count() == 1


def test_the_duplicate_page_shows_the_error_and_keeps_the_text(community, resident, wutong):
    services.report(resident, community, rain(place=wutong))
    response = client_for(resident).post(
        f"/c/{community.slug}/feedback/report/",
        {"category": "drainage", "place": wutong.pk, "text": "院坝又积水了"},
    )
    assert response.status_code == 400
    assert "院坝又积水了" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_place_outside_the_community_is_refused(community, other_community, resident):
    elsewhere = make_household(other_community, ["别院", "1栋", "1单元", "101"]).area
    with pytest.raises(
        Refused, match=r"^这个地点不在梧桐社区。请从列表中选择院落或楼栋。$"
    ) as refused:
        services.report(resident, community, rain(place=elsewhere))
    assert refused.value.field == "place"
    assert not Item.objects.exists()


def test_the_form_refuses_a_place_of_another_community_and_keeps_the_text(
    community, other_community, resident
):
    elsewhere = make_household(other_community, ["别院", "1栋", "1单元", "101"]).area
    response = client_for(resident).post(
        f"/c/{community.slug}/feedback/report/",
        {"category": "drainage", "place": elsewhere.pk, "text": "积水很深"},
    )
    assert response.status_code == 400 and "积水很深" in response.content.decode()
    assert not Report.objects.exists()


def test_an_empty_text_or_an_unreadable_photo_is_refused_with_nothing_saved(
    community, resident, wutong
):
    with pytest.raises(Refused, match=r"^请说明遇到的问题或需要。$"):
        services.report(resident, community, rain("   ", wutong))
    response = client_for(resident).post(
        f"/c/{community.slug}/feedback/report/",
        {
            "category": "drainage",
            "text": "积水",
            "photo": SimpleUploadedFile("x.jpg", b"not a photo", content_type="image/jpeg"),
        },
    )
    assert response.status_code == 400 and "积水" in response.content.decode()
    assert not Report.objects.exists()


def test_a_photo_is_cleaned_and_only_the_reporter_and_organisers_may_open_it(
    community, resident, neighbour, organiser, wutong
):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, format="PNG")
    photo = SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")
    filed = services.report(
        resident, community, services.ReportInput("drainage", "积水", wutong, photo)
    )
    url = filed.report.photo.url
    assert filed.report.photo.name.endswith(".jpg")
    assert client_for(resident).get(url).status_code == 200
    assert client_for(organiser).get(url).status_code == 200
    assert client_for(neighbour).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404


def test_staff_enter_a_phone_report_for_a_resident_without_an_account(
    community, organiser, household, wutong
):
    caller = Member.objects.create(
        community=community, name="王婆婆", household=household, status=Member.Status.VERIFIED
    )
    filed = services.enter_report(
        organiser, community, rain(place=wutong), channel=Channel.PHONE, member=caller
    )
    assert filed.report.channel == "phone" and filed.report.recorded_by == organiser
    act = Act.objects.get(member=caller)
    assert act.channel == "phone" and act.recorded_by == organiser


def test_staff_may_enter_a_caller_by_name_but_not_online_or_without_anyone(
    community, organiser, wutong
):
    filed = services.enter_report(
        organiser, community, rain(place=wutong), channel=Channel.YARD_MEETING, caller="李大爷"
    )
    assert filed.report.caller == "李大爷" and not Act.objects.exists()
    with pytest.raises(Refused, match=r"^请选择收到反映的渠道。$"):
        services.enter_report(organiser, community, rain(), channel=Channel.ONLINE, caller="x")
    with pytest.raises(Refused, match=r"^请选择居民，或填写来电人姓名。$"):
        services.enter_report(organiser, community, rain(), channel=Channel.PHONE)


def test_a_resident_may_not_enter_reports_for_others(community, resident, wutong):
    with pytest.raises(Forbidden, match=r"^feedback\.manage$"):
        services.enter_report(resident, community, rain(), channel=Channel.PHONE, caller="x")


def test_me_too_counts_once_and_shows_in_the_courtyard_table(
    community, resident, yinxing_resident, wutong
):
    filed = services.report(resident, community, rain(place=wutong))
    item = filed.report.item
    services.me_too(yinxing_resident, item)
    with pytest.raises(Refused, match=r"^您已经计入这个事项了。$"):
        services.me_too(yinxing_resident, item)
    with pytest.raises(Refused, match=r"^您已经计入这个事项了。$"):
        services.me_too(resident, item)  # already counted by the report
    rows = {row.courtyard: row for row in queries.by_courtyard(queries.item_in(community, item.pk))}
    assert rows["梧桐院"].reports == 1 and rows["银杏院"].households == 1


def test_a_pending_member_may_not_report_or_say_me_too(community, resident, wutong):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    item = services.report(resident, community, rain(place=wutong)).report.item
    with pytest.raises(Forbidden, match=r"^feedback\.report$"):
        services.report(pending, community, rain(place=wutong))
    with pytest.raises(Forbidden, match=r"^feedback\.me_too$"):
        services.me_too(pending, item)
