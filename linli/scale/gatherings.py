"""Meetings, volunteering, proposals and item-sharing of a generated city, shaped as their
commands write them: a ledger row per check-in, per verified volunteering shift, per published
proposal, support and comment, and per person who handed over a loan."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from linli.engagement.models import Project
from linli.meetings.models import Meeting, Registration
from linli.participation.models import Channel, Depth, Method
from linli.proposals.models import Comment, Proposal, Stance, StatusChange, Support
from linli.sharing.models import Item, Loan
from linli.volunteering.models import Activity, Hours, SignUp, Team, TeamMember

from . import plan
from .activity import Ledger, sample, spread
from .people import BATCH, Town, code

MEETING_KINDS = ["courtyard", "town_hall", "workshop", "briefing"]


def meetings(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    registrations: list[Registration] = []
    moments = [(y, t) for y in range(plan.YEARS) for t in spread(now, y, rates.meetings, rng)]
    moments.append((plan.YEARS - 1, now + timedelta(days=10)))  # one coming up, to register for
    meeting_rows = [
        Meeting(
            community=town.community,
            project=projects[year],
            kind=MEETING_KINDS[i % len(MEETING_KINDS)],
            title=f"{starts:%Y年%m月}院落议事会",
            place="社区活动室",
            area=town.areas[i % len(town.areas)],
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=None if starts > now else rates.meeting_size * 2,
            status=Meeting.Status.PUBLISHED,
            created_by=town.staff,
        )
        for i, (year, starts) in enumerate(moments)
    ]
    for meeting in Meeting.objects.bulk_create(meeting_rows):
        past = meeting.starts_at < now
        for member in sample(rng, town.residents, rates.meeting_size if past else 5):
            came = past and rng.random() < 0.8
            registrations.append(
                Registration(
                    meeting=meeting,
                    member=member,
                    status=Registration.Status.CONFIRMED,
                    code=code(rng, 12),
                    checked_in_at=meeting.starts_at if came else None,
                    checked_in_by=town.staff if came else None,
                )
            )
            if came:
                ledger.add(
                    member,
                    Method.MEETING,
                    Channel.IN_PERSON,
                    Depth.INVOLVED,
                    ("meetings.meeting", meeting.pk),
                    meeting.starts_at,
                    project=meeting.project,
                    recorded_by=town.staff,
                )
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    return len(registrations)


def volunteering(
    town: Town, rng: random.Random, rates: plan.Rates, now: datetime, ledger: Ledger
) -> int:
    teams = Team.objects.bulk_create(
        Team(
            community=town.community,
            name=name,
            purpose=purpose,
            area=town.areas[i % len(town.areas)],
            created_by=town.staff,
        )
        for i, (name, purpose) in enumerate(
            [
                ("绿化队", "照料院落的花草树木"),
                ("助老队", "陪伴和帮助独居老人"),
                ("巡逻队", "夜间安全巡逻"),
                ("环保队", "垃圾分类宣传"),
            ][: rates.teams]
        )
    )
    members, activities, signups, hours = [], [], [], []
    for team in teams:
        crew = sample(rng, town.residents, rates.volunteers_per_activity * 3)
        members += [
            TeamMember(
                team=team,
                member=m,
                status=TeamMember.Status.ACTIVE,
                role=TeamMember.Role.LEADER if i == 0 else TeamMember.Role.MEMBER,
            )
            for i, m in enumerate(crew)
        ]
        for year in range(plan.YEARS):
            for starts in spread(now, year, rates.activities_per_team, rng):
                activities.append(
                    (
                        Activity(
                            team=team,
                            title=f"{team.name}{starts:%m月%d日}活动",
                            place="社区活动室",
                            starts_at=starts,
                            ends_at=starts + timedelta(hours=2),
                            created_by=town.staff,
                        ),
                        crew,
                    )
                )
    TeamMember.objects.bulk_create(members, batch_size=BATCH)
    saved = Activity.objects.bulk_create([a for a, _crew in activities], batch_size=BATCH)
    for activity, (_row, crew) in zip(saved, activities, strict=True):
        for member in rng.sample(crew, min(len(crew), rates.volunteers_per_activity)):
            signups.append(
                SignUp(
                    activity=activity,
                    member=member,
                    status=SignUp.Status.CONFIRMED,
                    code=code(rng, 12),
                    checked_in_at=activity.starts_at,
                    checked_out_at=activity.ends_at,
                )
            )
            hours.append(
                Hours(
                    activity=activity,
                    member=member,
                    hours=Decimal("2.0"),
                    status=Hours.Status.VERIFIED,
                    source=Hours.Source.LEADER,
                    logged_by=town.staff,
                    decided_by=town.staff,
                    decided_at=activity.ends_at,
                )
            )
            ledger.add(
                member,
                Method.VOLUNTEERING,
                Channel.IN_PERSON,
                Depth.INVOLVED,
                ("volunteering.activity", activity.pk),
                activity.starts_at,
                recorded_by=town.staff,
            )
    SignUp.objects.bulk_create(signups, batch_size=BATCH)
    Hours.objects.bulk_create(hours, batch_size=BATCH)
    return len(hours)


PROPOSAL_IDEAS = [
    ("在院子里加装休息座椅", "facilities"),
    ("修缮破损的车棚", "facilities"),
    ("增加夜间照明", "safety"),
    ("开办老年食堂", "elderly"),
    ("建一个儿童阅读角", "children"),
    ("种植更多的树", "environment"),
]


def proposals(
    town: Town, rng: random.Random, rates: plan.Rates, now: datetime, ledger: Ledger
) -> int:
    rows, authors = [], []
    for year in range(plan.YEARS):
        for n, published in enumerate(spread(now, year, rates.proposals, rng)):
            author = rng.choice(town.residents)
            title, category = PROPOSAL_IDEAS[n % len(PROPOSAL_IDEAS)]
            old = published < now - timedelta(days=120)
            rows.append(
                Proposal(
                    community=town.community,
                    author=author,
                    title=f"{title}（{published:%Y年%m月}）",
                    body=f"{title}。邻居们都很需要，希望社区支持。",
                    area_id=town.area_of[author.pk],
                    category=category,
                    status=rng.choice(
                        [Proposal.Status.DONE, Proposal.Status.REJECTED, Proposal.Status.ACCEPTED]
                    )
                    if old
                    else Proposal.Status.RECEIVED,
                    answer="社区已研究并答复。" if old else "",
                    published_at=published,
                    first_answered_at=published + timedelta(days=14) if old else None,
                )
            )
            authors.append(author)
    saved = Proposal.objects.bulk_create(rows)
    changes, supports, comments = [], [], []
    for proposal, author in zip(saved, authors, strict=True):
        assert proposal.published_at is not None
        changes.append(StatusChange(proposal=proposal, status=Proposal.Status.RECEIVED))
        ledger.add(
            author,
            Method.PROPOSAL,
            Channel.ONLINE,
            Depth.INVOLVED,
            ("proposals.proposal", proposal.pk),
            proposal.published_at,
        )
        backers = [
            m for m in sample(rng, town.residents, rates.supports_per_proposal) if m != author
        ]
        for member in backers:
            supports.append(Support(proposal=proposal, member=member))
            ledger.add(
                member,
                Method.SUPPORT,
                Channel.ONLINE,
                Depth.CONSULTED,
                ("proposals.proposal", proposal.pk),
                proposal.published_at + timedelta(days=1),
            )
        for member in backers[: rates.comments_per_proposal]:
            comments.append(
                (
                    Comment(
                        proposal=proposal,
                        member=member,
                        body="支持！希望尽快落实。",
                        stance=Stance.FOR,
                    ),
                    member,
                    proposal.published_at,
                )
            )
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
    Support.objects.bulk_create(supports, batch_size=BATCH)
    for comment in Comment.objects.bulk_create([c for c, _m, _t in comments], batch_size=BATCH):
        ledger.add(
            comment.member,
            Method.COMMENT,
            Channel.ONLINE,
            Depth.CONSULTED,
            ("proposals.comment", comment.pk),
            comment.proposal.published_at or now,
        )
    return len(saved)


ITEMS = [
    ("电钻", "tools"),
    ("梯子", "tools"),
    ("绘本", "books"),
    ("婴儿车", "baby"),
    ("羽毛球拍", "sports"),
    ("电饭煲", "kitchen"),
    ("积木", "toys"),
]


def sharing(
    town: Town, rng: random.Random, rates: plan.Rates, now: datetime, ledger: Ledger
) -> int:
    owners = sample(rng, town.residents, rates.item_share)
    items = Item.objects.bulk_create(
        Item(
            community=town.community,
            household_id=owner.household_id,
            listed_by=owner,
            name=ITEMS[i % len(ITEMS)][0],
            category=ITEMS[i % len(ITEMS)][1],
            expires_on=(now + timedelta(days=180)).date(),
        )
        for i, owner in enumerate(owners)
    )
    loans = []
    for item, owner in zip(items, owners, strict=True):
        for borrower in sample(rng, town.residents, rates.loans_per_item):
            if borrower.household_id == owner.household_id:
                continue
            handed = now - timedelta(days=rng.randint(20, 3 * 365))
            loans.append(
                Loan(
                    item=item,
                    community=town.community,
                    owner_household_id=owner.household_id,
                    borrower_household_id=borrower.household_id,
                    borrower=borrower,
                    starts_on=handed.date(),
                    due_on=(handed + timedelta(days=7)).date(),
                    status=Loan.Status.RETURNED,
                    decided_by=owner,
                    handover_owner_by=owner,
                    handover_borrower_by=borrower,
                    handover_owner_at=handed,
                    handover_borrower_at=handed,
                    return_owner_at=handed + timedelta(days=6),
                    return_borrower_at=handed + timedelta(days=6),
                    requested_at=handed,
                    handed_over_at=handed,
                    returned_at=handed + timedelta(days=6),
                )
            )
    for loan in Loan.objects.bulk_create(loans, batch_size=BATCH):
        for member in (loan.handover_owner_by, loan.handover_borrower_by):
            ledger.add(
                member,
                Method.SHARING,
                Channel.IN_PERSON,
                Depth.INVOLVED,
                ("sharing.loan", loan.pk),
                loan.handed_over_at or now,
            )
    return len(loans)
