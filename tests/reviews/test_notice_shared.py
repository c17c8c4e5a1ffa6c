"""A contest's result under disclosure's shared 公示: objections about one application, answered
by the board's officers (never one who stands aside on it), final by the board's button or by the
sweep - only after the period and every answer - with the awards given either way."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.models import AuditEntry, Member, Notification, Role
from linli.core.open_now import open_items
from linli.disclosure import services as disclosure
from linli.disclosure.models import Publicity
from linli.reviews import services
from linli.reviews.models import Application
from linli.reviews.notice import publicity_of
from tests.conftest import client_for, make_household, make_person
from tests.reviews.helpers import end_notice
from tests.reviews.test_notice_migration import _on_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(community, organiser, resident):  # type: ignore[no-untyped-def]
    return _on_notice(community, organiser, resident)


def test_an_objection_names_the_application_it_is_about(story, resident):
    contest, users, first, second, _other = story
    notice = publicity_of(contest)
    assert notice is not None and notice.kind == "reviews.contest"
    assert notice.ends_on - notice.starts_on == timedelta(days=contest.notice_days - 1)
    about = notice.objections.get(about=str(second.pk))
    assert about.about_label == "1. 墙绘" and about.text == "墙绘的参与分偏高"
    assert notice.objections.get(about="").text == "整体结果请再核对"
    # the board's officers hear of each objection
    assert Notification.objects.filter(user=users[0], kind="review_board").exists()
    # an objection through disclosure names a part from the adapter's list, or none
    with pytest.raises(Refused, match="Choose a part of this decision"):
        disclosure.object_to(resident, notice, "另一条", about="999999")
    made = disclosure.object_to(resident, notice, "另一条", about=str(first.pk))
    assert made.about_label == f"2. {first.title}"


def test_only_verified_residents_object(story, community):
    contest, _users, _first, _second, _other = story
    pending = make_person(
        community,
        "pending@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "3栋", "1单元", "101"]),
    )
    Member.objects.filter(user=pending).update(status=Member.Status.PENDING)
    pending = type(pending).objects.get(pk=pending.pk)
    with pytest.raises(Forbidden, match=r"^reviews\.take_part$"):  # not yet a resident
        services.object_to(pending, contest, "我也有意见")
    assert publicity_of(contest).objections.count() == 2


def test_who_answers_the_objections(story, resident, organiser):
    contest, users, _first, _second, _other = story
    whole = publicity_of(contest).objections.get(about="")
    with pytest.raises(Forbidden, match="chair, vice-chair or secretary"):
        services.answer_objection(resident, whole, "我来答")  # a resident
    with pytest.raises(Forbidden, match="chair, vice-chair or secretary"):
        services.answer_objection(users[3], whole, "x")  # serving, but not an officer
    services.answer_objection(organiser, whole, "组织者代评审会答复：已核对")  # as seed 003
    whole.refresh_from_db()
    assert whole.answer == "组织者代评审会答复：已核对" and whole.answered_by == organiser


def test_the_board_makes_it_final_only_after_the_period_and_every_answer(story):
    contest, users, _first, second, _other = story
    with pytest.raises(Refused, match="public notice runs until"):
        services.finalise(users[0], contest)
    end_notice(contest)
    with pytest.raises(Refused, match="Every objection must be answered"):
        services.finalise(users[0], contest)
    whole = publicity_of(contest).objections.get(about="")
    services.answer_objection(users[1], whole, "已核对，结果维持")
    with pytest.raises(Forbidden, match="chair, vice-chair or secretary"):
        services.finalise(users[3], contest)
    services.finalise(users[0], contest)
    contest.refresh_from_db()
    assert contest.stage == "final" and contest.finalised_at is not None
    assert Application.objects.get(pk=second.pk).award_name == "一等奖"
    assert publicity_of(contest).status == Publicity.Status.FINAL
    assert AuditEntry.objects.filter(action="reviews.finalised", actor=users[0]).exists()
    with pytest.raises(Refused, match="Only a result on public notice"):
        services.finalise(users[0], contest)
    with pytest.raises(Refused, match="This decision is final"):  # nothing answered once final
        services.answer_objection(users[1], whole, "再答一次")


def test_the_sweep_makes_the_contest_final_once_the_period_ran_and_all_is_answered(story):
    contest, users, _first, second, _other = story
    later = timezone.now() + timedelta(days=contest.notice_days + 1)
    with time_machine.travel(later):
        assert disclosure.finalise_due() == 0  # one objection has no answer
        whole = publicity_of(contest).objections.get(about="")
        services.answer_objection(users[0], whole, "已核对")
        assert disclosure.finalise_due() == 1
    contest.refresh_from_db()
    assert contest.stage == "final"
    assert Application.objects.get(pk=second.pk).award_amount == 5000
    assert AuditEntry.objects.filter(action="reviews.finalised", actor=None).exists()


def test_the_home_page_and_the_register_lead_to_the_contest_notice(story, community):
    contest, _users, _first, _second, _other = story
    items = [i for i in open_items(community, None) if i.title == contest.title]
    assert [i.url for i in items] == [services.notice_url(contest)]  # listed once
    notice = publicity_of(contest)
    page = client_for(None).get(notice.get_absolute_url()).content.decode()
    assert "1. 墙绘" in page and "墙绘的参与分偏高" in page and "复核后维持" in page
    contest_page = client_for(None).get(services.notice_url(contest)).content.decode()
    assert notice.get_absolute_url() in contest_page
