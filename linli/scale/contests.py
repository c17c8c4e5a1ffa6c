"""Courtyard contests (院落美化大赛) in every generated community: a review board (评审会), a
contest a year with a rubric and award tiers, courtyards' applications with their teams (linli.
tracking: the applicant, neighbours, a craftsman named without an account) and supporting
households, the board members' scores with reasons, and this year's contest being scored now.

Past years' contests are finished (stage ``done``): the ranking combined by the contest's own
scoring rules (``reviews.services.results``) and adopted, ranks and awards by the tiers, the
awards paid in two stages (tracking milestones: half at the start, half after the acceptance
inspection), the inspections (some work fixed and inspected again, one failed), photos before
and after, and the showcase story.

A finished contest's public notice (公示) is disclosure's (issue 19): one ``Publicity`` row,
final, over the notice period the contest had. What is not generated: objections (a real 公示
has few, and a generated one would answer itself), and conflicts of interest: board members
neither apply nor join a team.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType

from linli.core.models import Member
from linli.disclosure.models import Publicity
from linli.engagement.models import Project
from linli.governance.models import Body, Charter, Constituency, Majority, Office, Seat
from linli.participation.models import Channel, Depth, Method
from linli.reviews.models import (
    Application,
    AwardTier,
    Contest,
    Criterion,
    InspectionVisit,
    Score,
    Signature,
)
from linli.reviews.publicity import KIND as CONTEST_PUBLICITY
from linli.reviews.publicity import becomes_final
from linli.reviews.services import ranking_rows, results
from linli.tracking.models import FundedProject, Milestone, Photo, TeamMember

from . import plan
from .activity import Ledger, sample, year_start
from .people import BATCH, Town

BOARD_SIZE = 8  # the organiser (secretary) and seven residents
ENTRIES = 8  # applications a year in a full-size community
HOUSEHOLDS_PER_ENTRY = 40  # a small community has fewer (the query-count test compares sizes)
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
APPLICANT_TASK = "申请人"  # what ``reviews.services.submit`` writes, in Chinese
TASKS = ["设计", "采购", "施工组织", "后期维护", "宣传动员", "记账"]
CRAFTS = [("王师傅", "木工"), ("李师傅", "泥瓦工"), ("赵老师", "美术指导"), ("陈师傅", "园艺")]
# (stage at which the first milestone is released, the second): half the award each.
STAGES = [("开工", "开工照片和材料清单已交评审会"), ("验收合格", "验收合格")]
SHOWCASE = "{title}：居民自己动手，{n}户邻居一起出主意、出力，现在每天都有人在这里歇脚聊天。"
FIX_NOTES = "花台排水不畅，座椅固定不牢，整改后再验收。"
FAIL_NOTES = "工程没有按方案完成，整改期满仍未达到要求；第二笔奖金不再拨付。"


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


class _People:
    """Who may apply, join a team or sign in each courtyard (board members do not apply or join
    a team, so nobody stands aside)."""

    def __init__(self, town: Town, board_members: set[int]) -> None:
        self.residents: dict[int, list[Member]] = {}
        self.applicants: dict[int, list[Member]] = {}
        for member in town.residents:
            area = town.area_of.get(member.pk)
            if area is None:
                continue
            self.residents.setdefault(area, []).append(member)
            if member.user_id is not None and member.pk not in board_members:
                self.applicants.setdefault(area, []).append(member)
        self.board_members = board_members


def contests(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    """A contest a year: finished for past years, being scored now for this year's; returns the
    applications made."""
    body = board(town, rng, now)
    seats = list(body.seats.select_related("member"))
    reviewers = [s.member for s in seats]
    chair = next(s.member for s in seats if s.office == Office.CHAIR) if len(seats) > 1 else None
    people = _People(town, {m.pk for m in reviewers})
    made = 0
    for year in range(plan.YEARS):
        current = year == plan.YEARS - 1
        # This year's contest closed 19 days ago and is being scored; past ones in the spring.
        opens = now - timedelta(days=40) if current else year_start(now, year) + timedelta(days=75)
        contest = Contest.objects.create(
            community=town.community,
            body=body,
            title=f"{opens.year}年院落美化大赛",
            description="各院落自己商量、自己动手美化公共空间，评审会按评分标准评出获奖方案。",
            eligibility="本社区各院落、小区的居民小组，须有五户以上居民支持。",
            opens_at=opens,
            closes_at=opens + timedelta(days=21),
            scoring_deadline=opens + timedelta(days=45),
            budget=Decimal(sum(amount * (last - first + 1) for _n, first, last, amount in TIERS)),
            funds_rules="奖金分两期拨付：开工时一半，验收合格后一半；专款专用，账目公示。",
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
        entries, competing = _applications(town, rng, contest, people, ledger, projects[year])
        _teams(town, rng, contest, entries, people, ledger, projects[year])
        # This year's: most board members have scored every application, a few not yet.
        scoring = [r for r in reviewers if not current or rng.random() < 0.75]
        _scores(rng, competing, criteria, scoring)
        if not current and competing:
            _decide(contest, competing)
            _work(town, rng, contest, criteria, chair or town.organiser, year)
        made += len(entries)
    return made


def _applications(
    town: Town,
    rng: random.Random,
    contest: Contest,
    people: _People,
    ledger: Ledger,
    project: Project,
) -> tuple[list[Application], list[Application]]:
    """Up to ``ENTRIES`` applications (fewer in a small community), from as many courtyards as
    there are or two groups of one courtyard, each by a resident with an account (``submit``
    needs one), with supporting households of the courtyard (online or copied from the paper
    sheet); returns them all and those with enough support to compete (most)."""
    size = len({m.household_id for m in town.residents})
    count = min(ENTRIES, max(2, size // HOUSEHOLDS_PER_ENTRY))
    courtyards = sorted(people.applicants)
    areas = sample(rng, courtyards, count)
    while courtyards and len(areas) < count:
        areas += sample(rng, courtyards, count - len(areas))
    entries = []
    for number, area in enumerate(areas):
        applicant = rng.choice(people.applicants[area])
        title = IDEAS[(number + contest.opens_at.year) % len(IDEAS)]
        entries.append(
            Application(
                contest=contest,
                area_id=area,
                applicant=applicant,
                title=title,
                description=f"{title}：院坝里现在堆着杂物，居民想把它变成大家能用的地方。",
                plan="第一周开院坝会定方案，第二、三周居民分组动手，第四周验收和维护约定。",
                team="院落居民小组，物业和社区志愿者协助。",
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
        for member in people.residents[application.area_id]:
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


def _teams(
    town: Town,
    rng: random.Random,
    contest: Contest,
    entries: list[Application],
    people: _People,
    ledger: Ledger,
    project: Project,
) -> None:
    """Each application's funded project (tracking) with its team, as ``submit`` and
    ``add_team_member`` leave it: the applicant (named if they agreed), one to three neighbours
    of the courtyard (each a ledger row, in person), sometimes a craftsman named without an
    account (agreement recorded by the applicant), and a photo of the place before the work."""
    kind = ContentType.objects.get_for_model(Application)
    tracked = FundedProject.objects.bulk_create(
        FundedProject(
            community=town.community,
            source_type=kind,
            source_id=application.pk,
            created_at=application.submitted_at,
        )
        for application in entries
    )
    team: list[TeamMember] = []
    photos: list[Photo] = []
    for application, funded in zip(entries, tracked, strict=True):
        submitted = application.submitted_at
        assert submitted is not None  # set by _applications, for mypy
        applicant = application.applicant
        team.append(
            TeamMember(
                project=funded,
                member=applicant,
                name=applicant.name,
                task=APPLICANT_TASK,
                consented_at=submitted if rng.random() < 0.85 else None,
                added_at=submitted,
            )
        )
        neighbours = [
            m
            for m in people.residents[application.area_id]
            if m.pk != applicant.pk and m.pk not in people.board_members
        ]
        for number, member in enumerate(sample(rng, neighbours, rng.randint(1, 3))):
            joined = submitted + timedelta(hours=number + 1)
            agreed = rng.random() < 0.8
            team.append(
                TeamMember(
                    project=funded,
                    member=member,
                    name=member.name,
                    task=TASKS[(number + application.pk) % len(TASKS)],
                    consented_at=joined if agreed else None,
                    consent_by_id=applicant.user_id if agreed else None,
                    added_at=joined,
                )
            )
            ledger.add(
                member,
                Method.CONTEST,
                Channel.IN_PERSON,
                Depth.COLLABORATING,
                ("reviews.application", application.pk),
                joined,
                project=project,
            )
        if rng.random() < 0.3:
            name, task = rng.choice(CRAFTS)
            team.append(
                TeamMember(
                    project=funded,
                    name=name,
                    task=task,
                    consented_at=submitted,
                    consent_by_id=applicant.user_id,
                    added_at=submitted,
                )
            )
        photos.append(_photo(funded, application, Photo.Kind.BEFORE, submitted))
    TeamMember.objects.bulk_create(team, batch_size=BATCH)
    Photo.objects.bulk_create(photos, batch_size=BATCH)


def _photo(funded: FundedProject, application: Application, kind: str, when: Any) -> Photo:
    """A photo row; the file itself is not written (the pages only link to it)."""
    words = "美化之前" if kind == Photo.Kind.BEFORE else "美化之后"
    return Photo(
        project=funded,
        kind=kind,
        image=f"tracking/photos/scale-{application.pk}-{kind}.jpg",
        caption=f"{application.title}{words}",
        added_at=when,
    )


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


def _decide(contest: Contest, competing: list[Application]) -> None:
    """The ranking the contest's rules give, as the board adopts it; ranks from it and awards by
    the tiers (what the board's commands leave once the result is final)."""
    contest.ranking = ranking_rows(results(contest))
    contest.ranking_adopted_at = contest.scoring_deadline + timedelta(days=3)
    notice_starts = contest.ranking_adopted_at + timedelta(days=1)
    notice_ends = notice_starts + timedelta(days=NOTICE_DAYS - 1)  # the first day counts
    contest.finalised_at = notice_ends + timedelta(days=1)
    contest.stage = Contest.Stage.FINAL
    contest.save()
    rank = {row["application"]: row["rank"] for row in contest.ranking}
    tiers = list(contest.tiers.all())
    for application in competing:
        application.rank = rank.get(application.pk)
        tier = next((t for t in tiers if t.rank_from <= (application.rank or 0) <= t.rank_to), None)
        application.award_name = tier.name if tier else ""
        application.award_amount = tier.amount if tier else None
    Application.objects.bulk_update(competing, ["rank", "award_name", "award_amount"])
    # its 公示, disclosure's: what publish_notice started and finalise closed, on these dates
    Publicity.objects.create(
        community=contest.community,
        kind=CONTEST_PUBLICITY,
        subject_id=str(contest.pk),
        title=contest.title,
        becomes_final=becomes_final(contest),
        starts_on=notice_starts.date(),
        ends_on=notice_ends.date(),
        status=Publicity.Status.FINAL,
        finalised_at=contest.finalised_at,
        created_at=notice_starts,
    )


def _work(
    town: Town,
    rng: random.Random,
    contest: Contest,
    criteria: list[Criterion],
    inspector: Member,
    year: int,
) -> None:
    """The awarded work: half the award released at the start, the rest after the acceptance
    inspection (some work fixed and inspected again; in the second year the last-ranked award's
    work fails, so its second half is never paid); the showcase story for what passed; the
    contest closed."""
    assert contest.finalised_at is not None  # set by _decide, for mypy
    awarded = list(
        contest.applications.filter(award_amount__gt=0).prefetch_related("tracked").order_by("rank")
    )
    start = contest.finalised_at + timedelta(days=10)
    milestones: list[Milestone] = []
    visits: list[tuple[InspectionVisit, datetime]] = []
    photos: list[Photo] = []
    ok = [{"criterion": c.name, "met": True, "note": "符合"} for c in criteria]
    short = [{**row, "met": False, "note": "未达到"} for row in ok[:2]] + ok[2:]
    for application in awarded:
        funded = application.tracked.all()[0]
        award = int(application.award_amount or 0)
        fails = year == 1 and application is awarded[-1] and len(awarded) > 2
        inspected = start + timedelta(days=rng.randint(90, 150))
        if fails or rng.random() < 0.25:
            visit = InspectionVisit(
                application=application,
                decision=Application.Inspection.FIX,
                checklist=short,
                notes=FIX_NOTES,
                recheck_by=(inspected + timedelta(days=30)).date(),
                inspected_by=inspector,
            )
            visits.append((visit, inspected))
            inspected += timedelta(days=rng.randint(25, 35))
        application.inspection = (
            Application.Inspection.FAIL if fails else Application.Inspection.PASS
        )
        visit = InspectionVisit(
            application=application,
            decision=application.inspection,
            checklist=short if fails else ok,
            notes=FAIL_NOTES if fails else "",
            inspected_by=inspector,
        )
        visits.append((visit, inspected))
        for number, (title, evidence) in enumerate(STAGES):
            done = number == 0 or not fails
            milestones.append(
                Milestone(
                    project=funded,
                    title=title,
                    amount=award // 2 if number == 0 else award - award // 2,
                    done_on=(start if number == 0 else inspected).date() if done else None,
                    evidence=evidence if done else "",
                    done_by=town.staff if done else None,
                )
            )
        if not fails:
            photos.append(_photo(funded, application, Photo.Kind.AFTER, inspected))
            application.showcase_text = SHOWCASE.format(
                title=application.title, n=rng.randint(8, 40)
            )
    Milestone.objects.bulk_create(milestones)
    made = InspectionVisit.objects.bulk_create([visit for visit, _when in visits])
    # inspected_at is set on insert (auto_now_add): moved to the day of the visit here.
    for visit, (_visit, when) in zip(made, visits, strict=True):
        visit.inspected_at = when
    InspectionVisit.objects.bulk_update(made, ["inspected_at"])
    Photo.objects.bulk_create(photos)
    Application.objects.bulk_update(awarded, ["inspection", "showcase_text"])
    # Every awarded work inspected and decided: what ``close_contest`` asks before closing.
    contest.stage = Contest.Stage.DONE
    contest.save(update_fields=["stage"])
