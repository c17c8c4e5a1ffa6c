"""An open, public conversation on the lift in the fixture community, and residents without
accounts whose paper sheets staff enter."""

from __future__ import annotations

import pytest

from linli.core.models import Community, Member, User
from linli.opinions import services
from linli.opinions.models import Conversation

SEEDS = [
    "楼里老人越来越多，需要加装电梯。",
    "电梯井会挡住低楼层的采光。",
    "一楼住户不应该出电梯的钱。",
    "装不装电梯，要先开全楼住户协商会。",
    "费用分摊方案要公开。",
    "电梯噪音会影响低楼层住户。",
    "政府补贴错过了就没有了。",
    "可以先在楼道加扶手作为过渡。",
]


def make_conversation(organiser: User, community: Community, **fields: object) -> Conversation:
    data = {"title": "加装电梯", "question": "梧桐院要不要加装电梯？", **fields}
    return services.create_conversation(organiser, community, data, SEEDS)


@pytest.fixture
def conversation(organiser: User, community: Community) -> Conversation:
    return make_conversation(organiser, community)


def residents_without_accounts(community: Community, n: int) -> list[Member]:
    return [
        Member.objects.create(community=community, name=f"居民{i}", status=Member.Status.VERIFIED)
        for i in range(n)
    ]


def two_camps(
    organiser: User, conversation: Conversation, per_camp: int = 6
) -> tuple[list[Member], list[Member]]:
    """Residents in two camps who disagree on statements 1-3 and 6-8 and all agree on 4-5,
    entered as paper sheets."""
    lift = residents_without_accounts(conversation.community, per_camp)
    ground = [
        Member.objects.create(
            community=conversation.community, name=f"一楼{i}", status=Member.Status.VERIFIED
        )
        for i in range(per_camp)
    ]
    # Each person is unsure about one statement of her own, so no two sheets are the same.
    unsure = [1, 2, 3, 6, 7, 8]
    for i, member in enumerate(lift):
        marks = {1: 1, 2: -1, 3: -1, 4: 1, 5: 1, 6: -1, 7: 1, 8: -1}
        services.enter_sheet(organiser, conversation, member, {**marks, unsure[i % 6]: 0})
    for i, member in enumerate(ground):
        marks = {1: -1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: -1, 8: 1}
        services.enter_sheet(organiser, conversation, member, {**marks, unsure[i % 6]: 0})
    return lift, ground
