"""Demo of seed 003 in 银杏社区: the contests of the 评审会 of ten (a governance body, see its
demo): last year's first courtyard-beautification contest with its notice, objection, awards,
inspection and showcase, this year's second contest taking applications, and next year's rules
still being drafted. Every step goes through the services on the day it happens (the demo moves
the clock, ``ctx.clock``), so the ledger and the audit log are real and no date is edited
afterwards."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from linli.core.demo import DemoContext, demo_moment
from linli.core.models import Household, Member, User
from linli.governance import queries as bodies
from linli.governance import services as governance
from linli.governance.models import Body, Motion, Office

from . import boards, paper_scores, services
from .models import Application, AwardTier, Contest, Criterion

# The rubric: every criterion names its three levels, and the reasons members give (REASONS)
# follow the level of the score.
CRITERIA = [
    (
        "居民参与",
        "有多少住户参与设计和动手，是否照顾到老人和租户。",
        3,
        "9-10：全院大多数住户参与，分工明确\n6-8：骨干带动一部分住户\n0-5：少数人在做",
    ),
    (
        "设计与美观",
        "方案是否贴合院落特点，效果是否好看。",
        2,
        "9-10：有主题，有特色\n6-8：整齐好看，特色不够突出\n0-5：一般",
    ),
    (
        "可持续维护",
        "做完以后谁来维护，能否长期保持。",
        2,
        "9-10：有护绿队和值日表\n6-8：有人负责，还没有排班\n0-5：没有安排",
    ),
    (
        "预算合理",
        "预算是否清楚、节省，是否整合了学校和商家资源。",
        1,
        "9-10：明细清楚，有外部资源\n6-8：基本清楚\n0-5：不清楚",
    ),
]


class Story(NamedTuple):
    """One courtyard's application to the first contest, and what became of it."""

    courtyard: str
    title: str
    description: str
    plan: str
    team: str
    budget: int
    crew: list[tuple[str, str]]
    scene: str  # what the drawn "after" picture shows
    showcase: str  # the story on the showcase, in the courtyard's own words
    inspected: str  # what the inspection found


APPLICATIONS = [
    Story(
        "梧桐院",
        "启明花园护卫队：清理杂物、种花护绿",
        "院坝角落堆满杂物，花台荒着，下雨就积水。",
        "1. 坝坝会商量分工；2. 周末集中清理杂物；3. 花台补土种花；4. 成立护绿队轮流浇水。",
        "启明花园护卫队 40 余人，退休居民为主。",
        6000,
        [("李秀英", "护卫队队长"), ("王建国", "组织清理"), ("张淑芬", "排浇水值日表")],
        "garden",
        "四十多位退休居民用三个周末清走了院坝角落的杂物，花台补了土、种上月季和三角梅；"
        "护绿队排了浇水值日表，花开以后，老人们每天傍晚都来这里坐坐。",
        "杂物清理干净，花台排水通畅；护绿队的浇水值日表贴在单元门口，已经落实。",
    ),
    Story(
        "槐树院",
        "碧水苑墙绘：碧水蓝天",
        "院墙斑驳，墙皮脱落，小广告很多。",
        "与西华大学美术学院学生一起设计墙绘，住户投票选图，周末一起刷墙。",
        "碧水苑墙绘队 5 人，西华大学志愿者 6 人。",
        4000,
        [("刘桂兰", "墙绘队召集人"), ("西华大学美术学院志愿者", "设计与绘制")],
        "sky",
        "墙绘队和西华大学的学生先铲掉了小广告和脱落的墙皮，住户从三张草图里投票选了“碧水蓝天”；"
        "孩子们在墙脚画了自己的小鱼，墙面干净以后再没人乱贴广告。",
        "墙面平整，画面完整，没有新的小广告；墙绘队约定每季度检查一次、有脱落就补色。",
    ),
    Story(
        "桂花院",
        "红原农行小区墙绘：汉藏文化融合",
        "院里有藏族和汉族住户，公共墙面空白单调。",
        "由住户讲述家乡故事，银杏酒店管理学院志愿者协助，画出汉藏文化融合主题墙绘。",
        "墙绘团队 8 人，银杏酒店管理学院志愿者。",
        5000,
        [("Tenzin Dolma", "讲述家乡故事"), ("陈建国", "墙绘团队组长")],
        "culture",
        "藏族和汉族邻居轮流讲家乡的故事，志愿者把格桑花、经幡的颜色和院里的桂花树画在同一面墙上；"
        "揭幕那天，两族邻居一起吃了顿坝坝宴。",
        "墙绘按方案完成，汉藏两种文字的说明牌已经挂好；剩余油漆交给院落骨干保管，留作日后补色。",
    ),
]

# This year's applications to the second contest (no story yet: they are still being collected).
CURRENT = [
    Story(
        "石榴院",
        "石榴院垃圾分类点美化",
        "垃圾分类点挨着单元门，桶边常有散落的垃圾，夏天有异味。",
        "1. 把分类点挪到院门内侧的空地；2. 搭雨棚、铺防滑地砖；3. 墙上画分类图示；4. 楼栋长轮流值守早晚高峰。",
        "石榴院楼栋长 4 人，院里的党员志愿者 6 人。",
        4000,
        [("周玉兰", "楼栋长，牵头值守"), ("何志强", "联系施工")],
        "",
        "",
        "",
    ),
    Story(
        "杏林院",
        "杏林院儿童角",
        "院里有二十多个孩子，放学后只能在车道边玩，老人们很担心。",
        "把自行车棚旁的闲置空地围起来，铺软垫、放沙池和矮凳；家长们排班看护，周末办亲子手工。",
        "杏林院家长志愿队 9 人，爱达迅社工协助设计。",
        3800,
        [("吴晓燕", "家长志愿队召集人"), ("爱达迅社会工作服务中心社工", "活动设计")],
        "",
        "",
        "",
    ),
    Story(
        "梧桐院",
        "梧桐院楼道文化墙",
        "三个单元的楼道墙面发黄，贴满小广告，灯也不够亮。",
        "清理小广告、粉刷墙面、换感应灯；每个单元选一面墙，贴上住户家的老照片和院落的变迁。",
        "梧桐院楼道小组 6 人，启明花园护卫队协助。",
        3500,
        [("李秀英", "收集老照片"), ("王建国", "粉刷和换灯")],
        "",
        "",
        "",
    ),
]

# What a member writes beside a score, by criterion and by the rubric's level (0-5, 6-8, 9-10).
REASONS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "居民参与": (
        ["动手的主要是几位骨干，住户参与还比较少。", "参与的住户不多，租户和老人没有照顾到。"],
        ["骨干带动了一部分住户，还可以请更多邻居参与。", "有分工，参与的住户占一小半。"],
        ["全院大多数住户都参与了，分工明确。", "老人和租户都有参与，组织得很好。"],
    ),
    "设计与美观": (
        ["方案比较一般，没有体现院落的特点。", "效果图不清楚，看不出做成什么样。"],
        ["方案整齐好看，特色还可以更突出。", "设计贴合院子，细节还可以再推敲。"],
        ["有主题、有特色，和院落的故事结合得好。", "设计很用心，效果图让人眼前一亮。"],
    ),
    "可持续维护": (
        ["没有说明做完以后谁来维护。", "维护安排不清楚，担心过几个月就荒了。"],
        ["有人负责维护，但还没有排值日。", "维护有安排，经费来源还要落实。"],
        ["有护绿队和值日表，能长期保持。", "维护分工到人，还准备了后续经费。"],
    ),
    "预算合理": (
        ["预算明细不清楚，有的开支说不出用途。", "预算偏高，没有比价。"],
        ["预算基本清楚，可以再节省一些。", "明细清楚，外部资源用得还不够。"],
        ["明细清楚，还整合了学校和商家的资源。", "花钱节省，材料有商家赞助。"],
    ),
}


def reason_for(criterion: str, value: int, pick: int) -> str:
    """The reason a member gives for ``value`` on ``criterion``: it says what the level says."""
    low, mid, high = REASONS[criterion]
    band = high if value >= 9 else mid if value >= 6 else low
    return band[pick % len(band)]


# Each scene's colours: (wall before, ground before, wall after, ground after)
SCENES = {
    "garden": ((205, 198, 186), (150, 140, 125), (214, 232, 214), (120, 170, 110)),
    "sky": ((176, 170, 160), (160, 150, 140), (150, 200, 235), (90, 150, 200)),
    "culture": ((225, 220, 210), (170, 160, 150), (245, 225, 170), (190, 120, 70)),
}


def _picture(scene: str, after: bool, seed: int) -> SimpleUploadedFile:
    """A drawn stand-in for a phone photo of one courtyard's corner: grey and cluttered before,
    and after the work what that courtyard made of it (a garden, a blue-sky mural, a mural of
    both cultures)."""
    wall, ground, wall_after, ground_after = SCENES[scene]
    image = Image.new("RGB", (1200, 800), wall_after if after else wall)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=ground_after if after else ground)
    if not after:  # peeling patches, bags and boxes piled in the corner
        for i in range(7 + seed % 4):
            x = 60 + i * 150 + (seed * 37) % 60
            draw.rectangle((x, 540 - (i % 3) * 30, x + 70 + i % 2 * 30, 620), fill=(110, 100, 90))
            draw.ellipse((x + 20, 120 + (i * 53) % 200, x + 90, 170 + (i * 53) % 200), fill=ground)
    elif scene == "garden":
        for i in range(9):
            x = 80 + i * 125
            draw.ellipse((x, 430, x + 90, 520), fill=(220, 90 + i * 10, 120))
            draw.rectangle((x + 40, 500, x + 50, 600), fill=(60, 120, 50))
    elif scene == "sky":
        draw.ellipse((900, 80, 1040, 220), fill=(255, 240, 170))
        for i in range(6):
            y = 300 + i * 35
            draw.arc((0, y, 1200, y + 140), 180, 360, fill=(40, 110 + i * 15, 190), width=14)
        for i in range(5):
            x = 120 + i * 200
            draw.polygon([(x, 470), (x + 60, 450), (x + 60, 490)], fill=(240, 130, 60))
    else:  # culture: prayer-flag colours, the courtyard's osmanthus tree and galsang flowers
        for i, colour in enumerate([(40, 90, 180), (240, 240, 240), (200, 40, 40), (40, 150, 70)]):
            draw.rectangle((80 + i * 90, 80, 150 + i * 90, 300), fill=colour)
        draw.rectangle((700, 250, 730, 520), fill=(110, 70, 40))
        draw.ellipse((600, 120, 830, 320), fill=(70, 140, 60))
        for i in range(12):
            x = 60 + i * 95
            draw.ellipse((x, 440, x + 40, 480), fill=(230, 90 + (i * 13) % 120, 160))
    out = io.BytesIO()
    image.save(out, format="PNG")
    name = f"demo-{scene}-{seed}-{'after' if after else 'before'}.png"
    return SimpleUploadedFile(name, out.getvalue())


def _sheet(seed: int, rows: int) -> SimpleUploadedFile:
    """A drawn stand-in for the photo of a signed paper score sheet: a white page on a table,
    one handwritten row per criterion (a score and a reason) and a signature at the foot."""
    rng = random.Random(seed)
    image = Image.new("RGB", (900, 1200), (120, 96, 70))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 40, 840, 1160), fill=(250, 250, 245))
    draw.rectangle((100, 80, 800, 130), fill=(225, 225, 220))  # the printed heading
    for row in range(rows):
        y = 200 + row * 170
        draw.line((100, y + 110, 800, y + 110), fill=(190, 190, 190), width=2)
        draw.rectangle((100, y, 200, y + 90), outline=(160, 160, 160), width=2)
        x = 130
        digits = [(x + rng.randint(-4, 4), y + 20 + rng.randint(-4, 4)) for _ in range(4)]
        draw.line(digits, fill=(30, 50, 140), width=5)  # the score, in blue ink
        pen = [(240, y + 50)]
        while pen[-1][0] < 760:
            pen.append((pen[-1][0] + rng.randint(15, 35), y + 50 + rng.randint(-18, 18)))
        draw.line(pen, fill=(30, 50, 140), width=3)  # the reason
    scribble = [(520 + i * 22, 1060 + rng.randint(-30, 30)) for i in range(12)]
    draw.line(scribble, fill=(20, 30, 90), width=4)  # the member's signature
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile(f"demo-sheet-{seed}.png", out.getvalue())


def load(ctx: DemoContext) -> None:
    """Last year's first contest: rules adopted in March, applications in April, scoring in
    May, the notice and its objection, awards, the work over the summer, inspection in
    September, closed in October. This year's second contest has been open ten days; next
    year's rules are a draft. Each step runs on the day it happens (``ctx.clock``)."""
    rng = ctx.rng
    main = ctx.main
    organiser = ctx.organiser.user
    assert organiser is not None
    now = timezone.now()
    last = now.year - 1
    old = [a for a in ctx.areas["yinxing"] if a.area_type == "old_courtyard"]
    verified = [m for m in ctx.members["yinxing"] if m.status == Member.Status.VERIFIED]

    # The board is the governance demo's 银杏社区评审会 (loaded before this, seated on 1 March
    # last year): ten members, only the chair, the vice-chair and the secretary with an
    # account; it decides at its meetings by a show of hands that the secretary records, and
    # members score on signed paper sheets.
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

    # --- last year's contest, the first: rules in March, applications in April ------------
    with ctx.clock(date(last, 3, 10)):
        done = services.save_contest(
            organiser,
            board,
            Contest(
                body=board,
                title=f"{last}年院落美化大赛",
                description="首届院落美化大赛：五个老旧院落自愿报名，居民自己设计、自己动手美化院落。评审会按评分标准打分，结果公示后颁奖。",
                eligibility="五个老旧院落；每个院落一个申报，由院落骨干牵头。",
                opens_at=demo_moment(date(last, 4, 1), 9),
                closes_at=demo_moment(date(last, 4, 30), 18),
                scoring_deadline=demo_moment(date(last, 5, 15), 18),
                budget=Decimal(20000),
                funds_rules="奖金按进度拨付：开工拨付一半，验收合格后拨付另一半。",
                min_signatures=3,
                notice_days=7,
            ),
            old,
        )
        _rubric(organiser, done)
        for name, rank_from, rank_to, amount in [
            ("一等奖", 1, 1, 8000),
            ("二等奖", 2, 2, 5000),
            ("三等奖", 3, 3, 3000),
        ]:
            services.save_tier(
                organiser,
                AwardTier(
                    contest=done, name=name, rank_from=rank_from, rank_to=rank_to, amount=amount
                ),
            )
        by_hands(services.propose_rubric(organiser, done, Motion.Method.HANDS))
        done.refresh_from_db()
    with ctx.clock(date(last, 4, 12)):
        apps = _applications(ctx, done, verified, APPLICATIONS)
        for app, story in zip(apps, APPLICATIONS, strict=True):
            services.add_photo(
                app.applicant.user or organiser,
                app,
                "before",
                _picture(story.scene, False, app.pk),
                f"{app.area.name}美化之前",
            )
    # --- scoring after the window closes: online, or on signed paper sheets ----------------
    with ctx.clock(date(last, 5, 4)):
        services.start_scoring(organiser, done)
        criteria = list(done.criteria.all())
        quality = {apps[0].pk: 8.5, apps[1].pk: 7.5, apps[2].pk: 7.8}
        for m in members:
            lean = rng.choice([-1.5, -0.5, 0, 0.5, 1])  # some members are strict, some generous
            for app in apps:
                if services.is_recused(m, app):
                    continue  # found at the application: he lives in that courtyard
                given: dict[int, tuple[int, str]] = {}
                for c in criteria:
                    value = max(0, min(10, round(quality[app.pk] + lean + rng.uniform(-1, 1))))
                    given[c.pk] = (value, reason_for(c.name, value, rng.randrange(2)))
                if m.user_id is not None:
                    services.save_scores(_account(m), app, given)
                else:  # the secretary copies his signed sheet in, with its photo
                    paper_scores.enter_paper_scores(
                        organiser, app, m, given, _sheet(app.pk * 1000 + m.pk, len(criteria))
                    )
    # --- the ranking at the board's meeting, the notice with one objection -----------------
    with ctx.clock(date(last, 5, 16)):
        by_hands(services.propose_ranking(organiser, done, Motion.Method.HANDS), against=1)
        done.refresh_from_db()
    with ctx.clock(date(last, 5, 18)):
        services.publish_notice(organiser, done)
    with ctx.clock(date(last, 5, 20)):
        objection = services.object_to(
            _account(ctx.resident), done, "槐树院的墙绘也有很多老人参与，参与分是否偏低？", apps[1]
        )
    with ctx.clock(date(last, 5, 22)):
        services.answer_objection(
            organiser,
            objection,
            "评审会复核了打分理由：槐树院参与人数较少，但有西华大学志愿者协助，分数维持不变；欢迎明年继续参加。",
        )
    with ctx.clock(date(last, 5, 26)):
        services.finalise(organiser, done)
    # --- the work: half the award at the start, the rest after the inspection --------------
    awarded = list(Application.objects.filter(contest=done, award_amount__gt=0).order_by("rank"))
    stories = {story.courtyard: story for story in APPLICATIONS}
    second = {}
    with ctx.clock(date(last, 6, 5)):
        for app in awarded:
            half = (app.award_amount or Decimal(0)) / 2
            first = services.add_milestone(organiser, app, "开工", half)
            second[app.pk] = services.add_milestone(organiser, app, "验收合格", half)
            services.release(organiser, first, "开工照片和材料清单已交评审会")
    with ctx.clock(date(last, 9, 20)):
        for app in awarded:
            story = stories[app.area.name]
            services.add_photo(
                organiser,
                app,
                "after",
                _picture(story.scene, True, app.pk),
                f"{app.area.name}美化之后",
            )
            # the chair inspects, except the work of her own courtyard: the secretary does that
            inspector = organiser if services.is_recused(chair, app) else _account(chair)
            services.inspect(
                inspector,
                app,
                "pass",
                {c.pk: (True, "符合") for c in criteria},
                story.inspected,
                showcase=story.showcase,  # the courtyard's story, typed in at the inspection
            )
            services.release(organiser, second[app.pk], "验收合格")
    with ctx.clock(date(last, 10, 8)):
        services.close_contest(organiser, done)

    # --- this year's contest, the second: open for ten days ------------------------------
    opens = now - timedelta(days=10)
    with ctx.clock(now - timedelta(days=14)):
        current = services.save_contest(
            organiser,
            board,
            Contest(
                body=board,
                title=f"{timezone.localtime(opens).year}年院落微更新评审",
                description="第二届院落美化：欢迎各院落和商品房小区的居民团队申报微更新项目。",
                eligibility="所有院落和小区；申报需要至少 3 户邻居签名支持（网上或纸质）。",
                opens_at=opens,
                closes_at=now + timedelta(days=20),
                scoring_deadline=now + timedelta(days=35),
                budget=Decimal(15000),
                min_signatures=3,
                notice_days=7,
            ),
        )
        _rubric(organiser, current)
        services.save_tier(
            organiser,
            AwardTier(contest=current, name="优秀项目", rank_from=1, rank_to=3, amount=4000),
        )
        by_hands(services.propose_rubric(organiser, current, Motion.Method.HANDS))
        current.refresh_from_db()
    with ctx.clock(now - timedelta(days=6)):
        made = _applications(ctx, current, verified, CURRENT)
    with ctx.clock(now - timedelta(days=2)):
        services.withdraw(_account(made[2].applicant), made[2])

    # --- next year's rules, still a draft with comments and an open vote ----------------
    with ctx.clock(now - timedelta(days=1)):
        draft = services.save_contest(
            organiser,
            board,
            Contest(
                body=board,
                title=f"{now.year + 1}年院落美化大赛（规则草案）",
                description="评审会正在讨论明年大赛的规则，欢迎成员提意见。",
                opens_at=demo_moment(date(now.year + 1, 4, 1), 9),
                closes_at=demo_moment(date(now.year + 1, 4, 30), 18),
                scoring_deadline=demo_moment(date(now.year + 1, 5, 15), 18),
                budget=Decimal(20000),
            ),
        )
        _rubric(organiser, draft)
    services.comment_rubric(
        _account(vice), draft, "建议把“居民参与”的权重再提高一些，这是大赛的初心。"
    )
    services.comment_rubric(
        _account(chair), draft, "预算合理这一项可以加上“是否用了回收材料”。", draft.criteria.last()
    )
    services.propose_rubric(organiser, draft)


def _account(member: Member) -> User:
    """The account a resident acts with (the demo's residents who act online have one)."""
    assert member.user is not None, member.name
    return member.user


def _rubric(organiser: User, contest: Contest) -> None:
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
    stories: list[Story],
) -> list[Application]:
    """Each courtyard's application, its team and its neighbours' support (online, or on paper
    copied in by the secretary for households without an account)."""
    made = []
    by_name = {a.name: a for a in ctx.areas["yinxing"]}
    for i, story in enumerate(stories):
        area = by_name[story.courtyard]
        local = [
            m for m in verified if m.household and m.household.area_id == area.pk and m.user_id
        ]  # type: ignore[attr-defined]
        applicant = local[0] if local else ctx.resident
        app = services.submit(
            _account(applicant),
            Application(
                contest=contest,
                area=area,
                title=story.title,
                description=story.description,
                plan=story.plan,
                team=story.team,
                budget=Decimal(story.budget),
            ),
            credit_consent=True,
        )
        for name, role in story.crew:
            services.add_team_member(_account(applicant), app, name, role, consent=True)
        signers = [
            m for m in verified if m.household and m.household.area_id == area.pk and m != applicant
        ]
        seen: set[int] = set()
        on_paper: list[tuple[Household, str]] = []
        for m in signers[: 4 + i * 3]:
            if m.household_id not in seen:
                seen.add(m.household_id)  # type: ignore[arg-type]
                if m.user_id is not None:
                    services.sign(_account(m), app)
                else:  # no account: she signs the paper sheet
                    on_paper.append((m.household, m.name))  # type: ignore[arg-type]
        if len(seen) < 3:
            paper = list(Household.objects.filter(area=area).exclude(pk__in=seen)[: 3 - len(seen)])
            on_paper += [(h, h.contact_name or "住户") for h in paper]
        if on_paper:
            services.enter_paper_signatures(ctx.staff, app, on_paper)
        made.append(app)
    return made
