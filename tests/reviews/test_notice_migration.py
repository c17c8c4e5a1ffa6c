"""The data migration that moves a contest's public notice (公示) onto disclosure's shared one
loses nothing, backwards and forwards (migrations reviews 0009 and 0010): the period's days, open
or final, each objection's resident, text, the application it is about, its answer, when and by
whom (a member in the old table, their account in the new)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from linli.core.models import Role
from linli.disclosure.models import Publicity
from linli.disclosure.queries import today_in
from linli.reviews import services
from linli.reviews.notice import publicity_of
from tests.conftest import make_household, make_person
from tests.migrations import latest, migrate
from tests.reviews.helpers import adopt, make_board, make_contest, member
from tests.reviews.test_flow import _apply, _score_all, _to_scoring

pytestmark = pytest.mark.django_db(transaction=True)

OLD = [("reviews", "0008_drop_own_tracking")]
ANSWERED = datetime(2026, 5, 20, 2, 0, tzinfo=UTC)


def _objections(notice):  # type: ignore[no-untyped-def]
    return list(
        notice.objections.order_by("pk").values_list(
            "member_id", "about", "about_label", "text", "answer", "answered_at", "answered_by_id"
        )
    )


def _on_notice(community, organiser, resident):  # type: ignore[no-untyped-def]
    board, users = make_board(community, organiser, n=4)  # three officers and a member
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    first = _apply(contest, resident)
    other = make_person(
        community,
        "huaishu@test.org",
        Role.RESIDENT,
        make_household(community, ["槐树院", "1栋", "1单元", "101"]),
    )
    second = _apply(contest, other, "槐树院", "墙绘")
    _to_scoring(contest, users[0])
    _score_all(contest, users, [first, second])
    adopt(services.propose_ranking(users[0], contest), users)
    contest.refresh_from_db()
    services.publish_notice(users[0], contest)
    about = services.object_to(resident, contest, "墙绘的参与分偏高", second)
    services.answer_objection(users[1], about, "复核后维持")
    services.object_to(other, contest, "整体结果请再核对")  # about the whole result, unanswered
    return contest, users, first, second, other


def test_contest_notice_goes_back_to_reviews_and_onto_disclosure_losing_nothing(
    community, organiser, resident
):
    contest, users, first, second, other = _on_notice(community, organiser, resident)
    notice = publicity_of(contest)
    assert notice is not None
    period = (notice.starts_on, notice.ends_on)
    answered_at = notice.objections.get(about=str(second.pk)).answered_at
    before = _objections(notice)
    assert before[0][1:3] == (str(second.pk), "1. 墙绘")  # ranked first, as scored
    try:
        old = migrate(OLD)
        OldContest = old.get_model("reviews", "Contest")
        OldObjection = old.get_model("reviews", "Objection")
        back = OldContest.objects.get(pk=contest.pk)
        # the period from the start of its first day to the end of its last, in Beijing time
        assert back.notice_starts_at.astimezone(UTC) == datetime(
            *period[0].timetuple()[:3], tzinfo=UTC
        ) - timedelta(hours=8)
        assert back.notice_ends_at.astimezone(UTC) == datetime(
            *period[1].timetuple()[:3], tzinfo=UTC
        ) + timedelta(hours=16) - timedelta(seconds=1)
        rows = list(
            OldObjection.objects.filter(contest_id=contest.pk)
            .order_by("pk")
            .values_list("application_id", "member_id", "reason", "answer", "answered_by_id")
        )
        assert rows == [
            (second.pk, member(resident).pk, "墙绘的参与分偏高", "复核后维持", member(users[1]).pk),
            (None, member(other).pk, "整体结果请再核对", "", None),
        ]
        assert OldObjection.objects.filter(answered_at=answered_at).count() == 1
        assert not Publicity.objects.filter(kind="reviews.contest").exists()  # nor its objections
        # an objection written in the old table, answered on a known day
        OldObjection.objects.create(
            contest_id=contest.pk,
            application_id=first.pk,
            member_id=member(other).pk,
            reason="启明花园的预算偏多",
            answer="预算已按评审意见核减",
            answered_at=ANSWERED,
            answered_by_id=member(users[0]).pk,
        )
    finally:
        migrate(latest())

    notice = publicity_of(contest)
    assert notice is not None and notice.is_open
    assert (notice.starts_on, notice.ends_on) == period
    after = _objections(notice)
    assert after[:2] == before
    assert after[2] == (
        member(other).pk,
        str(first.pk),
        after[2][2],
        "启明花园的预算偏多",
        "预算已按评审意见核减",
        ANSWERED,
        users[0].pk,
    )
    assert after[2][2].endswith(first.title)
    assert (
        notice.becomes_final == "1. 槐树院 · 墙绘：一等奖，5000 元\n2. 梧桐院 · 花园护卫队：未获奖"
    )


def test_a_final_contest_result_comes_onto_disclosure_final(community, organiser, resident):
    contest, _users, _first, _second, _other = _on_notice(community, organiser, resident)
    final_at = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
    try:
        old = migrate(OLD)
        old.get_model("reviews", "Contest").objects.filter(pk=contest.pk).update(
            stage="final", finalised_at=final_at
        )
        old.get_model("reviews", "Objection").objects.filter(answer="").update(
            answer="已答复", answered_at=final_at - timedelta(days=1)
        )
    finally:
        migrate(latest())
    notice = Publicity.objects.get(kind="reviews.contest", subject_id=str(contest.pk))
    assert notice.status == Publicity.Status.FINAL and notice.finalised_at == final_at
    assert not notice.objections.filter(answer="").exists()
    assert notice.starts_on <= today_in(community) <= notice.ends_on + timedelta(days=31)
    assert isinstance(notice.starts_on, date)
