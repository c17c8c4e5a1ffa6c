"""Public hearings (听证会): residents sign up to speak in order, within a limit; staff type each
testimony into the minutes after the hearing began; the written response answers every testimony,
is published as a notice (decisions) linked from the hearing, and tells each speaker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from linli.core.kit import Refused
from linli.core.models import Notification
from linli.disclosure.models import Category, Entry
from linli.meetings import hearing_models, services
from linli.meetings.hearing_models import Speaker
from linli.meetings.models import Meeting
from linli.participation.models import Act, Depth
from tests.conftest import client_for, make_household, make_person

from .conftest import english_client, make_meeting, member


@pytest.fixture
def hearing(community, organiser) -> Meeting:
    return make_meeting(
        community, organiser, kind=Meeting.Kind.HEARING, title="梧桐院停车改造听证会"
    )


@pytest.fixture
def neighbour(community):  # type: ignore[no-untyped-def]
    household = make_household(community, ["梧桐院", "2栋", "1单元", "201"])
    return make_person(community, "zhao@test.org", household=household)


def _after_start(time_machine, meeting: Meeting) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(meeting.starts_at + timedelta(minutes=30), tick=False)


def test_residents_sign_up_to_speak_in_order_and_are_told(hearing, resident, neighbour):
    first = services.sign_up_to_speak(resident, hearing, member(resident), topic="停车位不够")
    second = services.sign_up_to_speak(
        neighbour, hearing, member(neighbour), topic="消防通道", needs="助听设备"
    )
    assert (first.position, second.position) == (1, 2)
    assert second.needs == "助听设备"
    told = Notification.objects.get(user=neighbour, kind="meeting_hearing")
    assert "2" in told.title
    page = english_client(resident).get(hearing.get_absolute_url()).content.decode()
    assert "You are speaker 1." in page and "消防通道" in page
    # before the hearing, the public list gives the order and topics, not the names
    public = english_client(None).get(hearing.get_absolute_url()).content.decode()
    assert "停车位不够" in public and "zhao" not in public


def test_the_list_of_speakers_is_full(hearing, organiser, resident, neighbour):
    services.set_up_hearing(
        organiser, hearing, matter="停车改造方案", speakers_max=2, minutes_each=3
    )
    services.sign_up_to_speak(resident, hearing, member(resident), topic="停车位不够")
    services.sign_up_to_speak(organiser, hearing, member(neighbour), topic="消防通道")
    with pytest.raises(Refused, match="2 people have already signed up to speak"):
        services.set_up_hearing(organiser, hearing, matter="", speakers_max=1, minutes_each=3)
    with pytest.raises(Refused, match=r"The list of speakers is full \(2\)"):
        services.sign_up_to_speak(organiser, hearing, member(organiser), topic="物业意见")
    assert Speaker.objects.filter(hearing__meeting=hearing).count() == 2
    with pytest.raises(Refused, match="Between 1 and 60 speakers"):
        services.set_up_hearing(organiser, hearing, matter="", speakers_max=0, minutes_each=3)


def test_signing_up_twice_or_without_a_topic_is_refused(hearing, resident):
    with pytest.raises(Refused, match="Say in a line what you will speak about"):
        services.sign_up_to_speak(resident, hearing, member(resident), topic="  ")
    services.sign_up_to_speak(resident, hearing, member(resident), topic="停车位不够")
    with pytest.raises(Refused, match="already on the list of speakers"):
        services.sign_up_to_speak(resident, hearing, member(resident), topic="再说一次")


def test_who_may_sign_up(hearing, community, organiser, resident, neighbour, outsider):
    with pytest.raises(PermissionDenied, match=r"meetings.speak"):
        services.sign_up_to_speak(outsider, hearing, member(resident), topic="x")
    # a resident signs up themselves only; staff enter a caller, with the channel
    with pytest.raises(PermissionDenied, match=r"meetings.register_others"):
        services.sign_up_to_speak(resident, hearing, member(neighbour), topic="x")
    by_phone = services.sign_up_to_speak(
        organiser, hearing, member(neighbour), topic="老人过马路", channel=Speaker.Channel.PHONE
    )
    assert (by_phone.channel, by_phone.registered_by) == (Speaker.Channel.PHONE, organiser)
    briefing = make_meeting(community, organiser)
    with pytest.raises(Refused, match="does not take speakers"):
        services.sign_up_to_speak(resident, briefing, member(resident), topic="x")


def test_no_sign_up_once_the_hearing_began(hearing, resident, time_machine):
    _after_start(time_machine, hearing)
    with pytest.raises(Refused, match="does not take speakers"):
        services.sign_up_to_speak(resident, hearing, member(resident), topic="x")


def test_testimony_is_recorded_after_the_start_and_counts_as_consulted(
    hearing, organiser, resident, time_machine
):
    speaker = services.sign_up_to_speak(resident, hearing, member(resident), topic="停车位不够")
    with pytest.raises(Refused, match="once the hearing has begun"):
        services.record_testimony(
            organiser,
            hearing,
            speaker,
            text="车位不够",
            channel=hearing_models.Testimony.Channel.IN_PERSON,
        )
    _after_start(time_machine, hearing)
    with pytest.raises(Refused, match="Write down what the speaker said"):
        services.record_testimony(organiser, hearing, speaker, text=" ", channel="in_person")
    services.record_testimony(organiser, hearing, speaker, text="车位不够", channel="in_person")
    services.record_testimony(
        organiser, hearing, speaker, text="车位不够，晚上停到消防通道。", channel="written"
    )
    testimony = hearing_models.Testimony.objects.get(speaker=speaker)
    assert (testimony.text, testimony.channel) == ("车位不够，晚上停到消防通道。", "written")
    acts = Act.objects.filter(member=member(resident), source_id=testimony.pk)
    assert [(a.method, a.depth, a.channel) for a in acts] == [
        ("meeting", Depth.CONSULTED, "in_person")
    ]
    with pytest.raises(PermissionDenied, match=r"meetings.record_testimony"):
        services.record_testimony(resident, hearing, speaker, text="x", channel="in_person")


def test_a_response_missing_an_answer_publishes_nothing(
    hearing, organiser, resident, neighbour, time_machine
):
    one = services.sign_up_to_speak(resident, hearing, member(resident), topic="停车位不够")
    two = services.sign_up_to_speak(neighbour, hearing, member(neighbour), topic="消防通道")
    _after_start(time_machine, hearing)
    with pytest.raises(Refused, match="Record the testimony first"):
        services.publish_response(organiser, hearing, intro="", answers={})
    first = services.record_testimony(organiser, hearing, one, text="车位不够", channel="in_person")
    second = services.record_testimony(organiser, hearing, two, text="通道被占", channel="online")
    with pytest.raises(Refused, match="no answer yet to speaker 2") as refused:
        services.publish_response(
            organiser, hearing, intro="", answers={first.pk: "增加夜间车位。", second.pk: " "}
        )
    assert refused.value.field == f"answer_{second.pk}"
    assert not Entry.objects.exists()
    assert hearing_models.Testimony.objects.get(pk=first.pk).answer == ""
    # the page keeps what was typed and says which answer is missing
    page = english_client(organiser).post(
        f"/c/{hearing.community.slug}/meetings/{hearing.pk}/hearing/response/",
        {"intro": "街道办答复", f"answer_{first.pk}": "增加夜间车位。"},
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "no answer yet to speaker 2" in text and "增加夜间车位。" in text


def test_the_response_is_a_notice_answering_each_testimony(
    hearing, community, organiser, resident, neighbour, time_machine
):
    one = services.sign_up_to_speak(resident, hearing, member(resident), topic="停车位不够")
    two = services.sign_up_to_speak(neighbour, hearing, member(neighbour), topic="消防通道")
    _after_start(time_machine, hearing)
    first = services.record_testimony(organiser, hearing, one, text="车位不够", channel="in_person")
    second = services.record_testimony(organiser, hearing, two, text="通道被占", channel="online")
    time_machine.shift(timedelta(days=3))
    response = english_client(organiser).post(
        f"/c/{community.slug}/meetings/{hearing.pk}/hearing/response/",
        {
            "intro": "经研究，答复如下。",
            f"answer_{first.pk}": "增加夜间车位二十个。",
            f"answer_{second.pk}": "消防通道划线并每晚巡查。",
        },
    )
    assert response.status_code == 302
    hearing.hearing.refresh_from_db()
    entry = hearing.hearing.response
    assert entry.category == Category.DECISIONS and entry.is_published
    assert "梧桐院停车改造听证会" in entry.title
    assert "经研究，答复如下。" in entry.body
    assert "1. resident（当场陈述）：车位不够\n答复：增加夜间车位二十个。" in entry.body
    assert "2. zhao（线上陈述）：通道被占\n答复：消防通道划线并每晚巡查。" in entry.body
    for user, answer in (
        (resident, "增加夜间车位二十个。"),
        (neighbour, "消防通道划线并每晚巡查。"),
    ):
        told = Notification.objects.filter(user=user, kind="meeting_hearing").latest("pk")
        assert told.body == answer and told.url == entry.get_absolute_url()
    page = english_client(None).get(hearing.get_absolute_url()).content.decode()
    assert entry.get_absolute_url() in page and "Read the written response" in page
    assert "Speaker 2: zhao" in page and "消防通道划线并每晚巡查。" in page
    # once answered, the record is closed
    with pytest.raises(Refused, match="until the written response is published"):
        services.record_testimony(organiser, hearing, one, text="改", channel="in_person")
    with pytest.raises(Refused, match="once"):
        services.publish_response(organiser, hearing, intro="", answers={})
    api = client_for(None).get(f"/api/communities/{community.slug}/meetings/{hearing.pk}/hearing")
    data = api.json()
    assert [(s["position"], s["name"], s["testimony"]["answer"]) for s in data["speakers"]] == [
        (1, "resident", "增加夜间车位二十个。"),
        (2, "zhao", "消防通道划线并每晚巡查。"),
    ]
    assert data["response_url"].endswith(entry.get_absolute_url())


def test_the_api_keeps_names_off_the_record_until_testimony_is(hearing, community, resident):
    services.sign_up_to_speak(resident, hearing, member(resident), topic="停车位不够")
    data = (
        client_for(None)
        .get(f"/api/communities/{community.slug}/meetings/{hearing.pk}/hearing")
        .json()
    )
    assert data["speakers"] == [
        {"position": 1, "topic": "停车位不够", "name": None, "testimony": None}
    ]
    assert (data["places_left"], data["response_url"]) == (9, None)


def test_a_resident_signs_up_on_the_page(hearing, community, resident):
    client = english_client(resident)
    answer = client.post(
        f"/c/{community.slug}/meetings/{hearing.pk}/speak/", {"topic": "停车位不够", "needs": ""}
    )
    assert answer.status_code == 302
    assert Speaker.objects.get(hearing__meeting=hearing).member == member(resident)
    again = client.post(
        f"/c/{community.slug}/meetings/{hearing.pk}/speak/", {"topic": "x"}, follow=True
    )
    assert "already on the list of speakers" in again.content.decode()
