"""Minutes with decisions and action items published to the community and followed until done;
a training series with completion and skills on the resident's page for organisers."""

from __future__ import annotations

from datetime import date

import pytest

from linli.core.models import Notification
from linli.core.services import ServiceError
from linli.meetings import services
from linli.meetings.models import ActionItem, Meeting, Training
from tests.conftest import client_for

from .conftest import english_client, make_meeting, member


def test_minutes_are_seen_only_once_published(community, organiser, meeting, resident):
    services.save_minutes(
        organiser,
        meeting,
        agenda="院坝排水\n墙绘",
        summary="大家讨论了排水。",
        decisions="先修排水",
    )
    assert "先修排水" not in client_for(resident).get(meeting.get_absolute_url()).content.decode()
    services.save_minutes(
        organiser,
        meeting,
        agenda="院坝排水\n墙绘",
        summary="大家讨论了排水。",
        decisions="先修排水\n墙绘请西华大学帮忙",
        publish_now=True,
    )
    page = client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert "先修排水" in page and "墙绘请西华大学帮忙" in page
    api = client_for(None).get(f"/api/communities/{community.slug}/meetings/{meeting.pk}/minutes")
    assert api.json()["decisions"] == ["先修排水", "墙绘请西华大学帮忙"]


def test_publishing_empty_minutes_is_refused(organiser, meeting):
    with pytest.raises(ServiceError, match="before publishing"):
        services.save_minutes(
            organiser, meeting, agenda="x", summary="", decisions="", publish_now=True
        )


def test_action_items_are_followed_until_done(community, organiser, meeting, leader):
    services.save_minutes(
        organiser, meeting, agenda="", summary="s", decisions="d", publish_now=True
    )
    item = services.add_action_item(
        organiser, meeting, text="联系物业清理排水沟", owner=member(leader), due_on=date(2020, 1, 1)
    )
    assert Notification.objects.filter(user=leader, kind="meeting_actions").exists()
    assert item.is_overdue
    page = english_client(None).get(f"/c/{community.slug}/meetings/actions/").content.decode()
    assert "联系物业清理排水沟" in page and "overdue" in page
    # the owner moves it along; a stranger may not
    response = english_client(leader).post(
        f"/c/{community.slug}/meetings/actions/{item.pk}/status/", {"status": "done"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.done_at


def test_an_action_needs_an_owner(organiser, meeting):
    with pytest.raises(ServiceError, match="who will do it"):
        services.add_action_item(organiser, meeting, text="做点什么")
    item = services.add_action_item(organiser, meeting, text="买油漆", owner_name="墙绘队")
    assert item.who == "墙绘队"


def test_others_cannot_change_an_action(community, organiser, meeting, resident):
    item = services.add_action_item(organiser, meeting, text="x", owner_name="队")
    response = client_for(resident).post(
        f"/c/{community.slug}/meetings/actions/{item.pk}/status/", {"status": "done"}
    )
    assert response.status_code == 403
    assert ActionItem.objects.get().status == "open"


def test_training_completion_and_skills(community, organiser, resident, leader):
    training = Training.objects.create(
        community=community, title="居民骨干培训", skills="主持会议\n矛盾调解", sessions_required=2
    )
    sessions = [
        make_meeting(
            community, organiser, title=f"第{i}课", kind=Meeting.Kind.TRAINING, training=training
        )
        for i in range(1, 4)
    ]
    for session in sessions[:2]:
        services.walk_in(organiser, session, member(resident))
    services.walk_in(organiser, sessions[0], member(leader))
    assert services.skills_of(member(resident)) == ["主持会议", "矛盾调解"]
    assert services.skills_of(member(leader)) == []
    [record] = services.trainings_of(member(resident))
    assert (record.attended, record.sessions, record.completed) == (2, 3, True)
    from linli.participation.models import Act

    assert Act.objects.filter(member=member(resident), method="training").count() == 2
    page = (
        english_client(organiser)
        .get(f"/c/{community.slug}/meetings/people/{member(resident).pk}/")
        .content.decode()
    )
    assert "矛盾调解" in page
    assert (
        english_client(leader)
        .get(f"/c/{community.slug}/meetings/people/{member(resident).pk}/")
        .status_code
        == 403
    )
    progress = english_client(organiser).get(training.get_absolute_url()).content.decode()
    assert "Sessions attended" in progress
