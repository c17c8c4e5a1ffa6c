"""Every contest command, asked by each kind of person in the phase it belongs to: a member still
waiting for approval may not (``Forbidden``, before anything is read or written); a resident, a
board member and an organiser each get what the board's seats and offices allow them - done,
forbidden with words that say which seat or office it takes, or refused (not now, not like this)
with words that say why. Each attempt runs in a transaction rolled back afterwards, so
one person's success does not change what the next one meets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.models import AuditEntry, Member, Role
from linli.reviews import paper_scores, services
from linli.reviews.models import Application, AwardTier, Contest, Criterion
from tests.conftest import make_household, make_person
from tests.reviews.helpers import adopt, make_board, make_contest, member
from tests.reviews.test_conflicts import _to_final
from tests.reviews.test_flow import _apply, _score_all, _to_scoring

pytestmark = pytest.mark.django_db

ROLES = ("pending", "resident", "board_member", "organiser")
OK, NO = "done", "forbidden"
# "may not" for a board's offices and seats, with the words that say why (a 403 that explains)
OFFICERS = f"{NO}: Only the board's chair, vice-chair or secretary can do this."
SERVING = f"{NO}: Only members serving on the board can do this."


def _png() -> SimpleUploadedFile:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 200, 200)).save(out, format="PNG")
    return SimpleUploadedFile("p.png", out.getvalue())


def outcome(call: Callable[[], Any]) -> str:
    """What the person met: done, forbidden, or the refusal's words. Nothing stays written."""
    audited = AuditEntry.objects.count()
    with transaction.atomic():
        try:
            call()
        except Forbidden as forbidden:
            said = f"{NO}: {forbidden.message}" if forbidden.message else NO
        except Refused as refusal:
            said = refusal.message
        else:
            said = OK
        if said != OK:
            assert AuditEntry.objects.count() == audited, "a refusal left an audit entry"
        transaction.set_rollback(True)
    return said


@pytest.fixture
def people(community, organiser):  # type: ignore[no-untyped-def]
    board, users = make_board(community, organiser)
    home = make_household(community, ["槐树院", "3栋", "1单元", "301"])
    pending = make_person(
        community, "pending@test.org", Role.RESIDENT, home, status=Member.Status.PENDING
    )
    neighbour = make_person(community, "neighbour@test.org", Role.RESIDENT, home)
    who = {"pending": pending, "resident": neighbour, "board_member": users[3]}
    return board, users, who | {"organiser": organiser}


def _check(people: dict[str, Any], table: dict[str, tuple[Callable[[Any], Any], tuple]]) -> None:
    for name, (run, expected) in table.items():
        met = tuple(outcome(lambda user=people[role]: run(user)) for role in ROLES)
        assert met == expected, name


def test_setting_up_a_draft_is_for_officers_and_organisers(people):
    board, _users, who = people
    contest = make_contest(board, who["organiser"])
    criterion = contest.criteria.first()
    assert criterion is not None
    officers_only = (NO, OFFICERS, OFFICERS, OK)
    _check(
        who,
        {
            "save_contest": (lambda u: services.save_contest(u, board, contest), officers_only),
            "save_criterion": (
                lambda u: services.save_criterion(
                    u, Criterion(contest=contest, name="新", weight=1)
                ),
                officers_only,
            ),
            "delete_criterion": (lambda u: services.delete_criterion(u, criterion), officers_only),
            "save_tier": (
                lambda u: services.save_tier(
                    u, AwardTier(contest=contest, name="二等奖", rank_from=2, rank_to=2, amount=1)
                ),
                officers_only,
            ),
            "propose_rubric": (lambda u: services.propose_rubric(u, contest), officers_only),
            "comment_rubric": (
                lambda u: services.comment_rubric(u, contest, "好"),
                (NO, SERVING, OK, SERVING),
            ),
        },
    )
    assert not Contest.objects.exclude(pk=contest.pk).exists()


def test_applying_and_supporting_while_applications_are_open(people):
    board, users, who = people
    contest = make_contest(board, who["organiser"])
    adopt(services.propose_rubric(users[0], contest), users)
    application = _apply(contest, users[4], "石榴院")  # a board member's own courtyard

    def fresh() -> Application:
        return Application(
            contest=contest, area=application.area, title="t", description="d", plan="p", budget=1
        )

    households = [(make_household(contest.community, ["石榴院", "9栋", "1单元", "901"]), "王")]
    applicant_only = "Only the applicant can change the team."
    _check(
        who,
        {
            "submit": (lambda u: services.submit(u, fresh()), (NO, OK, OK, OK)),
            "sign": (
                lambda u: services.sign(u, application),
                (NO, OK, OK, "Your household is not known yet; ask the community office."),
            ),
            "add_team_member": (
                lambda u: services.add_team_member(u, application, "张", "木工", True),
                (NO, applicant_only, applicant_only, applicant_only),
            ),
            "add_photo": (
                lambda u: services.add_photo(u, application, "before", _png(), "院子"),
                (
                    NO,
                    "Only the applicant or the board can add photos.",
                    OK,
                    "Only the applicant or the board can add photos.",
                ),
            ),
            "withdraw": (
                lambda u: services.withdraw(u, application),
                (NO, *["Only the applicant can withdraw the application."] * 3),
            ),
            "enter_paper_signatures": (
                lambda u: services.enter_paper_signatures(u, application, households),
                (NO, NO, NO, OK),
            ),
            "declare_conflict": (
                lambda u: services.declare_conflict(u, application, "亲戚"),
                (NO, SERVING, OK, SERVING),
            ),
        },
    )
    # the applicant herself keeps her team and may withdraw
    assert outcome(lambda: services.add_team_member(users[4], application, "张", "", True)) == OK
    assert outcome(lambda: services.withdraw(users[4], application)) == OK


def test_scoring_is_for_members_serving_and_opened_by_officers(people):
    board, users, who = people
    contest = make_contest(board, who["organiser"])
    adopt(services.propose_rubric(users[0], contest), users)
    application = _apply(contest, who["resident"], "槐树院")
    criteria = list(contest.criteria.all())
    given = {c.pk: (c.high, "好") for c in criteria}
    officers_only = (NO, OFFICERS, OFFICERS, OK)
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    contest.refresh_from_db()
    _check(who, {"start_scoring": (lambda u: services.start_scoring(u, contest), officers_only)})
    services.start_scoring(users[0], contest)
    contest.refresh_from_db()
    sheet = member(users[4])
    _check(
        who,
        {
            "save_scores": (
                lambda u: services.save_scores(u, application, given),
                (NO, SERVING, OK, SERVING),
            ),
            "enter_paper_scores": (
                lambda u: paper_scores.enter_paper_scores(u, application, sheet, given, _png()),
                officers_only,
            ),
            "propose_ranking": (
                lambda u: services.propose_ranking(u, contest),
                (
                    NO,
                    OFFICERS,
                    OFFICERS,
                    "The ranking can be put to the board once every score is in or scoring has ended.",
                ),
            ),
        },
    )


def test_after_the_result_officers_set_milestones_and_close_and_members_inspect(people):
    board, users, who = people
    contest = make_contest(board, who["organiser"])
    adopt(services.propose_rubric(users[0], contest), users)
    application = _apply(contest, who["resident"], "槐树院")
    _to_scoring(contest, users[0])
    _score_all(contest, users, [application])
    _to_final(users, contest)
    application.refresh_from_db()
    items = {c.pk: (True, "符合") for c in contest.criteria.all()}
    stage = services.add_milestone(users[0], application, "开工", Decimal(1000))
    officers_only = (NO, OFFICERS, OFFICERS, OK)
    _check(
        who,
        {
            "add_milestone": (
                lambda u: services.add_milestone(u, application, "验收", Decimal(1000)),
                officers_only,
            ),
            "release": (lambda u: services.release(u, stage, "开工照片"), officers_only),
            "inspect": (
                lambda u: services.inspect(u, application, "pass", items),
                (NO, SERVING, OK, SERVING),
            ),
            "close_contest": (
                lambda u: services.close_contest(u, contest),
                (NO, OFFICERS, OFFICERS, "Some awarded work still waits for its inspection."),
            ),
        },
    )
