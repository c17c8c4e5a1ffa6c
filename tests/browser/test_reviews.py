"""Seed 003 in the browser, compressed: the organiser forms the 院落美化评审会, the chair drafts the
rules and the board adopts them, a courtyard applies with a photo, members score (one recused),
the board adopts the ranking and publishes it, a resident objects and the board answers, the
result becomes final, the work is inspected and shown off. axe-core on every page type."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from linli.core.models import Member, Role
from linli.governance import queries as bodies
from linli.governance import services as governance
from linli.governance.models import Body, Motion
from linli.reviews import services
from linli.reviews.models import Application, Contest
from linli.tracking import queries as tracking
from tests.browser.conftest import check_axe as axe
from tests.browser.conftest import login, shot
from tests.conftest import PASSWORD, make_household, make_person
from tests.reviews.helpers import end_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _png(path, colour):
    image = Image.new("RGB", (2400, 1600), colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def check_axe(page, name):  # type: ignore[no-untyped-def]
    """axe-core, and no id used twice (two forms on one page must not share label targets)."""
    axe(page, name)
    twice = page.evaluate(
        "() => { const seen = {}; for (const e of document.querySelectorAll('[id]')) "
        "seen[e.id] = (seen[e.id] || 0) + 1; return Object.keys(seen).filter(k => seen[k] > 1); }"
    )
    assert not twice, f"ids used twice on {name}: {twice}"


def _vote_all(motion, members, closer):
    """Every member who may vote does; one standing aside on an application does not (issue 18);
    then the chair closes the vote."""
    allowed = {seat.member_id for seat in bodies.entitled(motion)}
    for m in [m for m in members if m.pk in allowed]:
        if not motion.ballots.filter(member=m).exists():
            governance.vote(m.user, motion, "for")
    motion.refresh_from_db()
    governance.close_vote(closer, motion)


def test_from_forming_the_board_to_the_showcase(
    browser, live_server, community, organiser, resident, leader, household, tmp_path
):
    chair_user = make_person(
        community,
        "chair@test.org",
        Role.RESIDENT,
        make_household(community, ["石榴院", "1栋", "1单元", "101"]),
    )
    others = [
        make_person(
            community,
            f"m{i}@test.org",
            Role.RESIDENT,
            make_household(community, ["杏林院", "1栋", "1单元", f"{i}01"]),
        )
        for i in range(1, 4)
    ]
    chair = Member.objects.get(user=chair_user)

    def new_page(email: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    base = f"/c/{community.slug}/reviews/"
    # 1. the organiser forms the board and seats the chair
    org = new_page(organiser.email)
    org.goto(base)
    check_axe(org, "reviews index")
    org.click('main a:has-text("成立评审会")')  # a review board is a governance body
    check_axe(org, "board form")
    org.select_option("#id_kind", "review_board")
    org.fill("#id_name", "院落美化评审会")
    org.fill("#id_purpose", "共同商定院落美化大赛的规则,评审申报,验收效果。")
    org.fill("#id_join_rules", "自荐或成员提名,评审会过半数同意。")
    org.click('main button:has-text("保存")')
    board = Body.objects.get()
    org.goto(board.get_absolute_url() + "seat/")
    org.select_option("#id_member", str(chair.pk))
    org.select_option("#id_office", "chair")
    org.click('main button:has-text("保存")')
    assert board.seats.filter(member=chair, office="chair").exists()
    for i, user in enumerate(others):
        governance.seat_member(
            organiser,
            board,
            Member.objects.get(user=user),
            "resident",
            ["vice_chair", "secretary", "member"][i],
        )
    members = [chair, *[Member.objects.get(user=u) for u in others]]

    # 2. the chair drafts the contest and its rubric; the board adopts it by vote
    ch = new_page(chair_user.email)
    ch.goto(board.get_absolute_url())
    check_axe(ch, "board page")
    ch.goto(base)
    ch.click('main a:has-text("新建评比")')
    now = timezone.localtime()
    ch.fill("#id_title", "院落美化大赛")
    ch.fill("#id_description", "老旧院落自愿报名,居民自己动手美化。")
    ch.fill("#id_opens_at", (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    ch.fill("#id_closes_at", (now + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"))
    ch.fill("#id_scoring_deadline", (now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"))
    ch.fill("#id_budget", "10000")
    ch.click('main button:has-text("保存")')
    ch.locator("#add-criterion").wait_for()
    ch.fill("#id_criterion-name", "居民参与")
    ch.fill("#id_criterion-weight", "3")
    ch.fill("#id_criterion-levels", "9-10: 大多数住户参与\n0-5: 少数人在做")
    ch.click('main button:has-text("添加评分项")')
    ch.fill("#id_tier-name", "一等奖")
    ch.fill("#id_tier-rank_from", "1")
    ch.fill("#id_tier-rank_to", "1")
    ch.fill("#id_tier-amount", "5000")
    ch.click('main button:has-text("添加奖项")')
    check_axe(ch, "contest draft")
    shot(ch, "reviews-contest-draft-zh-hans")
    ch.click('main button:has-text("把规则提交评审会表决")')
    rubric = Motion.objects.get(payload__contest_action="rubric")
    ch.goto(rubric.get_absolute_url())
    ch.check("input[name=choice][value=for]")
    ch.click("main button[name=vote]")
    assert "你的表决已记录" in ch.content(), ch.locator(".messages").inner_text()
    _vote_all(rubric, members, chair_user)
    contest = Contest.objects.get()
    assert contest.stage == "open"

    # 3. a courtyard applies, with a photo of the place today
    res = new_page(resident.email)
    res.goto(contest.get_absolute_url())
    check_axe(res, "contest open")
    res.click('main a:has-text("申报")')
    res.select_option("#id_area", label="梧桐院")
    res.fill("#id_title", "启明花园护卫队")
    res.fill("#id_description", "院坝堆满杂物,花台荒着。")
    res.fill("#id_plan", "清理杂物,补土种花,成立护绿队轮流浇水。")
    res.fill("#id_budget", "5000")
    res.check("#id_credit_consent")
    res.click('main button:has-text("保存")')
    res.locator("#photos").wait_for()
    res.check("input[name=kind][value=before]")
    res.set_input_files("#id_image", _png(tmp_path / "before.png", (150, 140, 125)))
    res.fill("#id_caption", "院坝角落堆满杂物")
    res.click('main button:has-text("添加照片")')
    assert "照片已添加" in res.content()
    application = Application.objects.get()
    photo = tracking.photos(application).get()
    assert max(Image.open(photo.image.path).size) == 1600  # shrunk on upload
    check_axe(res, "application")
    shot(res, "reviews-application-zh-hans")

    # 4. scoring: the vice-chair lives in... no - member m1 declares a conflict; scores hidden
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    ch.goto(contest.get_absolute_url())
    ch.click('main button:has-text("开始评分")')
    assert "评分已开始" in ch.content()
    services.declare_conflict(members[1].user, application, "我是队员的亲戚")
    ch.goto(application.get_absolute_url())
    criterion = contest.criteria.get()
    ch.fill(f"#id_c{criterion.pk}", "11")
    ch.fill(f"#id_c{criterion.pk}_reason", "住户参与面广")
    ch.click('main button:has-text("保存我的分数")')
    assert "分数范围是 0 到 10" in ch.content()
    ch.fill(f"#id_c{criterion.pk}", "9")
    ch.fill(f"#id_c{criterion.pk}_reason", "住户参与面广")
    ch.click('main button:has-text("保存我的分数")')
    assert "您的分数已保存" in ch.content()
    check_axe(ch, "application while scoring")
    other = new_page(others[2].email)
    other.goto(application.get_absolute_url())
    assert "住户参与面广" not in other.content()  # hidden until all are in
    services.save_scores(members[2].user, application, {criterion.pk: (7, "护绿安排清楚")})
    services.save_scores(members[3].user, application, {criterion.pk: (8, "有特色")})
    other.goto(application.get_absolute_url())
    assert "住户参与面广" in other.content()
    ch.goto(f"{base}contests/{contest.pk}/results/")
    check_axe(ch, "results")
    shot(ch, "reviews-results-zh-hans")
    ch.goto(contest.get_absolute_url())
    ch.click('main button:has-text("把排名提交评审会表决")')
    ranking = Motion.objects.get(payload__contest_action="ranking")
    _vote_all(ranking, members, chair_user)
    ch.goto(ranking.get_absolute_url())  # who stood aside, and why
    assert "我是队员的亲戚" in ch.content()
    check_axe(ch, "ranking motion")
    ch.goto(board.get_absolute_url())
    shot(ch, "reviews-board-zh-hans")
    ch.goto(contest.get_absolute_url())
    ch.click('main button:has-text("发布公示")')
    assert "结果已公示" in ch.content()

    # 5. public notice: a resident objects, the board answers in public
    res.goto(f"{base}contests/{contest.pk}/notice/")
    res.fill("#id_reason", "护绿队的老人很多,参与分是否偏低?")
    res.click('main button:has-text("提交异议")')
    assert "您的异议已收到" in res.content()
    check_axe(res, "notice with objection")
    ch.goto(f"{base}contests/{contest.pk}/notice/")
    ch.locator("textarea[name=answer]").fill("评审会复核了理由,分数维持;感谢监督。")
    ch.click('main form[action*="/answer/"] button[type=submit]')
    assert "答复已公布" in ch.content()
    shot(ch, "reviews-notice-zh-hans")
    pdf = ch.request.get(f"{base}contests/{contest.pk}/poster.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    end_notice(contest)
    ch.goto(contest.get_absolute_url())
    ch.click('main button:has-text("确定结果")')
    assert "结果已确定" in ch.content()

    # 6. inspection with the rubric's checklist and a photo after; then the showcase
    ch.goto(application.get_absolute_url())
    ch.click('main a:has-text("进行验收")')
    check_axe(ch, "inspection form")
    ch.check(f"#id_met{criterion.pk}")
    ch.fill(f"#id_note{criterion.pk}", "花台种满了花")
    ch.check("input[name=decision][value=pass]")
    ch.set_input_files("#id_after-image", _png(tmp_path / "after.png", (120, 170, 110)))
    ch.fill("#id_after-caption", "花台种满了花")
    ch.click('main button:has-text("记录验收")')
    assert "验收已记录" in ch.content()
    application.refresh_from_db()
    assert application.inspection == "pass" and tracking.photos(application).count() == 2
    anonymous = browser.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    anonymous.goto(f"{base}showcase/")
    gallery = anonymous.locator("main").inner_text()
    assert "启明花园护卫队" in gallery and "resident" in gallery  # named with her consent
    check_axe(anonymous, "showcase")
    shot(anonymous, "reviews-showcase-zh-hans")
    anonymous.click("button[lang=en]")
    anonymous.goto(f"{base}contests/{contest.pk}/notice/")
    check_axe(anonymous, "notice (en)")
    shot(anonymous, "reviews-notice-en")
