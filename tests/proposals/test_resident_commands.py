"""Saving a draft and supporting are commands: the standing is checked for the account acting
(residents and up), support follows the rule ``proposals.support_proposal`` in every status, and
the ledger row is written in the command's transaction."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member
from linli.core.permissions import can
from linli.participation.models import Act
from linli.proposals import services
from linli.proposals.models import Comment, CommentReport, Proposal, Support
from tests.conftest import make_person

COLLECTING = {"received", "under_review", "accepted", "to_vote", "in_progress", "done"}


def _draft(community, user, title="梧桐院加装电梯"):
    return services.save_draft(
        user, Proposal(community=community, title=title, body="老人上下楼难")
    )


def test_outsiders_pending_members_and_visitors_may_not_write_or_support(
    community, resident, outsider
):
    proposal = services.publish(resident, _draft(community, resident))
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    for who in (outsider, pending, AnonymousUser()):
        with pytest.raises(Forbidden, match=r"^proposals\.create$"):
            _draft(community, who, "别人的草稿")
        with pytest.raises(Forbidden, match=r"^proposals\.support_proposal$"):
            services.toggle_support(who, proposal)
    assert Proposal.objects.count() == 1 and not Support.objects.exists()


def test_residents_leaders_and_organisers_write_their_own_drafts(
    community, resident, leader, organiser
):
    for who in (resident, leader, organiser):
        made = _draft(community, who)
        assert made.author == Member.objects.get(user=who, community=community)
    with pytest.raises(
        Refused, match=r"^Only the authors can change a draft, and only before publishing\.$"
    ):
        services.save_draft(leader, made)  # the organiser's draft


@pytest.mark.parametrize("status", [value for value, _label in Proposal.Status.choices])
def test_support_in_each_status(status, community, resident, leader):
    proposal = _draft(community, resident)
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    assert can(leader, "proposals.support_proposal", proposal) == (status in COLLECTING)
    if status in COLLECTING:
        assert services.toggle_support(leader, proposal) is True
        assert Act.objects.filter(method="support", member__user=leader).count() == 1
        assert services.toggle_support(leader, proposal) is False
        assert not Act.objects.filter(method="support").exists()
    else:
        with pytest.raises(Refused, match=r"^This proposal is not collecting support\.$"):
            services.toggle_support(leader, proposal)
        assert not Support.objects.exists()


# --- Publishing, co-authors and comments --------------------------------------------------------


def test_outsiders_pending_members_and_visitors_may_not_publish_invite_or_comment(
    community, resident, leader, outsider
):
    draft = _draft(community, resident)
    published = services.publish(resident, _draft(community, resident, "楼道装灯"))
    remark = services.comment(leader, published, "好主意", "for")
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    for who in (outsider, pending, AnonymousUser()):
        with pytest.raises(Forbidden, match=r"^proposals\.create$"):
            services.publish(who, draft)
        with pytest.raises(Forbidden, match=r"^proposals\.create$"):
            services.add_coauthor(who, draft, "leader@test.org")
        with pytest.raises(Forbidden, match=r"^proposals\.comment$"):
            services.comment(who, published, "路过", "neutral")
        with pytest.raises(Forbidden, match=r"^proposals\.comment$"):
            services.edit_comment(who, remark, "改掉", "for")
        with pytest.raises(Forbidden, match=r"^proposals\.report$"):
            services.report(who, remark, "不友善")
    draft.refresh_from_db()
    remark.refresh_from_db()
    assert draft.status == "draft" and not draft.coauthors.exists()
    assert Comment.objects.count() == 1 and remark.body == "好主意"
    assert not CommentReport.objects.exists()


def test_only_the_first_author_publishes_and_invites_and_only_the_writer_edits(
    community, resident, leader
):
    draft = _draft(community, resident)
    with pytest.raises(
        Refused, match=r"^Only the first author can invite co-authors, before publishing\.$"
    ):
        services.add_coauthor(leader, draft, "resident@test.org")
    with pytest.raises(Refused, match=r"^Only the first author can publish the proposal\.$"):
        services.publish(leader, draft)
    proposal = services.publish(resident, draft)
    remark = services.comment(leader, proposal, "好主意", "for")
    with pytest.raises(Refused, match=r"^Only the writer can edit a comment\.$"):
        services.edit_comment(resident, remark, "改掉", "for")
    assert services.report(resident, remark, "不友善").member.user == resident


def test_each_phase_of_a_proposal_for_authors_and_commenters(community, resident, leader):
    draft = _draft(community, resident)
    # a draft: co-authors are invited, comments wait for publication
    services.add_coauthor(resident, draft, "leader@test.org")
    with pytest.raises(Refused, match=r"^Comments open when the proposal is published\.$"):
        services.comment(leader, draft, "先说一句", "for")
    # published: the authors are in the ledger, comments open, no second publication
    services.publish(resident, draft)
    assert dict(
        Act.objects.filter(method="proposal").values_list("member__user__email", "depth")
    ) == {"resident@test.org": 3, "leader@test.org": 4}
    with pytest.raises(Refused, match=r"^This proposal is already published\.$"):
        services.publish(resident, draft)
    with pytest.raises(
        Refused, match=r"^Only the first author can invite co-authors, before publishing\.$"
    ):
        services.add_coauthor(resident, draft, "organiser@test.org")
    remark = services.comment(leader, draft, "好主意", "for")
    assert Act.objects.filter(method="comment", member__user=leader).count() == 1
    edited = services.edit_comment(leader, remark, "好主意，我来出力", "for")
    assert edited.body == "好主意，我来出力" and edited.revisions.count() == 1
