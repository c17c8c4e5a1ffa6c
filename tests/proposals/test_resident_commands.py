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
from linli.proposals.models import Proposal, Support
from tests.conftest import make_person

COLLECTING = {"received", "under_review", "accepted", "to_vote", "in_progress", "done"}


def _draft(community, user, title="梧桐院加装电梯"):
    return services.save_draft(
        user, Proposal(community=community, title=title, body="老人上下楼难")
    )


def test_outsiders_pending_members_and_visitors_may_not_write_or_support(
    community, resident, outsider
):
    proposal = services.publish(Member.objects.get(user=resident), _draft(community, resident))
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
