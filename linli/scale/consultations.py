"""Surveys, votes and opinion conversations of a generated city, shaped as their commands
write them: an identified survey has one participation, one response and one ledger row per
resident who answered; a vote one roll entry, one ballot and one ledger row per voter."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from linli.engagement.models import Project
from linli.opinions.models import Conversation, Statement
from linli.opinions.models import Vote as OpinionVote
from linli.participation.models import Channel, Depth, Method
from linli.surveys.models import Answer, Participation, Response, Section, Survey
from linli.surveys.models import Option as SurveyOption
from linli.surveys.models import Question as SurveyQuestion
from linli.votes.models import Ballot, RollEntry, Vote
from linli.votes.models import Option as VoteOption
from linli.votes.models import Question as VoteQuestion

from . import plan
from .activity import Ledger, sample, spread
from .people import BATCH, Town

SURVEY_TOPICS = ["院落环境", "停车", "养老服务", "儿童活动", "垃圾分类", "加装电梯"]
CHOICES = ["非常满意", "比较满意", "一般", "不满意"]
NEEDS = ["健身器材", "休息座椅", "绿化", "照明", "快递柜"]
REMARKS = ["希望多种树", "晚上太暗了", "谢谢社区", "停车难", "", "楼道需要清理"]


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh-hans": zh, "en": en}


def surveys(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    made = 0
    for year in range(plan.YEARS):
        for n, opens in enumerate(spread(now, year, rates.surveys, rng)):
            last = year == plan.YEARS - 1 and n == rates.surveys - 1
            # One survey open now in every community; every other one closed.
            opens = now - timedelta(days=3) if last else min(opens, now - timedelta(days=32))
            topic = SURVEY_TOPICS[(year * rates.surveys + n) % len(SURVEY_TOPICS)]
            survey = Survey.objects.create(
                community=town.community,
                project=projects[year],
                title=_t(f"{opens.year}年{topic}意见调查", f"{topic} survey {opens.year}"),
                languages=["zh-hans", "en"],
                mode=Survey.Mode.IDENTIFIED,
                status=Survey.Status.PUBLISHED,
                opens_at=opens,
                closes_at=opens + timedelta(days=30),
                results_published_at=None if last else opens + timedelta(days=31),
                created_by=town.staff,
            )
            questions = _survey_questions(survey)
            share = rates.survey_share / 2 if last else rates.survey_share
            made += _responses(
                town, rng, survey, questions, sample(rng, town.residents, share), ledger
            )
    return made


def _survey_questions(survey: Survey) -> dict[str, tuple[SurveyQuestion, list[SurveyOption]]]:
    section = Section.objects.create(
        survey=survey, key="s1", position=1, title=_t("问卷", "Survey")
    )
    specs: list[tuple[str, str, dict[str, str], list[str], dict[str, Any]]] = [
        ("q1", "single", _t("您对院落环境满意吗？", "Are you satisfied?"), CHOICES, {}),
        ("q2", "multiple", _t("您最需要什么？", "What do you need most?"), NEEDS, {}),
        (
            "q3",
            "scale",
            _t("您有多常参加社区活动？", "How often do you take part?"),
            [],
            {"min_value": 1, "max_value": 5},
        ),
        ("q4", "short_text", _t("还有什么建议？", "Anything else?"), [], {"required": False}),
    ]
    questions = SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey, section=section, key=key, position=i, kind=kind, text=text, **extra
        )
        for i, (key, kind, text, _options, extra) in enumerate(specs, start=1)
    )
    options = SurveyOption.objects.bulk_create(
        SurveyOption(question=q, key=f"o{i}", position=i, text=_t(label, label))
        for q, spec in zip(questions, specs, strict=True)
        for i, label in enumerate(spec[3], start=1)
    )
    by_question: dict[int, list[SurveyOption]] = {}
    for option in options:
        by_question.setdefault(option.question_id, []).append(option)  # type: ignore[arg-type]
    return {q.key: (q, by_question.get(q.pk, [])) for q in questions}


def _responses(
    town: Town,
    rng: random.Random,
    survey: Survey,
    questions: dict[str, tuple[SurveyQuestion, list[SurveyOption]]],
    people: list[Any],
    ledger: Ledger,
) -> int:
    demographics = _demographics_of(town)
    responses: list[Response] = []
    answers: list[dict[str, Any]] = []
    participations: list[Participation] = []
    for member in people:
        paper = rng.random() < 0.15
        channel = Channel.PAPER if paper else Channel.ONLINE
        day = survey.opens_at + timedelta(days=rng.randint(0, 2), hours=rng.randint(0, 8))
        given = {
            "q1": f"o{rng.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0]}",
            "q2": sorted(f"o{i}" for i in rng.sample(range(1, 6), rng.randint(1, 3))),
            "q3": rng.randint(1, 5),
        }
        remark = rng.choice(REMARKS)
        if remark:
            given["q4"] = remark
        age_band, gender = demographics.get(member.pk, ("", ""))
        responses.append(
            Response(
                survey=survey,
                member=member,
                channel=channel,
                entered_by=town.staff if paper else None,
                area_id=town.area_of[member.pk],
                age_band=age_band,
                gender=gender,
                language=member.language or "zh-hans",
                submitted_on=day.date(),
                fingerprint=hashlib.sha256(
                    json.dumps(given, sort_keys=True, ensure_ascii=False).encode()
                ).hexdigest(),
            )
        )
        participations.append(
            Participation(survey=survey, member=member, channel=channel, on=day.date())
        )
        answers.append(given)
        ledger.add(
            member,
            Method.SURVEY,
            channel,
            Depth.CONSULTED,
            ("surveys.survey", survey.pk),
            day,
            project=survey.project,
            recorded_by=town.staff if paper else None,
        )
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    Response.objects.bulk_create(responses, batch_size=BATCH)
    rows: list[Answer] = []
    for response, given in zip(responses, answers, strict=True):
        rows.extend(_answer_rows(response, given, questions))
        if len(rows) >= BATCH * 5:
            Answer.objects.bulk_create(rows, batch_size=BATCH)
            rows = []
    Answer.objects.bulk_create(rows, batch_size=BATCH)
    return len(responses)


def _answer_rows(
    response: Response,
    given: dict[str, Any],
    questions: dict[str, tuple[SurveyQuestion, list[SurveyOption]]],
) -> list[Answer]:
    """As the survey service's ``_write_answers`` stores each kind."""
    rows = []
    for key, value in given.items():
        question, options = questions[key]
        by_key = {o.key: o for o in options}
        if question.kind == "single":
            rows.append(Answer(response=response, question=question, option=by_key[value]))
        elif question.kind == "multiple":
            rows += [Answer(response=response, question=question, option=by_key[v]) for v in value]
        elif question.kind == "scale":
            rows.append(Answer(response=response, question=question, number=float(value)))
        else:
            rows.append(Answer(response=response, question=question, text=str(value)))
    return rows


_DEMOGRAPHICS: dict[int, dict[int, tuple[str, str]]] = {}


def _demographics_of(town: Town) -> dict[int, tuple[str, str]]:
    key = town.community.pk
    if key not in _DEMOGRAPHICS:
        from linli.core.models import Demographics

        _DEMOGRAPHICS.clear()
        _DEMOGRAPHICS[key] = {
            d["member_id"]: (d["age_band"], d["gender"])
            for d in Demographics.objects.filter(member__community=town.community).values(
                "member_id", "age_band", "gender"
            )
        }
    return _DEMOGRAPHICS[key]


def votes(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    cast = 0
    for year in range(plan.YEARS):
        for n, opens in enumerate(spread(now, year, rates.votes, rng)):
            last = year == plan.YEARS - 1 and n == rates.votes - 1
            # One vote open now, for the load scenarios; every other one closed.
            opens = now - timedelta(days=2) if last else min(opens, now - timedelta(days=16))
            closes = opens + timedelta(days=14)
            vote = Vote.objects.create(
                community=town.community,
                project=projects[year],
                title=f"{opens.year}年第{n + 1}次居民投票：先改造哪一处？",
                opens_at=opens,
                closes_at=closes,
                status=Vote.Status.PUBLISHED,
                sealed_at=None if last else closes,
                results_published_at=None if last else closes,
                created_by=town.staff,
            )
            question = VoteQuestion.objects.create(vote=vote, position=1, text="您支持哪一项？")
            options = VoteOption.objects.bulk_create(
                VoteOption(question=question, position=i, label=label)
                for i, label in enumerate(["修缮车棚", "增加绿化", "安装座椅", "改善照明"], start=1)
            )
            # Open now: account holders are left to vote in the load scenarios.
            people = [m for m in town.residents if not m.user_id] if last else town.residents
            voters = sample(rng, people, rates.vote_share / (2 if last else 1))

            def one_option(options: list[VoteOption] = options) -> list[int]:
                return [rng.choices(options, weights=[4, 3, 2, 1])[0].pk]

            cast += ballots(town, rng, vote, question, one_option, voters, ledger)
    return cast


def ballots(
    town: Town,
    rng: random.Random,
    vote: Vote,
    question: VoteQuestion,
    choose: Callable[[], list[int]],
    voters: list[Any],
    ledger: Ledger,
    paper_share: float = 0.2,
) -> int:
    """A roll entry, a ballot (the option ids ``choose()`` picks) and a ledger row per voter;
    ballots in no order (as sealed)."""
    roll, ballots = [], []
    for member in voters:
        paper = rng.random() < paper_share
        channel = "paper" if paper else "online"
        when = vote.opens_at + timedelta(days=rng.randint(0, 13), hours=rng.randint(0, 10))
        roll.append(
            RollEntry(
                vote=vote,
                member=member,
                area_id=town.area_of[member.pk],
                channel=channel,
                voted_on=when.date(),
                marked_by=town.staff if paper else None,
            )
        )
        ballots.append(
            Ballot(
                vote=vote,
                channel=channel,
                choices={str(question.pk): choose()},
                replace_hash="" if paper else f"{rng.getrandbits(256):064x}",
            )
        )
        ledger.add(
            member,
            Method(vote.ledger_method),
            channel,
            Depth.CONSULTED,
            ("votes.vote", vote.pk),
            when,
            project=vote.project,
            recorded_by=town.staff if paper else None,
        )
    rng.shuffle(ballots)
    RollEntry.objects.bulk_create(roll, batch_size=BATCH)
    Ballot.objects.bulk_create(ballots, batch_size=BATCH)
    return len(roll)


def conversations(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    votes_cast = 0
    texts = [
        "院子里应该多种树",
        "车棚应该收费",
        "晚上广场舞太吵",
        "应该装电梯",
        "快递柜很方便",
        "需要老年食堂",
        "儿童游乐区太小",
        "垃圾分类做得好",
        "路灯不够亮",
        "停车位不够",
    ]
    for year in range(plan.YEARS):
        for started in spread(now, year, rates.conversations, rng):
            conversation = Conversation.objects.create(
                community=town.community,
                project=projects[year],
                title=f"{started.year}年院落议事：大家怎么看？",
                question="关于院落的这些说法，您同意吗？",
                status=Conversation.Status.CLOSED,
                created_by=town.staff,
                closed_at=started + timedelta(days=30),
            )
            statements = Statement.objects.bulk_create(
                Statement(
                    conversation=conversation,
                    number=i,
                    text=text,
                    is_seed=True,
                    status=Statement.Status.ACCEPTED,
                )
                for i, text in enumerate(texts[: rates.statements], start=1)
            )
            rows = []
            for member in sample(rng, town.residents, rates.conversation_share):
                when = started + timedelta(days=rng.randint(0, 29))
                for statement in rng.sample(statements, rng.randint(2, len(statements))):
                    rows.append(
                        OpinionVote(
                            conversation=conversation,
                            statement=statement,
                            member=member,
                            choice=rng.choice([1, 1, -1, 0]),
                            channel=Channel.ONLINE,
                        )
                    )
                ledger.add(
                    member,
                    Method.OPINIONS,
                    Channel.ONLINE,
                    Depth.CONSULTED,
                    ("opinions.conversation", conversation.pk),
                    when,
                    project=conversation.project,
                )
            OpinionVote.objects.bulk_create(rows, batch_size=BATCH)
            votes_cast += len(rows)
    return votes_cast
