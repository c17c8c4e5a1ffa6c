"""The permission checks of ``linli.core.permissions``, one branch and one edge at a time.

No database but in the last two tests: people are plain objects whose membership is already in
the per-request cache ``member_of`` reads first, so a mutant that misses the cache fails loudly
(database access is not allowed there); the last two read memberships from the database. These are the tests ``bench/mutation.py --only permissions`` runs: each
comparison, each ``and``/``or`` and each word of the checks is pinned by one assertion below.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from linli.core import permissions
from linli.core.kit import Forbidden, Refused
from linli.core.models import Community, Member, Role, User
from linli.core.permissions import Rule, Standing
from tests.conftest import make_person

HOME = Community(pk=7, slug="home", name="home")


def person(
    status: str | None = None, role: str = Role.RESIDENT, *, superuser: bool = False, pk=None
):
    """A signed-in user; with a status, a member of HOME (already in the request's cache)."""
    member = None if status is None else Member(community=HOME, status=status, role=role)
    return SimpleNamespace(
        pk=pk, is_authenticated=True, is_superuser=superuser, _linli_members={HOME.pk: member}
    )


ANONYMOUS = SimpleNamespace(is_authenticated=False, is_superuser=False)
VERIFIED = Member.Status.VERIFIED


def test_member_of_is_none_without_a_signed_in_user():
    assert permissions.member_of(None, HOME) is None
    assert permissions.member_of(ANONYMOUS, HOME) is None


def test_member_of_answers_from_the_request_cache():
    user = person(VERIFIED, Role.LEADER)
    assert permissions.member_of(user, HOME) is user._linli_members[HOME.pk]
    assert permissions.member_of(user, HOME).role == Role.LEADER


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (None, Standing.PUBLIC),
        (ANONYMOUS, Standing.PUBLIC),
        (person(superuser=True), Standing.SITE_ADMIN),
        (person(), Standing.SIGNED_IN),
        (person(Member.Status.DECLINED, Role.ORGANISER), Standing.SIGNED_IN),
        (person(Member.Status.LEFT, Role.ORGANISER), Standing.SIGNED_IN),
        (person(Member.Status.PENDING, Role.ORGANISER), Standing.MEMBER),
        (person(VERIFIED, Role.RESIDENT), Standing.RESIDENT),
        (person(VERIFIED, Role.LEADER), Standing.LEADER),
        (person(VERIFIED, Role.BOARD_MEMBER), Standing.BOARD_MEMBER),
        (person(VERIFIED, Role.ORGANISER), Standing.ORGANISER),
        (person(VERIFIED, Role.COMMUNITY_ADMIN), Standing.COMMUNITY_ADMIN),
    ],
)
def test_standing_of_each_kind_of_person(user, expected):
    assert permissions.standing(user, HOME) is expected


def test_an_anonymous_superuser_flag_gives_nothing():
    # Only a signed-in superuser stands above all: the order of the two checks matters.
    assert (
        permissions.standing(SimpleNamespace(is_authenticated=False, is_superuser=True), HOME)
        is Standing.PUBLIC
    )


def test_community_of_a_community_an_object_and_something_else():
    assert permissions.community_of(HOME) is HOME
    assert permissions.community_of(SimpleNamespace(community=HOME)) is HOME
    with pytest.raises(TypeError, match=r"^'x' has no community to ask a permission in$"):
        permissions.community_of("x")
    with pytest.raises(TypeError, match=r"has no community to ask a permission in$"):
        permissions.community_of(SimpleNamespace(community="home"))


@pytest.fixture
def table(monkeypatch):
    """Two actions and three rules of a made-up module, beside the real ones."""
    monkeypatch.setitem(permissions.RULES, "test.read", Standing.PUBLIC)
    monkeypatch.setitem(permissions.RULES, "test.lead", Standing.LEADER)
    monkeypatch.setitem(
        permissions.PREDICATES,
        "test.edit_own",
        Rule("test.lead", who=(lambda user, obj: obj.owner is user, lambda user, obj: obj.ok)),
    )
    monkeypatch.setitem(
        permissions.PREDICATES,
        "test.close",
        Rule(
            "test.lead",
            when=((lambda obj: obj.open, "It is closed."), (lambda obj: obj.ok, "Not ready.")),
        ),
    )
    monkeypatch.setitem(permissions.PREDICATES, "test.peek", Rule("test.read"))


def test_an_unknown_action_is_a_programming_error(table):
    with pytest.raises(
        KeyError, match=r"unknown action 'test\.nothing': declare it in its module's AppConfig"
    ):
        permissions.can(person(), "test.nothing", HOME)


def test_the_standing_an_action_needs_is_enough_and_one_less_is_not(table):
    leader = person(VERIFIED, Role.LEADER)
    resident = person(VERIFIED, Role.RESIDENT)
    assert permissions.can(leader, "test.lead", HOME) is True
    assert permissions.can(resident, "test.lead", HOME) is False
    assert permissions.refusal(leader, "test.lead", HOME) is None
    refused = permissions.refusal(resident, "test.lead", HOME)
    assert type(refused) is Forbidden and refused.action == "test.lead"
    assert permissions.can(ANONYMOUS, "test.read", HOME) is True


def test_a_rule_asks_its_action_in_the_objects_community(table):
    leader = person(VERIFIED, Role.LEADER)
    thing = SimpleNamespace(community=HOME, owner=leader, ok=True, open=True)
    assert permissions.refusal(leader, "test.edit_own", thing) is None
    refused = permissions.refusal(person(VERIFIED), "test.edit_own", thing)
    assert type(refused) is Forbidden and refused.action == "test.edit_own"
    assert permissions.can(ANONYMOUS, "test.peek", thing) is True


def test_every_who_test_must_hold(table):
    leader = person(VERIFIED, Role.LEADER)
    other = person(VERIFIED, Role.LEADER)
    for owner, ok in [(other, True), (leader, False), (other, False)]:
        thing = SimpleNamespace(community=HOME, owner=owner, ok=ok)
        refused = permissions.refusal(leader, "test.edit_own", thing)
        assert type(refused) is Forbidden and refused.action == "test.edit_own", (owner, ok)


def test_the_first_when_test_that_fails_says_why(table):
    leader = person(VERIFIED, Role.LEADER)
    assert (
        permissions.refusal(
            leader, "test.close", SimpleNamespace(community=HOME, open=True, ok=True)
        )
        is None
    )
    for is_open, ok, words in [(False, True, "It is closed."), (True, False, "Not ready."),
                               (False, False, "It is closed.")]:  # fmt: skip
        thing = SimpleNamespace(community=HOME, open=is_open, ok=ok)
        refused = permissions.refusal(leader, "test.close", thing)
        assert type(refused) is Refused and refused.message == words
        with pytest.raises(Refused, match=f"^{words}$"):
            permissions.require(leader, "test.close", thing)


def test_require_raises_the_refusal_and_passes_quietly_otherwise(table):
    with pytest.raises(Forbidden, match=r"^test\.lead$"):
        permissions.require(person(VERIFIED), "test.lead", HOME)
    assert permissions.require(person(VERIFIED, Role.LEADER), "test.lead", HOME) is None


@pytest.mark.parametrize(
    ("giver", "roles"),
    [
        (person(VERIFIED, Role.RESIDENT), [Role.RESIDENT]),
        (person(VERIFIED, Role.ORGANISER), [Role.RESIDENT]),
        (
            person(VERIFIED, Role.COMMUNITY_ADMIN),
            ["resident", "leader", "board_member", "organiser", "community_admin"],
        ),
        (
            person(superuser=True),
            ["resident", "leader", "board_member", "organiser", "community_admin"],
        ),
    ],
)
def test_roles_one_may_give_stop_at_ones_own(giver, roles):
    assert permissions.grantable_roles(giver, HOME) == roles


def test_roles_one_may_give_when_setting_roles_is_an_organisers_job(monkeypatch):
    # With the table lowered, an organiser gives roles up to their own, never above it.
    monkeypatch.setitem(permissions.RULES, "members.set_role", Standing.ORGANISER)
    assert permissions.grantable_roles(person(VERIFIED, Role.ORGANISER), HOME) == [
        "resident",
        "leader",
        "board_member",
        "organiser",
    ]
    assert permissions.grantable_roles(person(VERIFIED, Role.BOARD_MEMBER), HOME) == ["resident"]


def test_signing_in_is_all_that_is_missing_only_for_the_signed_out(table):
    assert permissions.needs_sign_in(ANONYMOUS, "test.lead") is True
    assert permissions.needs_sign_in(ANONYMOUS, "test.read") is False
    assert permissions.needs_sign_in(person(), "test.lead") is False
    assert permissions.needs_sign_in(ANONYMOUS, "test.edit_own") is True
    assert permissions.needs_sign_in(ANONYMOUS, "test.peek") is False


def test_the_role_ladder_and_cores_table():
    assert permissions.ROLE_STANDING == {
        Role.RESIDENT: Standing.RESIDENT,
        Role.LEADER: Standing.LEADER,
        Role.BOARD_MEMBER: Standing.BOARD_MEMBER,
        Role.ORGANISER: Standing.ORGANISER,
        Role.COMMUNITY_ADMIN: Standing.COMMUNITY_ADMIN,
    }
    core = {name: need for name, need in permissions.RULES.items() if "." in name}
    assert {name: core[name] for name in ("members.set_role", "community.edit", "audit.view")} == {
        "members.set_role": Standing.COMMUNITY_ADMIN,
        "community.edit": Standing.COMMUNITY_ADMIN,
        "audit.view": Standing.COMMUNITY_ADMIN,
    }


# --- the one path that reads the database: a membership not in the request's cache yet ---------


def test_member_of_reads_the_users_own_membership_in_that_community_once(
    community, other_community, organiser, django_assert_num_queries
):
    # A resident recorded without an account, a neighbour, and the organiser's own second
    # membership elsewhere: only the organiser's row in this community is theirs here.
    Member.objects.create(community=community, name="王婆婆", role=Role.RESIDENT)
    Member.objects.create(
        community=other_community, user=organiser, name="x", role=Role.LEADER, status=VERIFIED
    )
    make_person(community, "neighbour@test.org", Role.COMMUNITY_ADMIN)
    user = User.objects.get(pk=organiser.pk)  # a fresh object: nothing cached on it yet
    with django_assert_num_queries(1):
        mine = permissions.member_of(user, community)
        assert permissions.member_of(user, community) is mine  # asked again: from the cache
    assert (mine.community, mine.user, mine.role) == (community, organiser, Role.ORGANISER)
    assert permissions.member_of(user, other_community).role == Role.LEADER
    assert permissions.standing(user, community) is Standing.ORGANISER


def test_member_of_is_none_where_the_user_is_not_a_member(community, other_community, outsider):
    Member.objects.create(community=community, name="王婆婆", role=Role.RESIDENT)
    assert permissions.member_of(User.objects.get(pk=outsider.pk), community) is None
