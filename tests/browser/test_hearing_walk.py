"""A public hearing, walked in each language: a resident signs up to speak with a need; after
the hearing began, staff type the testimony, try to publish a response without the answer
(refused, nothing published), answer it and publish; the resident reads the written response
from the hearing's page. axe-core on each page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.disclosure.models import Entry
from linli.meetings import services
from linli.meetings.hearing_models import Speaker
from linli.meetings.models import Meeting
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_resident_speaks_and_staff_answer_in_writing(page, community, language):
    organiser = make_person(community, "org@test.org", "organiser", language=language)
    household = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    resident = make_person(community, "res@test.org", household=household, language=language)
    starts = timezone.now() + timedelta(days=2)
    meeting = Meeting(
        community=community,
        kind=Meeting.Kind.HEARING,
        title="梧桐院停车收费听证会",
        place="社区活动室",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        registration=Meeting.Registration.NONE,
    )
    services.save_meeting(organiser, meeting)
    services.publish(organiser, meeting)

    # the resident signs up to speak, saying what they need
    login(page, resident.email, PASSWORD)
    page.goto(meeting.get_absolute_url())
    check_axe(page, f"hearing {language}")
    page.fill("#speak-topic", "住户月费太高")
    page.fill("#speak-needs", "助听设备")
    page.click("#hearing form button[type=submit]")
    page.wait_for_url(f"**/meetings/{meeting.pk}/#hearing")
    speaker = Speaker.objects.get()
    assert (speaker.position, speaker.topic, speaker.needs) == (1, "住户月费太高", "助听设备")
    assert page.locator("#hearing .status.ok").count() >= 1
    check_axe(page, f"signed up to speak {language}")

    # the hearing takes place (moved to now for the walk)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )

    # staff type the testimony into the minutes
    page.context.clear_cookies()
    login(page, organiser.email, PASSWORD)
    page.goto(f"/c/{community.slug}/meetings/{meeting.pk}/hearing/")
    check_axe(page, f"speakers and testimony {language}")
    page.fill(f"#id_t{speaker.pk}-text", "住户月费一百五太高，老人家庭只有一辆车。")
    page.select_option(f"#id_t{speaker.pk}-channel", "in_person")
    page.click(f"#speaker-{speaker.pk} button[type=submit]")
    page.wait_for_url(f"**/meetings/{meeting.pk}/hearing/#speaker-{speaker.pk}")
    testimony = Speaker.objects.get().testimony
    assert testimony.text == "住户月费一百五太高，老人家庭只有一辆车。"

    # a response without the answer is refused and publishes nothing
    page.click(f"a[href$='/meetings/{meeting.pk}/hearing/response/']")
    page.fill("#id_intro", "居委会答复如下。")
    page.click("main form button[type=submit]")
    expect(page.locator(f"#id_answer_{testimony.pk}_error")).to_be_visible()
    assert not Entry.objects.exists()
    check_axe(page, f"response refused {language}")
    assert page.input_value("#id_intro") == "居委会答复如下。"
    page.fill(f"#id_answer_{testimony.pk}", "住户月费调整为一百二十元。")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/meetings/{meeting.pk}/#hearing")
    entry = Entry.objects.get()
    assert entry.category == "decisions" and "住户月费调整为一百二十元。" in entry.body

    # the resident reads the written response from the hearing's page
    page.context.clear_cookies()
    login(page, resident.email, PASSWORD)
    page.goto(meeting.get_absolute_url())
    assert "一百二十元" in page.content()  # the same characters in either script
    check_axe(page, f"hearing answered {language}")
    shot(page, f"meetings-hearing-answered-{language}")
    page.click(f"#hearing a[href='{entry.get_absolute_url()}']")
    page.wait_for_url(f"**{entry.get_absolute_url()}")
    assert "一百五太高" in page.content()
    check_axe(page, f"written response {language}")
