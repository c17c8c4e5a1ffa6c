"""The data migration that moves review boards onto governance bodies loses nothing: members,
terms, offices, history, motions with their ballots and counts, a vote still open, an applicant
waiting for the board, and recusals (migration reviews 0005)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.migrations import latest, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reviews", "0004_contest_body"), ("governance", "0002_seat_duties")]
AFTER = [("reviews", "0006_old_boards_removed")]
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _old_world(apps):
    Community = apps.get_model("core", "Community")
    Place = apps.get_model("core", "Place")
    User = apps.get_model("core", "User")
    Member = apps.get_model("core", "Member")
    Board = apps.get_model("reviews", "Board")
    Seat = apps.get_model("reviews", "Seat")
    Motion = apps.get_model("reviews", "Motion")
    MotionVote = apps.get_model("reviews", "MotionVote")
    Contest = apps.get_model("reviews", "Contest")
    Application = apps.get_model("reviews", "Application")
    TeamMember = apps.get_model("reviews", "TeamMember")
    Recusal = apps.get_model("reviews", "Recusal")

    community = Community.objects.create(name="梧桐社区", slug="wutong-m")
    area = Place.objects.create(community=community, name="梧桐院", kind="area")
    user = User.objects.create(email="chair-m@test.org")
    people = {
        name: Member.objects.create(
            community=community,
            name=name,
            status="verified",
            user=user if name == "主席" else None,
        )
        for name in ("主席", "秘书", "王阿姨", "李大爷", "新人", "落选")
    }
    board = Board.objects.create(
        community=community,
        name="院落美化评审会",
        purpose="评审院落美化",
        duties="打分、验收",
        join_rules="自荐",
        leave_rules="辞去",
        term_months=24,
    )
    Board.objects.filter(pk=board.pk).update(created_at=T0)

    def seat(name, role, status, **extra):
        made = Seat.objects.create(
            board=board, member=people[name], role=role, status=status, via="founding", **extra
        )
        Seat.objects.filter(pk=made.pk).update(created_at=T0)
        return made

    term = {"term_start": date(2025, 3, 1), "term_end": date(2099, 3, 1)}
    seat("主席", "chair", "active", duties="主持会议", **term)
    seat("秘书", "secretary", "active", **term)
    wang = seat("王阿姨", "member", "active", **term)
    seat(
        "李大爷",
        "member",
        "left",
        left_how="resigned",
        left_at=T0 + timedelta(days=30),
        left_note="搬家了",
        **term,
    )
    waiting = Seat.objects.create(
        board=board,
        member=people["新人"],
        role="member",
        status="proposed",
        via="nomination",
        statement="热心",
        nominated_by=people["王阿姨"],
    )
    refused = Seat.objects.create(
        board=board, member=people["落选"], role="member", status="rejected", via="application"
    )
    contest = Contest.objects.create(
        community=community,
        board=board,
        title="院落美化大赛",
        description="d",
        opens_at=T0,
        closes_at=T0,
        scoring_deadline=T0,
        budget=1000,
    )
    application = Application.objects.create(
        contest=contest,
        area=area,
        applicant=people["王阿姨"],
        title="花园",
        description="d",
        plan="p",
        budget=1,
    )
    TeamMember.objects.create(application=application, member=people["李大爷"], name="李大爷")
    Recusal.objects.create(application=application, member=people["王阿姨"], reason="申请人")
    Recusal.objects.create(application=application, member=people["主席"], reason="住在梧桐院")
    ranking = Motion.objects.create(
        board=board,
        kind="adopt_ranking",
        title="通过排名",
        contest=contest,
        payload={"ranking": [{"application": application.pk, "rank": 1}]},
        status="passed",
        opened_by=people["主席"],
        closed_at=T0 + timedelta(days=2),
        votes_for=1,
        serving=1,
    )
    Motion.objects.filter(pk=ranking.pk).update(opened_at=T0 + timedelta(days=1))
    MotionVote.objects.create(motion=ranking, member=people["秘书"], choice="for")
    MotionVote.objects.create(motion=ranking, member=people["王阿姨"], choice="for")  # aside
    Motion.objects.create(
        board=board,
        kind="admit",
        title="接纳新人",
        text="热心",
        seat=waiting,
        status="open",
        opened_by=people["王阿姨"],  # no account
    )
    Motion.objects.create(
        board=board,
        kind="admit",
        title="接纳落选",
        seat=refused,
        status="failed",
        opened_by=people["主席"],
        votes_against=2,
        serving=3,
        closed_at=T0,
    )
    Motion.objects.create(
        board=board,
        kind="remove",
        title="除名王阿姨",
        seat=wang,
        status="failed",
        opened_by=people["主席"],
        serving=2,
        closed_at=T0,
    )
    return board, contest, application, people


def test_boards_move_onto_bodies_and_nothing_is_lost():
    old_apps = migrate(BEFORE)
    board, contest, application, people = _old_world(old_apps)
    apps = migrate(AFTER)
    try:
        Body = apps.get_model("governance", "Body")
        Contest = apps.get_model("reviews", "Contest")
        body = Body.objects.get(community_id=board.community_id)
        assert (body.kind, body.name, body.created_at) == ("review_board", board.name, T0)
        charter = body.charters.get()
        assert (charter.purpose, charter.powers, charter.join_rules, charter.leave_rules) == (
            "评审院落美化",
            "打分、验收",
            "自荐",
            "辞去",
        )
        assert (charter.term_months, charter.majority, charter.quorum_percent) == (
            24,
            "absolute",
            50,
        )
        assert Contest.objects.get(pk=contest.pk).body_id == body.pk

        seats = {s.member.name: s for s in body.seats.select_related("member")}
        assert set(seats) == {"主席", "秘书", "王阿姨", "李大爷"}  # waiting/refused: motions
        assert (seats["主席"].office, seats["主席"].duties) == ("chair", "主持会议")
        assert seats["主席"].created_at == T0 and seats["主席"].term_end == date(2099, 3, 1)
        left = seats["李大爷"]
        assert (left.status, left.left_how, left.left_note) == ("left", "resigned", "搬家了")

        motions = {m.title: m for m in body.motions.all()}
        ranking = motions["通过排名"]
        assert (ranking.kind, ranking.method, ranking.status) == ("contest", "online", "passed")
        assert (ranking.subject_type, ranking.subject_id) == ("reviews.contest", contest.pk)
        assert ranking.payload["contest_action"] == "ranking"
        assert ranking.payload["ranking"][0]["rank"] == 1
        assert ranking.opened_at == T0 + timedelta(days=1)
        assert ranking.opened_by_id == people["主席"].user_id
        assert (ranking.votes_for, ranking.entitled) == (1, 1)
        assert ranking.ballots.count() == 2  # every ballot kept ...
        assert [m.name for m in ranking.present.all()] == ["秘书"]  # ... the counted ones present
        aside = {row["name"]: row["reason"] for row in ranking.stood_aside}
        assert aside == {"王阿姨": "申请人", "主席": "住在梧桐院"}

        waiting = motions["接纳新人"]
        assert (waiting.kind, waiting.status) == ("admit", "open")
        assert waiting.payload["member"] == people["新人"].pk
        assert waiting.payload["via"] == "nomination" and waiting.payload["statement"] == "热心"
        assert waiting.payload["nominated_by"] == "王阿姨"
        assert waiting.payload["opened_by_member"] == "王阿姨"  # opened by one without account
        assert motions["接纳落选"].status == "failed"
        assert motions["接纳落选"].payload["member"] == people["落选"].pk
        removal = motions["除名王阿姨"]
        assert (removal.kind, removal.seat_id) == ("remove", seats["王阿姨"].pk)

        conflicts = {c.member.name: c for c in body.conflicts.select_related("member")}
        assert conflicts["王阿姨"].source == "applicant"
        assert conflicts["主席"].source == "declared" and conflicts["主席"].reason == "住在梧桐院"
        assert {c.subject_type for c in conflicts.values()} == {"reviews.application"}
        assert {c.subject_id for c in conflicts.values()} == {application.pk}
    finally:
        migrate(latest())
