"""Courtyard contests (院落美化大赛) in every generated community: a review board (评审会), a
contest a year with a rubric and award tiers, courtyards' applications with supporting
households, every board member's scores with reasons, the ranking combined by the contest's
own scoring rules (``reviews.services.results``), ranks and awards given by the same functions
the board's commands use, and the public notice (公示): over for past years, open now for
this year's contest.

Team members, photos and milestones are not generated: they move to ``linli.tracking``.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal

from linli.core.models import Member
from linli.disclosure.models import Publicity
from linli.engagement.models import Project
from linli.governance.models import Body, Charter, Constituency, Majority, Office, Seat
from linli.participation.models import Channel, Depth, Method
from linli.reviews.models import Application, AwardTier, Contest, Criterion, Score, Signature
from linli.reviews.notice import give_awards, rank_applications
from linli.reviews.publicity import KIND as CONTEST_PUBLICITY
from linli.reviews.publicity import becomes_final
from linli.reviews.services import ranking_rows, results

from . import plan
from .activity import Ledger, sample, year_start
from .people import BATCH, Town

BOARD_SIZE = 8  # the organiser (secretary) and seven residents
ENTRIES = 8  # applications a year, one per courtyard at most
MIN_SIGNATURES = 5
NOTICE_DAYS = 7
CRITERIA = [
    ("居民参与", "居民一起商量、一起动手的程度。", Decimal("0.35")),
    ("方案可行", "预算、分工和时间安排是否落得了地。", Decimal("0.25")),
    ("院落特色", "是否保留院落记忆、用上本地材料。", Decimal("0.20")),
    ("长效维护", "建成以后谁来管、怎么管。", Decimal("0.20")),
]
TIERS = [("一等奖", 1, 1, 8000), ("二等奖", 2, 3, 5000), ("三等奖", 4, 6, 2000)]
IDEAS = [
    "院坝花台改造",
    "楼道文化墙",
    "共享晾衣区",
    "院落记忆角",
    "雨水花园",
    "邻里议事亭",
    "儿童涂鸦墙",
    "屋檐下的书架",
    "老井边的座椅",
    "垂直菜园",
]
REASONS = {
    True: "居民自己设计、分工清楚，方案扎实。",
    False: "想法不错，但参与的居民还不多，维护安排要再具体。",
}


def board(town: Town, rng: random.Random, now: datetime) -> Body:
    """The community's 评审会, its members serving through the three generated years."""
    body = Body.objects.create(
        community=town.community, kind=Body.Kind.REVIEW_BOARD, name="社区评审会"
    )
    Charter.objects.create(
        body=body,
        purpose="由院落骨干、社区党员和社区工作人员组成：商定院落美化大赛的规则，评审申报。",
        powers="通过大赛规则和评分标准；通过评审排名。",
        quorum_percent=50,
        majority=Majority.SIMPLE,
        term_months=12 * (plan.YEARS + 1),
        seat_plan={},
    )
    start = year_start(now, 0).date()
    end = (now + timedelta(days=365)).date()
    members = sample(rng, town.with_account or town.residents, BOARD_SIZE - 1)
    chosen = [(town.organiser, Constituency.STAFF, Office.SECRETARY)] + [
        (member, Constituency.COURTYARD, Office.CHAIR if number == 0 else Office.MEMBER)
        for number, member in enumerate(members)
    ]
    seats = [
        Seat(
            body=body,
            member=member,
            constituency=constituency,
            office=office,
            term_start=start,
            term_end=end,
        )
        for member, constituency, office in chosen
    ]
    Seat.objects.bulk_create(seats)
    return body


def contests(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    """A contest a year, decided and final for past years, on public notice now for this
    year's; returns the applications made."""
    body = board(town, rng, now)
    reviewers = [town.organiser, *(s.member for s in body.seats.exclude(member=town.organiser))]
    by_area: dict[int, list[Member]] = {}
    for member in town.residents:
        area = town.area_of.get(member.pk)
        if area is not None:
            by_area.setdefault(area, []).append(member)
    made = 0
    for year in range(plan.YEARS):
        current = year == plan.YEARS - 1
        # This year's contest closes so that its notice runs now; past ones in the spring.
        opens = now - timedelta(days=40) if current else year_start(now, year) + timedelta(days=75)
        contest = Contest.objects.create(
            community=town.community,
            body=body,
            title=f"{opens.year}年院落美化大赛",
            description="各院落自己商量、自己动手美化公共空间，评审会按评分标准评出获奖方案。",
            eligibility="本社区各院落、小区的居民小组，须有五户以上居民支持。",
            opens_at=opens,
            closes_at=opens + timedelta(days=21),
            scoring_deadline=opens + timedelta(days=35),
            budget=Decimal(sum(amount * (last - first + 1) for _n, first, last, amount in TIERS)),
            funds_rules="奖金按里程碑分期拨付，专款专用，账目公示。",
            min_signatures=MIN_SIGNATURES,
            notice_days=NOTICE_DAYS,
            stage=Contest.Stage.SCORING,
            rubric_adopted_at=opens - timedelta(days=7),
        )
        criteria = Criterion.objects.bulk_create(
            Criterion(contest=contest, name=name, description=text, weight=weight, position=i)
            for i, (name, text, weight) in enumerate(CRITERIA)
        )
        AwardTier.objects.bulk_create(
            AwardTier(contest=contest, name=name, rank_from=first, rank_to=last, amount=amount)
            for name, first, last, amount in TIERS
        )
        entries, competing = _applications(town, rng, contest, by_area, ledger, projects[year])
        _scores(rng, competing, criteria, reviewers)
        # The board adopts the ranking its rules give, then the notice and, once it has run,
        # the awards: what propose_ranking, publish_notice and finalise do, on these dates.
        contest.ranking = ranking_rows(results(contest))
        contest.ranking_adopted_at = contest.scoring_deadline + timedelta(days=3)
        notice_starts = contest.ranking_adopted_at + timedelta(days=1)
        notice_ends = notice_starts + timedelta(days=NOTICE_DAYS - 1)
        contest.stage = Contest.Stage.NOTICE
        rank_applications(contest)
        if not current:
            give_awards(contest)
            contest.stage = Contest.Stage.FINAL
            contest.finalised_at = notice_ends + timedelta(days=1)
        contest.save()
        # its 公示, disclosure's (what publish_notice and finalise record there)
        Publicity.objects.create(
            community=contest.community,
            kind=CONTEST_PUBLICITY,
            subject_id=str(contest.pk),
            title=contest.title,
            becomes_final=becomes_final(contest),
            starts_on=notice_starts.date(),
            ends_on=notice_ends.date(),
            status=Publicity.Status.OPEN if current else Publicity.Status.FINAL,
            finalised_at=contest.finalised_at,
            created_at=notice_starts,
        )
        made += len(entries)
    return made


def _applications(
    town: Town,
    rng: random.Random,
    contest: Contest,
    by_area: dict[int, list[Member]],
    ledger: Ledger,
    project: Project,
) -> tuple[list[Application], list[Application]]:
    """One application from each of up to ``ENTRIES`` courtyards, with supporting households of
    the courtyard (online or copied from the paper sheet); returns them all and those with
    enough support to compete (most)."""
    areas = sample(rng, sorted(by_area), ENTRIES)
    entries = []
    for number, area in enumerate(areas):
        applicant = rng.choice(by_area[area])
        title = IDEAS[(number + contest.opens_at.year) % len(IDEAS)]
        entries.append(
            Application(
                contest=contest,
                area_id=area,
                applicant=applicant,
                title=title,
                description=f"{title}：院坝里现在堆着杂物，居民想把它变成大家能用的地方。",
                plan="第一周开院坝会定方案，第二、三周居民分组动手，第四周验收和维护约定。",
                budget=Decimal(rng.randrange(3000, 12000, 500)),
            )
        )
    entries = Application.objects.bulk_create(entries)
    # submitted_at is set on insert (auto_now_add): moved into the application window here.
    signatures = []
    for application in entries:
        application.submitted_at = contest.opens_at + timedelta(
            days=rng.randint(0, 19), hours=rng.choice([10, 15, 20])
        )
        ledger.add(
            application.applicant,
            Method.CONTEST,
            Channel.ONLINE,
            Depth.COLLABORATING,
            ("reviews.application", application.pk),
            application.submitted_at,
            project=project,
        )
        households: dict[int, Member] = {}
        for member in by_area[application.area_id]:
            if member.household_id is not None and member.pk != application.applicant_id:
                households.setdefault(member.household_id, member)
        wanted = rng.randint(MIN_SIGNATURES - 2, MIN_SIGNATURES * 4)
        for member in sample(rng, list(households.values()), wanted):
            signatures.append((application, member, rng.random() < 0.6))
    Application.objects.bulk_update(entries, ["submitted_at"], batch_size=BATCH)
    rows = Signature.objects.bulk_create(
        [
            Signature(
                application=application,
                household_id=member.household_id,
                member=member,
                signer_name=member.name,
                channel=Signature.Channel.ONLINE if online else Signature.Channel.PAPER,
                entered_by=None if online else town.staff,
            )
            for application, member, online in signatures
        ],
        batch_size=BATCH,
    )
    for row, (application, member, online) in zip(rows, signatures, strict=True):
        assert application.submitted_at is not None  # set above, for mypy
        ledger.add(
            member,
            Method.CONTEST,
            Channel.ONLINE if online else Channel.PAPER,
            Depth.CONSULTED,
            ("reviews.signature", row.pk),
            application.submitted_at + timedelta(hours=rng.randint(1, 48)),
            project=project,
            recorded_by=None if online else town.staff,
        )
    counts = Counter(application.pk for application, _m, _o in signatures)
    return entries, [a for a in entries if counts[a.pk] >= contest.min_signatures]


def _scores(
    rng: random.Random,
    entries: list[Application],
    criteria: list[Criterion],
    reviewers: list[Member],
) -> None:
    """Every reviewer scores every application in the competition on every criterion, with a
    reason; each application has a quality the reviewers roughly agree on."""
    rows = []
    for application in entries:
        quality = rng.uniform(3, 9)
        for reviewer in reviewers:
            for criterion in criteria:
                value = max(criterion.low, min(criterion.high, round(rng.gauss(quality, 1.5))))
                rows.append(
                    Score(
                        application=application,
                        criterion=criterion,
                        reviewer=reviewer,
                        value=value,
                        reason=REASONS[value >= 6],
                    )
                )
    Score.objects.bulk_create(rows, batch_size=BATCH)
