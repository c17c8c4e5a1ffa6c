"""Named fixture people per role, in a small community and a neighbouring one."""

from __future__ import annotations

import os

import pytest
from django.test import Client
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings

from linli.core.models import Community, Household, Member, Place, Role, User
from linli.core.services import place_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

# Speed is measured by the benchmarks in bench/, never by tests: Hypothesis's per-example deadline
# only makes property tests fail at random on a busy CI machine.
hypothesis_settings.register_profile("linli", deadline=None)
hypothesis_settings.load_profile("linli")

PASSWORD = "a-Strong-pass-42"


@pytest.fixture(autouse=True)
def fresh_throttles() -> None:
    """Throttling stays on in tests; each test starts with fresh counters.

    Rate limits are counted in the cache, which outlives a test's database; sign-in lockouts
    (django-axes) live in the database and go with it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():  # type: ignore[no-untyped-def]
    """Each test starts in the site's default language: a request or a fixture that switched
    language (the middleware activates the visitor's) does not leak into the next test."""
    yield
    translation.deactivate()


def make_community(slug: str, name: str) -> Community:
    return Community.objects.create(
        name=name, slug=slug, city="成都市", languages=["zh-hans", "zh-hant", "en"]
    )


def make_household(community: Community, address: list[str], size: int = 3) -> Household:
    flat = place_path(community, address, Place.AreaType.OLD_COURTYARD)
    return Household.objects.create(community=community, flat=flat, area=flat.area, size=size)


def make_person(
    community: Community,
    email: str,
    role: str = Role.RESIDENT,
    household: Household | None = None,
    language: str = "zh-hans",
    status: str = Member.Status.VERIFIED,
) -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, name=email.split("@")[0], language=language
    )
    Member.objects.create(
        community=community,
        user=user,
        name=user.name,
        role=role,
        status=status,
        household=household,
        email=email,
        language=language,
        verified_at=timezone.now(),
    )
    return user


@pytest.fixture
def community(db: None) -> Community:
    return make_community("wutong", "梧桐社区")


@pytest.fixture
def other_community(db: None) -> Community:
    return make_community("other", "别的社区")


@pytest.fixture
def household(community: Community) -> Household:
    return make_household(community, ["梧桐院", "1栋", "1单元", "101"])


@pytest.fixture
def organiser(community: Community) -> User:
    return make_person(community, "organiser@test.org", Role.ORGANISER)


@pytest.fixture
def community_admin(community: Community) -> User:
    return make_person(community, "admin@test.org", Role.COMMUNITY_ADMIN)


@pytest.fixture
def leader(community: Community, household: Household) -> User:
    return make_person(community, "leader@test.org", Role.LEADER, household)


@pytest.fixture
def resident(community: Community, household: Household) -> User:
    return make_person(community, "resident@test.org", Role.RESIDENT, household)


@pytest.fixture
def outsider(other_community: Community) -> User:
    """A resident of another community."""
    household = make_household(other_community, ["别院", "1栋", "1单元", "201"])
    return make_person(other_community, "outsider@test.org", Role.RESIDENT, household)


@pytest.fixture
def site_admin(db: None) -> User:
    return User.objects.create_superuser(email="root@test.org", password=PASSWORD, name="root")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def people(
    organiser: User, leader: User, resident: User, outsider: User, community_admin: User
) -> dict[str, User | None]:
    """Every role, for permission tables: role name -> user (None is the anonymous visitor)."""
    return {
        "community_admin": community_admin,
        "organiser": organiser,
        "leader": leader,
        "resident": resident,
        "outsider": outsider,
        "anonymous": None,
    }


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Say loudly how many tests were skipped for want of ../shared/data (outside CI a clone not
    beside shared/ skips the real-data tests; under CI=true they fail instead)."""
    skipped = terminalreporter.stats.get("skipped", [])
    missing = [report for report in skipped if "real data folder" in str(report.longrepr)]
    if missing:
        terminalreporter.section("REAL DATA MISSING", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(missing)} tests were SKIPPED because the real data folder is missing "
            f"(see tests/shared_data.py): this run does not test linli against the real world.",
            red=True,
            bold=True,
        )
