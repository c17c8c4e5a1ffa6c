"""A body's meeting in the browser, in each of the three languages (issue 18): the secretary
schedules it, builds the agenda from an open proposal and an item of her own, records who
attended (the page says whether the meeting is quorate), writes the minutes of an item and
records a resolution with an owner and a due date, then publishes; a member of the body reads the
meeting before publication and the owner reports the resolution done. axe-core on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.models import Member
from linli.governance.models import AgendaItem, Body, BodyMeeting, Resolution
from linli.proposals.models import Proposal
from tests.browser.conftest import check_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_secretary_runs_a_meeting_and_a_member_reads_it(
    signed_in, seated_body, community, household, language
):
    people, body = seated_body(
        Body.Kind.RESIDENTS_COUNCIL, "居民议事会", language, wang_at=household
    )
    seat = lambda user: Member.objects.get(user=user)  # noqa: E731
    proposal = Proposal.objects.create(
        community=community,
        author=seat(people["member"]),
        title="在银杏树下添几张长椅",
        body="老人散步走累了没有地方坐。",
        status=Proposal.Status.RECEIVED,
        published_at=timezone.now(),
    )

    # The secretary schedules the meeting (it started an hour ago: tonight's meeting).
    page = signed_in(people["secretary"])
    page.goto(body.get_absolute_url())
    check_axe(page, f"body with meetings {language}")
    page.click(f"a[href$='/{body.pk}/meetings/new/']")
    check_axe(page, f"schedule a meeting {language}")
    starts = timezone.localtime(timezone.now() - timedelta(hours=1))
    page.fill("#id_title", "居民议事会第一次会议")
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "社区活动室")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    sitting = BodyMeeting.objects.get()
    assert page.url.endswith(sitting.get_absolute_url())
    check_axe(page, f"meeting, empty agenda {language}")

    # The agenda: the open proposal, then an item in her own words.
    page.select_option("#id_matter", f"proposals.proposal:{proposal.pk}")
    page.click("button[name=add_item]")
    page.wait_for_load_state()
    page.fill("#id_title", "上次议定事项落实情况通报")
    page.click("button[name=add_item]")
    page.wait_for_load_state()
    assert [i.title for i in sitting.items.all()] == [
        "在银杏树下添几张长椅",
        "上次议定事项落实情况通报",
    ]

    # Attendance: three of four members, the quorum is met.
    for index in range(3):
        page.check(f"#id_present_{index}")
    page.click("button[name=attendance]")
    page.wait_for_load_state()
    check_axe(page, f"meeting with attendance {language}")
    assert sitting.meeting.registrations.filter(checked_in_at__isnull=False).count() == 3

    # Minutes of the first item and a resolution for 王阿姨, who has no account.
    item = AgendaItem.objects.get(kind=AgendaItem.Kind.MATTER)
    page.fill(f"#id_item{item.pk}-text", "大家同意添三张长椅，放在银杏树东侧。")
    page.click(f"button[name=minutes][value='{item.pk}']")
    page.wait_for_load_state()
    page.select_option("#id_resolution-item", str(item.pk))
    page.fill("#id_resolution-text", "联系物业采购并安装三张长椅")
    page.select_option("#id_resolution-owner", str(seat(people["member"]).pk))
    due = timezone.localdate() + timedelta(days=14)
    page.fill("#id_resolution-due_on", due.isoformat())
    page.click("button[name=resolve]")
    page.wait_for_load_state()
    check_axe(page, f"meeting with a resolution {language}")
    resolution = Resolution.objects.get()
    assert (resolution.owner, resolution.due_on) == (seat(people["member"]), due)
    page.context.close()

    # A member of the body reads the meeting before publication and, as the owner, reports back.
    page = signed_in(people["member"])
    page.goto(sitting.get_absolute_url())
    check_axe(page, f"meeting read by a member {language}")
    assert page.locator("button[name=attendance]").count() == 0
    assert page.locator(".minutes").count() == 1  # the item's minutes, in the reader's script
    page.goto(resolution.get_absolute_url())
    check_axe(page, f"resolution {language}")
    page.select_option("#id_status", "done")
    page.fill("#id_report_back", "三张长椅已经装好。")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    check_axe(page, f"resolution done {language}")
    resolution.refresh_from_db()
    assert (resolution.status, resolution.report_back) == ("done", "三张长椅已经装好。")
    page.context.close()
