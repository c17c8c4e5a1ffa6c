"""Proposals: drafts and co-authors, similarity, support, deliberation, answers, merging, votes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from linli.core.models import Member, Notification, Role
from linli.core.services import ServiceError
from linli.participation.models import Act
from linli.proposals import services
from linli.proposals.models import Comment, Proposal, Support
from linli.proposals.similarity import similar, terms
from linli.votes import services as vote_services
from linli.votes.models import Question
from tests.conftest import client_for, make_household, make_person
from tests.votes.helpers import make_vote


def member(user, community):
    return Member.objects.get(user=user, community=community)


def draft(community, author, title="梧桐院加装电梯", body="老人上下楼太难，希望加装电梯。"):
    return services.save_draft(author, Proposal(community=community, title=title, body=body))


@pytest.fixture
def proposal(community, resident):
    made = draft(community, resident)
    return services.publish(resident, made)


# --- similarity (pure) ---------------------------------------------------------------------


def test_chinese_text_is_compared_by_character_pairs():
    assert terms("加装电梯") == {"加装": 1, "装电": 1, "电梯": 1}
    assert terms("Lift for 梧桐院")["lift"] == 1
    docs = [
        (1, "槐树院晾衣架 希望在院子里装公共晾衣架"),
        (2, "梧桐院加装电梯 老人上下楼困难"),
        (3, "停车秩序 晚上车辆乱停"),
    ]
    found = similar("给梧桐院装电梯吧", docs)
    assert found[0][0] == 2
    assert all(key != 3 for key, _score in found)


@pytest.mark.parametrize(
    "text", ["老年食堂每天供应午餐", "儿童游乐区需要安全地垫", "Clothes lines in the courtyard"]
)
def test_a_document_is_most_similar_to_itself(text):
    docs = [
        (1, "老年食堂每天供应午餐"),
        (2, "儿童游乐区需要安全地垫"),
        (3, "Clothes lines in the courtyard"),
    ]
    assert similar(text, docs)[0][1] == max(score for _k, score in similar(text, docs))
    assert dict(similar(text, docs))[next(k for k, t in docs if t == text)] > 0.99


# --- writing ------------------------------------------------------------------------------


def test_a_draft_with_a_coauthor_is_published_and_written_to_the_ledger(
    community, resident, household
):
    neighbour = make_person(community, "n@test.org", Role.RESIDENT, household)
    made = draft(community, resident)
    services.add_coauthor(resident, made, "n@test.org")
    assert Notification.objects.filter(user=neighbour, kind="proposal_coauthor").exists()
    # the co-author may edit the draft but not publish it
    made.body += " 可以申请加装电梯补贴。"
    services.save_draft(neighbour, made)
    with pytest.raises(ServiceError, match="first author"):
        services.publish(neighbour, made)
    services.publish(resident, made)
    depths = dict(Act.objects.filter(method="proposal").values_list("member__user__email", "depth"))
    assert depths == {"resident@test.org": 3, "n@test.org": 4}


def test_nobody_else_edits_a_draft_or_a_published_proposal(community, resident, leader, proposal):
    with pytest.raises(
        ServiceError, match=r"^Only the authors can change a draft, and only before publishing\.$"
    ):
        services.save_draft(leader, draft(community, resident))
    with pytest.raises(
        ServiceError, match=r"^Only the authors can change a draft, and only before publishing\.$"
    ):
        services.save_draft(resident, proposal)


def test_an_area_of_another_community_is_refused(community, resident, other_community):
    foreign = make_household(other_community, ["别院", "9栋", "1单元", "101"]).area
    with pytest.raises(ServiceError, match="this community"):
        services.save_draft(
            resident,
            Proposal(community=community, title="x", body="y", area=foreign),
        )


def test_similar_published_proposals_are_found(community, resident, proposal):
    found = services.similar_to(community, "梧桐院 电梯 加装")
    assert [p for p, _s in found] == [proposal]


# --- support ------------------------------------------------------------------------------


def test_one_support_per_resident_and_the_threshold_puts_it_on_the_agenda(
    community, proposal, household
):
    settings = services.settings_for(community)
    settings.support_threshold = 3
    settings.save()
    supporters = [
        make_person(community, f"s{i}@test.org", Role.RESIDENT, household) for i in range(3)
    ]
    first = member(supporters[0], community)
    assert services.toggle_support(first.user, proposal) is True
    assert services.toggle_support(first.user, proposal) is False  # withdrawn
    assert not Act.objects.filter(member=first, method="support").exists()
    for user in supporters:
        services.toggle_support(user, proposal)
    proposal.refresh_from_db()
    assert Support.objects.filter(proposal=proposal).count() == 3
    assert proposal.threshold_reached_at is not None
    assert proposal in services.agenda(community)


def test_support_after_the_window_does_not_reach_the_agenda(community, proposal, household):
    settings = services.settings_for(community)
    settings.support_threshold = 1
    settings.save()
    Proposal.objects.filter(pk=proposal.pk).update(published_at=timezone.now() - timedelta(days=90))
    proposal.refresh_from_db()
    user = make_person(community, "late@test.org", Role.RESIDENT, household)
    services.toggle_support(user, proposal)
    proposal.refresh_from_db()
    assert proposal.threshold_reached_at is None


# --- deliberation -------------------------------------------------------------------------


def test_comments_have_stances_edits_keep_history_and_reports_reach_moderators(
    community, proposal, leader, organiser, resident
):
    against = services.comment(leader, proposal, "一楼住户担心采光。", "against")
    assert Notification.objects.filter(user=resident, kind="proposal_comment").exists()
    services.edit_comment(leader, against, "一楼住户担心采光和噪音。", "against")
    assert list(against.revisions.values_list("body", flat=True)) == ["一楼住户担心采光。"]
    with pytest.raises(ServiceError, match="writer"):
        services.edit_comment(resident, against, "改掉", "for")
    services.report(resident, against, "不友善")
    with pytest.raises(ServiceError, match="reason"):
        services.hide(organiser, against, "")
    services.hide(organiser, against, "含有人身攻击")
    against.refresh_from_db()
    assert against.hidden_reason == "含有人身攻击" and against.reports.get().resolved
    act = Act.objects.get(member__user=leader, method="comment")
    assert act.depth == 2


def test_new_accounts_are_rate_limited(community, proposal, household):
    newcomer = make_person(community, "new@test.org", Role.RESIDENT, household)
    who = newcomer
    for i in range(3):
        services.comment(who, proposal, f"第{i}条", "neutral")
    with pytest.raises(ServiceError, match="comments an hour"):
        services.comment(who, proposal, "第四条", "neutral")
    newcomer.date_joined = timezone.now() - timedelta(days=3)
    newcomer.save()
    services.comment(who, proposal, "老住户不受限", "for")


# --- answers and merging ------------------------------------------------------------------


def test_answers_notify_everyone_involved_and_rejection_needs_a_reason(
    community, proposal, organiser, leader, resident
):
    services.toggle_support(leader, proposal)
    with pytest.raises(ServiceError, match="why"):
        services.change_status(proposal, Proposal.Status.REJECTED, " ", organiser)
    services.change_status(proposal, Proposal.Status.UNDER_REVIEW, "街道正在评估", organiser)
    for user in (leader, resident):
        assert Notification.objects.filter(user=user, kind="proposal_status").exists()
    stats = services.answer_stats(community)
    assert (stats.published, stats.answered, stats.within_30_days) == (1, 1, 1)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match=r"^proposals\.answer$"):
        services.change_status(proposal, Proposal.Status.DONE, "", resident)


def test_merging_keeps_supports_once_and_moves_comments(
    community, proposal, organiser, leader, resident, household
):
    duplicate = services.publish(leader, draft(community, leader, "梧桐院装电梯", "同上"))
    both = make_person(community, "both@test.org", Role.RESIDENT, household)
    services.toggle_support(both, proposal)
    services.toggle_support(both, duplicate)
    services.toggle_support(resident, duplicate)
    services.comment(resident, duplicate, "支持", "for")
    services.merge(organiser, duplicate, proposal)
    duplicate.refresh_from_db()
    assert duplicate.status == "merged" and duplicate.merged_into == proposal
    assert proposal.supports.count() == 2
    assert Comment.objects.filter(proposal=proposal).count() == 1
    assert member(leader, community) in proposal.coauthors.all()


def test_opening_a_vote_on_a_proposal_sends_it_to_a_vote(community, organiser, proposal):
    vote = make_vote(community, organiser, publish=False)
    question = Question(text="要不要加装电梯？")
    vote_services.save_question(organiser, vote, question, ["暂不加装"], [proposal])
    assert question.options.filter(proposal=proposal).exists()
    vote.closes_at = timezone.now() + timedelta(days=3)
    vote.save()
    vote_services.publish(organiser, vote)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.TO_VOTE


# --- pages --------------------------------------------------------------------------------

ROLES = ["community_admin", "organiser", "leader", "resident", "outsider", "anonymous"]
OK, LOGIN, DENIED, HIDDEN = 200, 302, 403, 404
PAGES = {
    "/c/{slug}/proposals/": [OK] * 6,
    "/c/{slug}/proposals/answers/": [OK] * 6,
    "/c/{slug}/proposals/{pk}/": [OK] * 6,
    "/c/{slug}/proposals/{draft}/": [HIDDEN, HIDDEN, HIDDEN, OK, HIDDEN, HIDDEN],
    "/c/{slug}/proposals/new/": [OK, OK, OK, OK, DENIED, LOGIN],
    "/c/{slug}/proposals/agenda/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/proposals/comments/{comment}/history/": [OK] * 6,
    "/c/{slug}/proposals/comments/{comment}/report/": [OK, OK, OK, OK, DENIED, LOGIN],
    "/c/{slug}/proposals/comments/{comment}/hide/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
}


@pytest.mark.parametrize("url", list(PAGES))
def test_each_proposal_page_answers_each_role(url, community, people, proposal, resident, leader):
    unpublished = draft(community, resident, "草稿", "还没写完")
    remark = services.comment(leader, proposal, "好主意", "for")
    keys = {
        "slug": community.slug,
        "pk": proposal.pk,
        "draft": unpublished.pk,
        "comment": remark.pk,
    }
    for role, expected in zip(ROLES, PAGES[url], strict=True):
        response = client_for(people[role]).get(url.format(**keys))
        assert response.status_code == expected, f"{role} on {url}: {response.status_code}"


def test_residents_cannot_answer_or_merge(community, people, proposal):
    for role in ["leader", "resident", "outsider"]:
        client = client_for(people[role])
        base = f"/c/{community.slug}/proposals/{proposal.pk}/"
        assert client.post(base + "answer/", {"status": "done"}).status_code == DENIED
        assert client.post(base + "merge/", {"target": proposal.pk}).status_code == DENIED
    proposal.refresh_from_db()
    assert proposal.status == "received"


def test_writing_through_the_form_rejects_a_non_image_photo(community, resident):
    client = client_for(resident)
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.post(
        f"/c/{community.slug}/proposals/new/",
        {
            "title": "院坝增设座椅",
            "body": "老人晒太阳没地方坐",
            "category": "elderly",
            "photo": SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"),
            "place": "999999",  # not a place of this community
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This file is not a photo we can read" in page
    assert "Select a valid choice" in page
    assert "院坝增设座椅" in page  # nothing typed is lost
    assert not Proposal.objects.exists()


def test_a_comment_refused_keeps_the_text(community, resident, proposal):
    client = client_for(resident)
    Proposal.objects.filter(pk=proposal.pk).update(status="received")
    response = client.post(
        f"/c/{community.slug}/proposals/{proposal.pk}/comments/",
        {"stance": "maybe", "body": "写好的话"},
    )
    assert response.status_code == 400
    assert "写好的话" in response.content.decode()


def test_api_lists_published_proposals(community, proposal, resident):
    unpublished = draft(community, resident, "草稿", "x")
    data = client_for(None).get(f"/api/communities/{community.slug}/proposals").json()
    assert [p["id"] for p in data] == [proposal.pk]
    assert unpublished.pk not in [p["id"] for p in data]
    detail = (
        client_for(None).get(f"/api/communities/{community.slug}/proposals/{proposal.pk}").json()
    )
    assert detail["status"] == "received" and detail["supports"] == 0
