"""The review boards become resident bodies (governance): each board a body of kind "review
board" with its founding charter, each seat a seat with its term and history, each motion a
motion decided online with its ballots and count, each recusal a conflict of interest on the
application. Nothing is lost:

- the board's purpose, its members' duties (as the charter's powers), joining and leaving rules
  and term length form charter version 1; its rule "more than half of the members serving" is the
  absolute majority, with a quorum of half;
- seats keep member, office, own duties, term, how and when they left; a seat still waiting for
  the board's vote, or refused, is the motion to admit the person (its payload keeps the
  statement, how they came and who nominated them);
- motions keep kind, text, payload, who opened them and when, status, counts and closing time;
  the rules and the ranking of a contest are motions about the contest ("contest_action"); the
  members who voted online are those present; who stood aside and why is written as at a close;
- recusals keep member, application, reason and date; the applicant and the team are named as
  such.
"""

import calendar
from datetime import date

from django.db import migrations

OFFICES = {"chair", "vice_chair", "secretary", "member"}
KINDS = {
    "adopt_rubric": "contest",
    "adopt_ranking": "contest",
    "admit": "admit",
    "remove": "remove",
    "other": "decision",
}
ACTIONS = {"adopt_rubric": "rubric", "adopt_ranking": "ranking"}


def add_months(start, months):
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def forwards(apps, schema_editor):
    Board = apps.get_model("reviews", "Board")
    OldSeat = apps.get_model("reviews", "Seat")
    OldMotion = apps.get_model("reviews", "Motion")
    MotionVote = apps.get_model("reviews", "MotionVote")
    Recusal = apps.get_model("reviews", "Recusal")
    Contest = apps.get_model("reviews", "Contest")
    TeamMember = apps.get_model("reviews", "TeamMember")
    Body = apps.get_model("governance", "Body")
    Charter = apps.get_model("governance", "Charter")
    Seat = apps.get_model("governance", "Seat")
    Motion = apps.get_model("governance", "Motion")
    Ballot = apps.get_model("governance", "Ballot")
    Conflict = apps.get_model("governance", "Conflict")
    User = apps.get_model("core", "User")

    fallback_user = None

    def opener(member):
        nonlocal fallback_user
        if member.user_id is not None:
            return member.user_id
        if fallback_user is None:
            found = (
                User.objects.filter(is_superuser=True).order_by("pk").first()
                or User.objects.order_by("pk").first()
            )
            fallback_user = found.pk
        return fallback_user

    for board in Board.objects.order_by("pk"):
        body = Body.objects.create(community_id=board.community_id, kind="review_board", name=board.name)
        Body.objects.filter(pk=body.pk).update(created_at=board.created_at)
        charter = Charter.objects.create(
            body=body,
            version=1,
            purpose=board.purpose,
            powers=board.duties,
            quorum_percent=50,
            majority="absolute",
            term_months=board.term_months,
            join_rules=board.join_rules,
            leave_rules=board.leave_rules,
            courtyard_conflicts=False,
            seat_plan={},
        )
        Charter.objects.filter(pk=charter.pk).update(adopted_at=board.created_at)
        Contest.objects.filter(board_id=board.pk).update(body_id=body.pk)

        seats = {}
        for old in OldSeat.objects.filter(board=board).order_by("created_at", "pk"):
            if old.status not in ("active", "left"):
                continue  # waiting or refused: the admit motion below carries it
            start = old.term_start or old.created_at.date()
            seat = Seat.objects.create(
                body=body,
                member_id=old.member_id,
                constituency="resident",
                office=old.role if old.role in OFFICES else "member",
                duties=old.duties,
                status="serving" if old.status == "active" else "left",
                term_start=start,
                term_end=old.term_end or add_months(start, board.term_months),
                left_at=old.left_at,
                left_how=old.left_how,
                left_note=old.left_note,
            )
            Seat.objects.filter(pk=seat.pk).update(created_at=old.created_at)
            seats[old.pk] = seat

        for old in OldMotion.objects.filter(board=board).order_by("opened_at", "pk"):
            payload = dict(old.payload or {})
            subject_type, subject_id = "", None
            if old.kind in ACTIONS:
                payload["contest_action"] = ACTIONS[old.kind]
            if old.contest_id is not None:
                subject_type, subject_id = "reviews.contest", old.contest_id
            seat = seats.get(old.seat_id) if old.seat_id else None
            if old.kind == "admit" and old.seat_id:
                wanted = OldSeat.objects.get(pk=old.seat_id)
                payload.update(
                    {
                        "member": wanted.member_id,
                        "constituency": "resident",
                        "office": wanted.role,
                        "duties": wanted.duties,
                        "via": wanted.via,
                        "statement": wanted.statement,
                        "nominated_by": wanted.nominated_by.name if wanted.nominated_by_id else "",
                    }
                )
            if old.opened_by.user_id is None:
                payload["opened_by_member"] = old.opened_by.name
            motion = Motion.objects.create(
                body=body,
                kind=KINDS.get(old.kind, "decision"),
                method="online",
                title=old.title,
                text=old.text,
                subject_type=subject_type,
                subject_id=subject_id,
                seat=seat,
                payload=payload,
                status=old.status if old.status in ("open", "passed", "failed") else "failed",
                opened_by_id=opener(old.opened_by),
                votes_for=old.votes_for,
                votes_against=old.votes_against,
                abstentions=old.abstentions,
                entitled=old.serving,
                closed_at=old.closed_at,
            )
            Motion.objects.filter(pk=motion.pk).update(opened_at=old.opened_at)
            voted = []
            for ballot in MotionVote.objects.filter(motion=old).order_by("pk"):
                new = Ballot.objects.create(motion=motion, member_id=ballot.member_id, choice=ballot.choice)
                Ballot.objects.filter(pk=new.pk).update(at=ballot.at)
                voted.append(ballot.member_id)
            stood_aside = []
            if old.contest_id is not None:
                for recusal in Recusal.objects.filter(application__contest_id=old.contest_id).select_related(
                    "member", "application"
                ):
                    stood_aside.append(
                        {"name": recusal.member.name, "reason": recusal.reason, "matter": recusal.application.title}
                    )
                    voted = [m for m in voted if m != recusal.member_id]
            if old.status != "open":
                motion.present.set(voted)
                Motion.objects.filter(pk=motion.pk).update(stood_aside=stood_aside)

    for recusal in Recusal.objects.select_related("application__contest", "member").order_by("pk"):
        application = recusal.application
        if application.applicant_id == recusal.member_id:
            source = "applicant"
        elif TeamMember.objects.filter(application=application, member_id=recusal.member_id).exists():
            source = "team"
        else:
            source = "declared"
        conflict, _created = Conflict.objects.get_or_create(
            body_id=application.contest.body_id,
            member_id=recusal.member_id,
            subject_type="reviews.application",
            subject_id=application.pk,
            defaults={
                "subject_title": application.title[:200],
                "source": source,
                "reason": recusal.reason[:300],
            },
        )
        Conflict.objects.filter(pk=conflict.pk).update(created_at=recusal.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_contest_body"),
        ("governance", "0002_seat_duties"),
        ("core", "__first__"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
