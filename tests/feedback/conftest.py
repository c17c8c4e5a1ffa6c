"""Places and helpers for the feedback tests, in the fixture community (梧桐社区)."""

from __future__ import annotations

import pytest

from linli.core.models import Community, Household, Place, User
from linli.feedback import services
from linli.feedback.models import Category
from tests.conftest import make_household, make_person


@pytest.fixture
def wutong(community: Community, household: Household) -> Place:
    """The 梧桐院 courtyard (the fixture household's)."""
    return household.area


@pytest.fixture
def neighbour(community: Community) -> User:
    """A resident of another household in 梧桐院."""
    return make_person(
        community,
        "neighbour@test.org",
        household=make_household(community, ["梧桐院", "2栋", "1单元", "201"]),
    )


@pytest.fixture
def yinxing_resident(community: Community) -> User:
    """A resident of 银杏院, another courtyard."""
    return make_person(
        community,
        "yinxing@test.org",
        household=make_household(community, ["银杏院", "1栋", "1单元", "101"]),
    )


def rain(
    text: str = "下雨后院坝积水，出门要蹚水", place: Place | None = None
) -> services.ReportInput:
    return services.ReportInput(category=Category.DRAINAGE, text=text, place=place)
