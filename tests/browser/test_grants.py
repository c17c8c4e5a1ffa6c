"""Seed 004's micro-grants in the browser: a resident group applies (an over-limit budget line is
refused with the limit named and nothing typed is lost), the panel scores, the organiser awards
from the ranking, the lead accepts the agreement and the organiser countersigns, the group reports
a milestone with a receipt photo, the organiser accepts it. axe-core on every page type, in
Chinese, and the public project page in English."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from linli.core.models import Member, Role
from linli.grants import services
from linli.grants.models import Application, Call, Report
from linli.tracking import queries as tracking
from tests.browser.conftest import check_axe as axe
from tests.browser.conftest import login, shot
from tests.conftest import PASSWORD, make_household, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_axe(page, name):  # type: ignore[no-untyped-def]
    """axe-core, and no id used twice (several forms on one page must not share label targets)."""
    axe(page, name)
    twice = page.evaluate(
        "() => { const seen = {}; for (const e of document.querySelectorAll('[id]')) "
        "seen[e.id] = (seen[e.id] || 0) + 1; return Object.keys(seen).filter(k => seen[k] > 1); }"
    )
    assert not twice, f"ids used twice on {name}: {twice}"


def _receipt(path):  # type: ignore[no-untyped-def]
    image = Image.new("RGB", (900, 1200), (250, 248, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_from_application_to_an_accepted_milestone_report(
    browser, live_server, community, organiser, resident, household, tmp_path
):
    today = timezone.localdate()
    panel_users = [
        make_person(
            community,
            f"p{i}@test.org",
            Role.RESIDENT,
            make_household(community, ["杏林院", "1栋", "1单元", f"{i}01"]),
        )
        for i in range(1, 4)
    ]
    panel = [Member.objects.get(user=u) for u in panel_users]
    neighbours = [
        Member.objects.get(
            user=make_person(
                community,
                f"n{i}@test.org",
                Role.RESIDENT,
                make_household(community, ["梧桐院", "2栋", "1单元", f"{i}02"]),
            )
        )
        for i in range(1, 3)
    ]
    call = services.save_call(
        organiser,
        Call(
            community=community,
            title="2026年社区营造公益创投",
            year=today.year,
            description="资助居民自组织从“人文地景产”入手开展社区营造。",
            themes=["people", "culture", "place", "landscape", "livelihood"],
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=10),
            review_by=today + timedelta(days=20),
            award_by=today + timedelta(days=30),
        ),
        panel=panel,
    )
    services.step(organiser, call, "open")

    def new_page(email: str, locale: str = "zh-CN"):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale=locale, viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, email, PASSWORD)
        return page

    base = f"/c/{community.slug}/grants/"
    # 1. the lead of a resident group applies
    lead = new_page(resident.email)
    lead.goto(base)
    check_axe(lead, "grants index")
    lead.click(f'main a:has-text("{call.title}")')
    check_axe(lead, "call page")
    lead.click('main a:has-text("申报项目")')
    check_axe(lead, "application form")
    lead.fill("#id_group_name", "梧桐院护绿队")
    lead.fill("#id_title", "院落花园")
    lead.select_option("#id_theme", "landscape")
    lead.fill("#id_goals", "把院坝角落的荒地变成花园。")
    lead.fill("#id_activities", "4月 周末共建日\n5-10月 护绿队轮流浇水")
    lead.fill("#id_results", "40户参与共建;护绿队15人。")
    lead.click('main button:has-text("保存")')
    lead.locator("#budget").wait_for()
    application = Application.objects.get()
    check_axe(lead, "draft application")
    # an over-limit line is refused with the limit named; what was typed stays
    lead.select_option("#id_line_category", "materials")
    lead.fill("#id_line_item", "大型景观雕塑")
    lead.fill("#id_line_amount", "120000")
    lead.click('main button:has-text("添加")')
    assert "100,000" in lead.content()
    assert lead.input_value("#id_amount") == "120000"
    check_axe(lead, "budget line refused")
    shot(lead, "grants-budget-refused-zh")
    lead.goto(application.get_absolute_url())
    lead.select_option("#id_line_category", "materials")
    lead.fill("#id_line_item", "花苗、土和花箱")
    lead.fill("#id_line_amount", "30000")
    lead.click('main button:has-text("添加")')
    for n in neighbours:
        lead.select_option("#id_team_member", str(n.pk))
        lead.fill("#id_team_task", "组织共建日")
        lead.click('main button:has-text("加入团队")')
    lead.click('main button:has-text("提交申报")')
    application.refresh_from_db()
    assert application.status == "submitted"
    shot(lead, "grants-submitted-zh")

    # 2. the organiser closes applications; the panel scores (one member in the browser)
    org = new_page(organiser.email)
    org.goto(call.get_absolute_url())
    org.click('main button:has-text("截止申报，开始评审")')
    judge = new_page(panel_users[0].email)
    judge.goto(call.get_absolute_url())
    judge.click('main a:has-text("院落花园")')
    check_axe(judge, "score form")
    for criterion in call.criteria.all():
        judge.fill(f"#id_c{criterion.pk}", "8")
    judge.fill("#id_comment", "贴合居民需求,分工清楚。")
    judge.click('main button:has-text("保存我的分数")')
    application.refresh_from_db()
    for member in panel[1:]:
        services.score(member.user, application, {c.pk: 7 for c in call.criteria.all()}, "")

    # 3. the organiser reads the ranking and awards; sets a milestone
    org.goto(f"{base}calls/{call.pk}/ranking/")
    check_axe(org, "ranking")
    assert "资助 30,000 元" in org.content()  # linli's one money formatter groups thousands
    shot(org, "grants-ranking-zh")
    org.goto(application.get_absolute_url())
    check_axe(org, "application under review (organiser)")
    org.fill("#id_award_amount", "28000")
    org.click('main button:has-text("给予资助")')
    org.fill("#id_ms_title", "花园建成")
    org.fill("#id_ms_due", (today + timedelta(days=60)).isoformat())
    org.click('main button:has-text("添加节点")')
    application.refresh_from_db()
    assert application.award_amount == 28000 and tracking.milestones(application).count() == 1

    # 4. the lead accepts the agreement; the organiser countersigns
    lead.goto(application.get_absolute_url())
    check_axe(lead, "awarded application (lead)")
    lead.fill("#id_accept_name", "王秀英")
    lead.click('main button:has-text("我接受协议")')
    org.goto(application.get_absolute_url())
    org.click('main button:has-text("代表社区会签")')
    assert application.agreement.__class__.objects.get(application=application).complete
    pdf = org.request.get(f"{application.get_absolute_url()}agreement.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # 5. the lead reports on the milestone with a receipt photo; the organiser accepts it
    lead.goto(application.get_absolute_url())
    lead.click('main a:has-text("写报告")')
    check_axe(lead, "report form")
    lead.select_option("#id_kind", "milestone")
    lead.select_option("#id_milestone", str(tracking.milestones(application).get().pk))
    lead.fill("#id_narrative", "四个周末共建日,砌了三个花台。")
    lead.fill("#id_activities_held", "4月12日、19日、26日、5月3日共建日")
    lead.fill("#id_participants", "46")
    lead.select_option("#id_s1_category", "materials")
    lead.fill("#id_s1_item", "花苗和营养土")
    lead.fill("#id_s1_amount", "9800")
    lead.set_input_files("#id_s1_receipt", _receipt(tmp_path / "receipt.png"))
    lead.click('main button:has-text("保存")')
    report = Report.objects.get()
    assert report.spending_lines.get().receipt
    org.goto(application.get_absolute_url())
    org.reload()  # the organiser's tab was already on this page
    check_axe(org, "report waiting (organiser)")
    org.select_option(f"#id_r{report.pk}_decision", "accept")
    org.click('main button:has-text("发送答复")')
    report.refresh_from_db()
    assert report.status == "accepted"
    assert "已支出 9,800 元" in org.content()
    shot(org, "grants-application-organiser-zh")

    # 6. the public project page, in English, without private data
    visitor = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1100, "height": 900}
    )
    visitor.add_cookies([{"name": "linli_language", "value": "en", "url": live_server.url}])
    public = visitor.new_page()
    public.goto(application.get_absolute_url())
    check_axe(public, "public project page (en)")
    html = public.content()
    assert (
        "Grant agreement" in html
        and "agreement.pdf" not in html
        and "Spent 9,800 of 28,000 yuan" in html
    )
    shot(public, "grants-public-en")
    public.goto(base)
    check_axe(public, "grants index (en)")
    shot(public, "grants-index-en")
