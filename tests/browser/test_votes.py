"""An organiser opens a ranked vote; residents vote (one changes the vote); officers hand out and
enter paper ballots twice; the organiser closes it and publishes; a resident reads the results in
English and downloads the recount file. axe-core on every page type."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.core.models import Member, Role
from linli.votes.models import Ballot, Vote
from linli.votes.recount import recount
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def local(dt) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_a_vote_from_opening_to_published_results(
    browser, live_server, community, organiser, leader, resident, household, tmp_path
):
    neighbour = make_person(community, "neighbour@test.org", Role.RESIDENT, household)
    Member.objects.create(
        community=community,
        name="张婆婆",
        household=household,
        status=Member.Status.VERIFIED,
    )  # no account: she will vote on paper

    def new_page(user_email: str | None = None):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        if user_email:
            login(page, user_email, PASSWORD)
        return page

    # --- the organiser builds the vote -------------------------------------------------------
    org = new_page(organiser.email)
    org.goto(f"/c/{community.slug}/votes/")
    check_axe(org, "vote list")
    org.click("text=新建投票")
    check_axe(org, "new vote form")
    org.fill("#id_title", "院坝先做哪一项？")
    org.fill("#id_opens_at", local(timezone.now() - timedelta(hours=1)))
    org.fill("#id_closes_at", local(timezone.now() - timedelta(hours=2)))
    org.click("main button[type=submit]")
    expect(org.locator(".error-summary")).to_be_visible()  # closes before it opens
    assert org.input_value("#id_title") == "院坝先做哪一项？"
    org.fill("#id_closes_at", local(timezone.now() + timedelta(days=3)))
    org.click("main button[type=submit]")
    org.wait_for_url("**/questions/")
    check_axe(org, "questions")
    org.fill("#id_text", "请排出先后")
    org.check("#id_ballot_type_3")  # ranked
    org.fill("#id_options", "墙面彩绘\n院坝铺装\n休息座椅")
    org.click("text=添加这个问题")
    org.click("text=发布投票")
    assert "投票已发布" in org.content()
    shot(org, "votes-manage-zh-hans")
    vote = Vote.objects.get(title="院坝先做哪一项？")
    assert vote.status == "published" and vote.is_open
    vote.officers.add(leader)  # the organiser names the leader a booth officer of this vote
    options = list(vote.questions.get().options.order_by("position"))

    # --- a resident votes with the keyboard in zh-Hant, then changes the vote ----------------
    res = new_page(resident.email)
    res.goto(f"/c/{community.slug}/")
    res.click("button[lang=zh-hant]")
    res.goto(f"/c/{community.slug}/votes/{vote.pk}/")
    check_axe(res, "ballot")
    first = res.locator(f"#q{vote.questions.get().pk}_o{options[2].pk}")
    first.focus()
    res.keyboard.press("ArrowDown")  # "choice 1" with the keyboard alone
    second = f"#q{vote.questions.get().pk}_o{options[0].pk}"
    res.select_option(second, "1")  # a repeated place: refused, choices kept
    res.click("text=投出我的一票")
    expect(res.locator(".error-summary")).to_be_visible()
    check_axe(res, "ballot with an error")
    res.select_option(second, "2")
    res.click("text=投出我的一票")
    expect(res.locator("p.code")).to_be_visible()
    check_axe(res, "vote cast")
    shot(res, "votes-cast-zh-hant")
    res.goto(f"/c/{community.slug}/votes/{vote.pk}/")
    assert res.input_value("#change_code")  # this device remembers the change code
    res.select_option(f"#q{vote.questions.get().pk}_o{options[2].pk}", "")
    res.select_option(second, "")
    res.select_option(f"#q{vote.questions.get().pk}_o{options[1].pk}", "1")
    res.click("text=替換我的選票")
    expect(res.locator("p.code")).to_be_visible()
    assert Ballot.objects.filter(vote=vote).count() == 1

    nb = new_page(neighbour.email)
    nb.goto(f"/c/{community.slug}/votes/{vote.pk}/")
    nb.select_option(f"#q{vote.questions.get().pk}_o{options[1].pk}", "1")
    nb.click("text=投出我的一票")
    expect(nb.locator("p.code")).to_be_visible()

    # --- the booth: the leader marks 张婆婆 and hands her a ballot -----------------------------
    lead = new_page(leader.email)
    lead.goto(f"/c/{community.slug}/votes/{vote.pk}/booth/")
    lead.fill("#id_q", "张婆婆")
    lead.click("text=查找")
    check_axe(lead, "booth")
    lead.click("text=登记 张婆婆 并发选票")
    assert "已在投票名册上登记" in lead.content()

    # --- two officers enter the paper bundle; a mismatch blocks it ---------------------------
    lead.goto(f"/c/{community.slug}/votes/{vote.pk}/paper/")
    check_axe(lead, "paper batches")
    lead.fill("#id_label", "梧桐院票箱")
    lead.fill("#id_size", "1")
    lead.click("text=开始这一沓")
    check_axe(lead, "batch entry")
    lead.fill("#id_ballots", "1 3")
    lead.click("text=保存我的录入")
    org.goto(f"/c/{community.slug}/votes/{vote.pk}/paper/")
    org.click("text=梧桐院票箱")
    org.fill("#id_ballots", "3 1")
    org.click("text=保存我的录入")
    expect(org.locator("table.diff-table")).to_be_visible()
    check_axe(org, "batch mismatch")
    shot(org, "votes-batch-mismatch-zh-hans")
    assert not Ballot.objects.filter(vote=vote, channel="paper").exists()
    org.fill("#id_ballots", "1 3")
    org.click("text=保存我的录入")
    assert "已计入" in org.content()
    assert Ballot.objects.filter(vote=vote, channel="paper").count() == 1

    # --- close, publish, and read the results in English -------------------------------------
    org.goto(f"/c/{community.slug}/votes/{vote.pk}/questions/")
    org.click("text=立即结束投票")
    org.click("text=公布结果")
    assert "结果已公布" in org.content()
    res.click("button[lang=en]")
    res.goto(f"/c/{community.slug}/votes/{vote.pk}/results/")
    check_axe(res, "results")
    shot(res, "votes-results-en")
    text = res.content()
    assert "Winner: 院坝铺装" in text  # the option's name as the organiser typed it
    assert "Round 1" in text
    assert "SHA-256" in text
    with res.expect_download() as download:
        res.click("text=Ballots for question 1 (CSV)")
    assert download.value.suggested_filename.endswith(".csv")
    # The file itself recounts to the published winner, by anyone, without linli's database.
    downloaded = tmp_path / download.value.suggested_filename
    download.value.save_as(downloaded)
    recounted = recount(downloaded, "irv")
    # The file numbers options by their place on the ballot (1, 2, ...), not by database key.
    assert recounted["options"][str(recounted["winner"])] == options[1].label == "院坝铺装"
    assert recounted["sha256"] in text
