"""The demo agrees with the seeds and with itself (issue 22, item 16): contests and budgets are
named by the year they ran in, the edition a call claims is its place in the board's history,
nobody votes on a board before their term, objections fall inside the notice window, every
showcased work has its own story and pictures, score reasons say what the score says, the
人文地景产 labels mean what seed 004 says, 金桂苑's own decision matches its board, neighbours of
one community can lend to each other, and resident@ finds a participatory-budget vote open."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import check_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from linli.budgeting import models as pb
from linli.core.demo import DEMO_PASSWORD
from linli.core.models import Community, Member, User
from linli.disclosure.models import Objection
from linli.engagement.models import ReportBack
from linli.governance.models import Ballot, Motion, Seat
from linli.grants.models import THEME_SHORT
from linli.reviews.demo import REASONS
from linli.reviews.models import Application, Contest, Score
from linli.sharing import queries as sharing_queries
from linli.sharing import services as sharing
from linli.sharing.models import Item, Loan
from linli.tracking.models import Photo
from linli.votes.services import ballots


def _year(title: str) -> int | None:
    found = re.search(r"(20\d\d)\s*年", title)
    return int(found.group(1)) if found else None


def test_contests_and_budgets_are_named_by_the_year_they_run(demo, db):
    for contest in Contest.objects.all():
        years = {timezone.localtime(contest.opens_at).year}
        years.add(timezone.localtime(contest.closes_at).year)
        assert _year(contest.title) in years, (contest.title, years)
    for process in pb.Process.objects.all():
        years = {
            timezone.localtime(getattr(process, f)).year
            for f in ("ideas_open_at", "vote_opens_at", "vote_closes_at")
        }
        if _year(process.title) is not None:
            assert _year(process.title) in years, (process.title, years)


ORDINALS = {"首": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}


def test_the_edition_a_call_claims_is_its_place_in_the_boards_history(demo, db):
    claimed = 0
    for contest in Contest.objects.exclude(stage="draft"):
        found = re.search(r"第?([首一二三四五六七八])届", contest.description)
        if not found:
            continue
        claimed += 1
        before = (
            Contest.objects.filter(body=contest.body, opens_at__lt=contest.opens_at)
            .exclude(stage="draft")
            .count()
        )
        assert ORDINALS[found.group(1)] == before + 1, contest.title
    assert claimed >= 2


def _serving_on(motion: Motion, member_id: int, day: object) -> bool:
    return Seat.objects.filter(
        body=motion.body, member_id=member_id, term_start__lte=day, term_end__gte=day
    ).exists()


def test_board_members_vote_within_their_terms(demo, db):
    """Every body (the 评审会 among them) is seated before it votes: whoever was counted
    present at a show of hands, or cast a ballot online, held a seat on that day."""
    counted = Motion.objects.exclude(recorded_at=None).select_related("body")
    assert counted.filter(body__kind="review_board").exists()
    for motion in counted:
        day = timezone.localtime(motion.recorded_at).date()
        assert motion.opened_at >= motion.body.created_at, motion.title
        assert motion.opened_at <= motion.recorded_at <= (motion.closed_at or timezone.now())
        for member in motion.present.all():
            assert _serving_on(motion, member.pk, day), (motion.title, member.name, day)
    for ballot in Ballot.objects.select_related("motion__body", "member"):
        day = timezone.localtime(ballot.at).date()
        assert ballot.motion.opened_at >= ballot.motion.body.created_at, ballot.motion.title
        assert _serving_on(ballot.motion, ballot.member_id, day), (ballot.member.name, day)


def test_objections_fall_inside_their_notice_window(demo, db):
    # a contest result's 公示 is disclosure's (kind "reviews.contest"), its objections too
    objections = Objection.objects.filter(publicity__kind="reviews.contest").select_related(
        "publicity__community"
    )
    assert objections.exists()
    for objection in objections:
        notice = objection.publicity
        contest = Contest.objects.get(pk=notice.subject_id)
        zone = ZoneInfo(notice.community.timezone)
        day = timezone.localtime(objection.created_at, zone).date()
        assert notice.starts_on <= day <= notice.ends_on
        if objection.answered_at:
            assert objection.created_at <= objection.answered_at
            assert contest.finalised_at is None or objection.answered_at <= contest.finalised_at


def test_every_showcased_work_has_its_own_story_and_pictures(demo, db):
    shown = Application.objects.exclude(showcase_text="")
    assert shown.count() >= 3
    texts = list(shown.values_list("showcase_text", flat=True))
    assert len(set(texts)) == len(texts)
    for kind in (Photo.Kind.BEFORE, Photo.Kind.AFTER):
        digests = []
        for photo in Photo.objects.filter(
            kind=kind,
            project__source_type=ContentType.objects.get_for_model(Application),
            project__source_id__in=shown.values("pk"),
        ):
            with photo.image.open("rb") as f:
                digests.append(hashlib.sha256(f.read()).hexdigest())
        assert len(digests) >= 3 and len(set(digests)) == len(digests), kind


def test_score_reasons_say_what_the_score_says(demo, db):
    scores = Score.objects.select_related("criterion")
    assert scores.exists()
    for score in scores:
        low, mid, high = REASONS[score.criterion.name]
        band = high if score.value >= 9 else mid if score.value >= 6 else low
        assert score.reason in band, (score.criterion.name, score.value, score.reason)


# Seed 004: 人 residents' needs and ties, 文 history and culture, 地 the geography and its local
# character, 景 public space and the living environment, 产 the local economy run together.
SEED_004 = {
    "people": ("人", "居民"),
    "culture": ("文", "文化"),
    "place": ("地", "地理"),
    "landscape": ("景", "公共空间"),
    "livelihood": ("产", "经济"),
}


def test_budget_themes_mean_what_seed_004_and_grants_say(demo, db):
    with translation.override("zh-hans"):
        for value, (sign, meaning) in SEED_004.items():
            label = str(pb.Theme(value).label)
            assert label.startswith(sign) and meaning in label, label
            assert str(THEME_SHORT[value]) == sign
            others = [m for v, (_s, m) in SEED_004.items() if v != value]
            assert not any(m in label for m in others), label
    # the economy theme is for ideas that earn or trade together, not sheds and benches
    for idea in pb.Idea.objects.filter(theme="livelihood"):
        assert re.search(r"卖|集市|收益|经营|摆摊", idea.body), idea.title
    for idea in pb.Idea.objects.filter(theme__in=["livelihood", "place"]):
        assert not re.search(r"座椅|凉亭|车棚|停车|雨棚|晾衣", idea.title), idea.title


def test_budget_ideas_name_the_courtyards_of_the_demo(demo, db):
    names = {p.name for p in Community.objects.get(slug="yinxing").places.filter(parent=None)}
    for idea in pb.Idea.objects.filter(area__isnull=False):
        named = re.match(r"(\w{2}院)", idea.title)
        if named:
            assert named.group(1) in names, idea.title


def test_jingui_decision_matches_its_board(demo, db):
    jingui = Community.objects.get(slug="jingui")
    decisions = [
        r.decided for r in ReportBack.objects.filter(project__community=jingui).exclude(decided="")
    ]
    reports = " ".join(
        f"{r.did} {r.decided}" for r in ReportBack.objects.filter(project__community=jingui)
    )
    assert decisions
    if any("七天" in d or "7 天" in d for d in decisions):
        assert not Item.objects.filter(community=jingui, loan_days__gt=7).exists()
        for loan in Loan.objects.filter(community=jingui):
            assert (loan.due_on - loan.starts_on).days + 1 <= 7, loan.pk
    items = Item.objects.filter(community=jingui)
    shows_flats = any(
        box.label.isdigit()
        for courtyard in sharing_queries.board(jingui, items, show_flats=True)
        for building in courtyard.buildings
        for unit in building.units
        for box in unit.boxes
    )
    if shows_flats:
        assert "不写门牌号" not in reports


def test_neighbours_of_one_community_can_lend_to_each_other(demo, db):
    today = timezone.localdate()
    for community in Community.objects.filter(share_items__isnull=False).distinct():
        accounts = [
            m
            for m in Member.objects.filter(
                community=community, status="verified", household__isnull=False
            ).select_related("user", "household")
            if m.user and check_password(DEMO_PASSWORD, m.user.password)
        ]
        households = {m.household_id for m in accounts}
        assert len(households) >= 2, community.slug
        lent = False
        for lender in accounts:
            for borrower in accounts:
                if lender.household_id == borrower.household_id or lent:
                    continue
                item = (
                    Item.objects.filter(
                        household=lender.household, availability="available", expires_on__gt=today
                    )
                    .exclude(loans__status__in=Loan.HOLDING)
                    .first()
                )
                if item is None:
                    continue
                assert isinstance(borrower.user, User)
                loan = sharing.request_loan(
                    borrower.user, item, today + timedelta(days=1), today + timedelta(days=2)
                )
                lent = loan.pk is not None
        assert lent, community.slug


def test_resident_finds_an_open_participatory_budget_vote(demo, db):
    resident = Member.objects.get(user__email="resident@example.org")
    open_votes = [
        p.vote
        for p in pb.Process.objects.filter(community=resident.community, vote__isnull=False)
        if p.phase == "vote"
        and p.vote is not None
        and p.vote.status == p.vote.Status.PUBLISHED
        and p.vote.opens_at <= timezone.now() < p.vote.closes_at
    ]
    assert any(
        ballots.is_eligible(v, resident) and ballots.roll_entry_for(v, resident) is None
        for v in open_votes
    )
