"""Demo of seed 003 in 银杏社区: the contests of the 评审会 of ten (a governance body, see its demo), a finished courtyard-beautification
contest with its notice, objection, awards, inspection and showcase, this year's contest taking
applications, and next year's rules still being drafted. Every step goes through the services,
so the ledger and the audit log are real; the clock is moved by editing the contest's dates."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from linli.core.demo import DemoContext
from linli.core.models import Household, Member, Place
from linli.governance import queries as bodies
from linli.governance import services as governance
from linli.governance.models import Body, Motion, Office

from . import boards, paper_scores, services
from .models import Application, AwardTier, Contest, Criterion

CRITERIA = [
    (
        "居民参与",
        "有多少住户参与设计和动手,是否照顾到老人和租户。",
        3,
        "9-10: 全院大多数住户参与,分工明确\n6-8: 骨干带动一部分住户\n0-5: 少数人在做",
    ),
    ("设计与美观", "方案是否贴合院落特点,效果是否好看。", 2, "9-10: 有主题,有特色\n0-5: 一般"),
    ("可持续维护", "做完以后谁来维护,能否长期保持。", 2, "9-10: 有护绿队和值日表\n0-5: 没有安排"),
    (
        "预算合理",
        "预算是否清楚、节省,是否整合了学校和商家资源。",
        1,
        "9-10: 明细清楚,有外部资源\n0-5: 不清楚",
    ),
]

APPLICATIONS = [
    (
        "梧桐院",
        "启明花园护卫队:清理杂物、种花护绿",
        "院坝角落堆满杂物,花台荒着,下雨就积水。",
        "1. 坝坝会商量分工;2. 周末集中清理杂物;3. 花台补土种花;4. 成立护绿队轮流浇水。",
        "启明花园护卫队 40 余人,退休居民为主。",
        6000,
        [("李秀英", "护卫队队长"), ("王建国", "组织清理"), ("张淑芬", "排浇水值日表")],
    ),
    (
        "槐树院",
        "碧水苑墙绘:碧水蓝天",
        "院墙斑驳,墙皮脱落,小广告很多。",
        "与西华大学美术学院学生一起设计墙绘,住户投票选图,周末一起刷墙。",
        "碧水苑墙绘队 5 人,西华大学志愿者 6 人。",
        4000,
        [("刘桂兰", "墙绘队召集人"), ("西华大学美术学院志愿者", "设计与绘制")],
    ),
    (
        "桂花院",
        "红原农行小区墙绘:汉藏文化融合",
        "院里有藏族和汉族住户,公共墙面空白单调。",
        "由住户讲述家乡故事,银杏酒店管理学院志愿者协助,画出汉藏文化融合主题墙绘。",
        "墙绘团队 8 人,银杏酒店管理学院志愿者。",
        5000,
        [("Tenzin Dolma", "讲述家乡故事"), ("陈建国", "墙绘团队组长")],
    ),
]


def _picture(after: bool, seed: int) -> SimpleUploadedFile:
    """A drawn stand-in for a phone photo: a grey, cluttered corner, or the same corner green."""
    image = Image.new("RGB", (1200, 800), (196, 190, 180) if not after else (214, 232, 214))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=(150, 140, 125) if not after else (120, 170, 110))
    for i in range(9):
        x = 80 + i * 125 + seed * 7
        if after:
            draw.ellipse((x, 430, x + 90, 520), fill=(220, 90 + i * 10, 120))
            draw.rectangle((x + 40, 500, x + 50, 600), fill=(60, 120, 50))
        else:
            draw.rectangle((x, 540 - (i % 3) * 30, x + 80, 620), fill=(110, 100, 90))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile(f"demo-{seed}-{'after' if after else 'before'}.png", out.getvalue())


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    main = ctx.main
    organiser = ctx.organiser.user
    assert organiser is not None
    now = timezone.now()
    old = [a for a in ctx.areas["yinxing"] if a.area_type == "old_courtyard"]
    verified = [m for m in ctx.members["yinxing"] if m.status == Member.Status.VERIFIED]

    # The board is the governance demo's 银杏社区评审会 (loaded before this): ten members, only
    # the chair, the vice-chair and the secretary with an account; it decides at its meetings by
    # a show of hands that the secretary records, and members score on signed paper sheets.
    board = Body.objects.get(community=main, kind=Body.Kind.REVIEW_BOARD)
    members = [seat.member for seat in boards.serving(board)]
    chair = boards.serving(board).get(office=Office.CHAIR).member
    vice = boards.serving(board).get(office=Office.VICE_CHAIR).member

    def by_hands(motion: Motion, against: int = 0) -> None:
        """The secretary records the show of hands: everyone present, those standing aside do
        not vote; the chair confirms, or the vice-chair when the chair stands aside."""
        entitled = list(bodies.entitled(motion).values_list("member_id", flat=True))
        against = min(against, (len(entitled) - 1) // 2)  # a minority against
        governance.record_count(
            organiser,
            motion,
            present=members,
            votes_for=len(entitled) - against,
            votes_against=against,
            abstentions=0,
        )
        standing_aside = bodies.motion_conflicts(motion).filter(member=chair).exists()
        confirmer = vice if standing_aside else chair
        governance.confirm_count(confirmer.user, motion)
        assert motion.status == Motion.Status.PASSED, (motion.title, len(entitled), motion.status)

    # --- last year's contest, finished --------------------------------------------------
    start = now - timedelta(days=400)
    done = services.save_contest(
        organiser,
        Contest(
            body=board,
            title="2020年院落美化大赛",
            description="五个老旧院落自愿报名,居民自己设计、自己动手美化院落。评审会按评分标准打分,结果公示后颁奖。",
            eligibility="五个老旧院落;每个院落一个申报,由院落骨干牵头。",
            opens_at=start,
            closes_at=now + timedelta(days=1),
            scoring_deadline=now + timedelta(days=2),
            budget=Decimal(20000),
            funds_rules="奖金按进度拨付:开工拨付一半,验收合格后拨付另一半。",
            min_signatures=3,
            notice_days=7,
        ),
    )
    done.areas.set(old)
    _rubric(organiser, done)
    for name, rank_from, rank_to, amount in [
        ("一等奖", 1, 1, 8000),
        ("二等奖", 2, 2, 5000),
        ("三等奖", 3, 3, 3000),
    ]:
        services.save_tier(
            organiser,
            AwardTier(contest=done, name=name, rank_from=rank_from, rank_to=rank_to, amount=amount),
        )
    by_hands(services.propose_rubric(organiser, done, Motion.Method.HANDS))
    done.refresh_from_db()
    apps = _applications(ctx, done, verified)
    for app in apps:
        services.add_photo(
            app.applicant.user or organiser,
            app,
            "before",
            _picture(False, app.pk),
            f"{app.area.name}美化之前",
        )
    Contest.objects.filter(pk=done.pk).update(closes_at=now - timedelta(minutes=1))
    done.refresh_from_db()
    services.start_scoring(organiser, done)
    criteria = list(done.criteria.all())
    quality = {apps[0].pk: 8.5, apps[1].pk: 7.5, apps[2].pk: 7.8}
    for m in members:
        lean = rng.choice([-1.5, -0.5, 0, 0.5, 1])  # some members are strict, some generous
        for app in apps:
            if services.is_recused(m, app):
                continue  # found at the application: he lives in that courtyard
            given = {
                c.pk: (
                    max(0, min(10, round(quality[app.pk] + lean + rng.uniform(-1, 1)))),
                    rng.choice(
                        [
                            "住户参与面广",
                            "方案有特色",
                            "维护安排清楚",
                            "预算明细清楚",
                            "还可以更好",
                        ]
                    ),
                )
                for c in criteria
            }
            if m.user_id is not None:
                services.save_scores(m, app, given)
            else:  # the secretary copies his signed sheet in, with its photo
                paper_scores.enter_paper_scores(
                    organiser, app, m, given, _picture(False, 100 + app.pk + m.pk)
                )
    by_hands(services.propose_ranking(organiser, done, Motion.Method.HANDS), against=1)
    done.refresh_from_db()
    services.publish_notice(organiser, done)
    objection = services.object_to(
        ctx.resident, done, "槐树院的墙绘也有很多老人参与,参与分是否偏低?", apps[1]
    )
    services.answer_objection(
        organiser,
        objection,
        "评审会复核了打分理由:槐树院参与人数较少但有西华大学志愿者协助,分数维持不变;欢迎明年继续参加。",
    )
    Contest.objects.filter(pk=done.pk).update(notice_ends_at=now - timedelta(minutes=1))
    done.refresh_from_db()
    services.finalise(organiser, done)
    for app in Application.objects.filter(contest=done, award_amount__gt=0):
        half = (app.award_amount or Decimal(0)) / 2
        first = services.add_milestone(organiser, app, "开工", half)
        second = services.add_milestone(organiser, app, "验收合格", half)
        services.release(organiser, first, "开工照片和材料清单已交评审会")
        services.add_photo(
            organiser, app, "after", _picture(True, app.pk), f"{app.area.name}美化之后"
        )
        # the chair inspects, except the work of her own courtyard: the secretary does that
        inspector = organiser if services.is_recused(chair, app) else chair.user
        services.inspect(
            inspector,
            app,
            "pass",
            {c.pk: (True, "符合") for c in criteria},
            "效果很好,护绿和值日安排已落实。",
        )
        services.release(organiser, second, "验收合格")
        app.showcase_text = "居民自己动手,把堆杂物的角落变成了大家喜欢坐坐的地方。"
        app.save(update_fields=["showcase_text"])
    services.close_contest(organiser, done)
    # put last year's contest back in last year
    shift = timedelta(days=365)
    Contest.objects.filter(pk=done.pk).update(
        opens_at=start,
        closes_at=start + timedelta(days=30),
        scoring_deadline=start + timedelta(days=45),
        rubric_adopted_at=start - timedelta(days=5),
        ranking_adopted_at=start + timedelta(days=46),
        notice_starts_at=start + timedelta(days=47),
        notice_ends_at=start + timedelta(days=54),
        finalised_at=start + timedelta(days=55),
    )
    Application.objects.filter(contest=done).update(submitted_at=start + timedelta(days=10))
    boards.contest_motions(done).update(opened_at=now - shift, closed_at=now - shift)

    # --- this year's contest: taking applications ---------------------------------------
    current = services.save_contest(
        organiser,
        Contest(
            body=board,
            title="2021年院落微更新评审",
            description="第二届院落美化:欢迎各院落和商品房小区的居民团队申报微更新项目。",
            eligibility="所有院落和小区;申报需要至少 3 户邻居签名支持(网上或纸质)。",
            opens_at=now - timedelta(days=10),
            closes_at=now + timedelta(days=20),
            scoring_deadline=now + timedelta(days=35),
            budget=Decimal(15000),
            min_signatures=3,
            notice_days=7,
        ),
    )
    _rubric(organiser, current)
    services.save_tier(
        organiser, AwardTier(contest=current, name="优秀项目", rank_from=1, rank_to=3, amount=4000)
    )
    by_hands(services.propose_rubric(organiser, current, Motion.Method.HANDS))
    current.refresh_from_db()
    made = _applications(
        ctx,
        current,
        verified,
        titles=["石榴院垃圾分类点美化", "杏林院儿童角", "梧桐院楼道文化墙"],
        areas=[old[3], old[4], old[0]],
    )
    services.withdraw(made[2].applicant, made[2])

    # --- next year's rules, still a draft with comments and an open vote ----------------
    draft = services.save_contest(
        organiser,
        Contest(
            body=board,
            title="2022年院落美化大赛(规则草案)",
            description="评审会正在讨论明年大赛的规则,欢迎成员提意见。",
            opens_at=now + timedelta(days=300),
            closes_at=now + timedelta(days=330),
            scoring_deadline=now + timedelta(days=345),
            budget=Decimal(20000),
        ),
    )
    _rubric(organiser, draft)
    services.comment_rubric(vice, draft, "建议把“居民参与”的权重再提高一些,这是大赛的初心。")
    services.comment_rubric(
        chair, draft, "预算合理这一项可以加上“是否用了回收材料”。", draft.criteria.last()
    )
    services.propose_rubric(organiser, draft)


def _rubric(organiser: object, contest: Contest) -> None:
    for name, description, weight, levels in CRITERIA:
        services.save_criterion(
            organiser,
            Criterion(
                contest=contest,
                name=name,
                description=description,
                weight=weight,
                low=0,
                high=10,
                levels=levels,
            ),
        )


def _applications(
    ctx: DemoContext,
    contest: Contest,
    verified: list[Member],
    titles: list[str] | None = None,
    areas: list[Place] | None = None,
) -> list[Application]:
    made = []
    by_name = {a.name: a for a in ctx.areas["yinxing"]}
    for i, (area_name, title, description, plan, team, budget, crew) in enumerate(APPLICATIONS):
        area = areas[i] if areas else by_name[area_name]
        local = [
            m for m in verified if m.household and m.household.area_id == area.pk and m.user_id
        ]  # type: ignore[attr-defined]
        applicant = local[0] if local else ctx.resident
        app = services.submit(
            applicant,
            Application(
                contest=contest,
                area=area,
                title=titles[i] if titles else title,
                description=description,
                plan=plan,
                team=team,
                budget=Decimal(budget),
            ),
            credit_consent=True,
        )
        for name, role in crew:
            services.add_team_member(applicant, app, name, role, consent=True)
        signers = [
            m for m in verified if m.household and m.household.area_id == area.pk and m != applicant
        ]
        seen: set[int] = set()
        for m in signers[: 4 + i * 3]:
            if m.household_id not in seen:
                seen.add(m.household_id)  # type: ignore[arg-type]
                services.sign(m, app)
        if len(seen) < 3:
            paper = list(Household.objects.filter(area=area).exclude(pk__in=seen)[: 3 - len(seen)])
            services.enter_paper_signatures(
                ctx.organiser.user, app, [(h, h.contact_name or "住户") for h in paper]
            )
        made.append(app)
    return made
