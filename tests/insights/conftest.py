"""Shared readers for the published weighting cases in ``../shared/data/survey_weighting``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.shared_data import shared_data


@pytest.fixture
def weighting_data() -> Path:
    return shared_data("survey_weighting")


@pytest.fixture
def kalton_rows(weighting_data: Path) -> list[dict[str, Any]]:
    with (weighting_data / "kalton_flores_cervantes_2003.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def apiclus1(weighting_data: Path) -> list[dict[str, Any]]:
    with (weighting_data / "apiclus1.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


# --- a community for the insights pages -------------------------------------------------------


@dataclass
class FairWorld:
    """梧桐院 (owners, Mandarin) takes part well; 橡树湾 (tenants, some Tibetan speakers) does not."""

    community: Any
    project: Any
    wutong: list[Any]  # households
    xiangshu: list[Any]
    members: dict[int, Any]  # household id -> member
    organiser: Any


def take_part(world: FairWorld, households: list[Any], source: str = "test") -> None:
    from linli.participation.models import Act

    for household in households:
        member = world.members[household.pk]
        Act.objects.get_or_create(
            member=member,
            method="survey",
            source_type=source,
            source_id=str(household.pk),
            defaults={
                "household": household,
                "area": household.area,
                "community": world.community,
                "project": world.project,
                "channel": "online",
                "depth": 2,
            },
        )


@pytest.fixture
def fair_world(community: Any, organiser: Any) -> FairWorld:
    from django.utils import timezone

    from linli.core.models import Demographics, Household, Member, Place
    from linli.core.services import place_path
    from linli.engagement.models import Project
    from linli.insights.models import Margin

    now = timezone.now()
    project = Project.objects.create(
        community=community, title="院落微更新", slug="weigengxin", status=Project.Status.OPEN
    )
    world = FairWorld(community, project, [], [], {}, organiser)
    for area, kind, target, tenure in (
        ("梧桐院", Place.AreaType.OLD_COURTYARD, world.wutong, "owner"),
        ("橡树湾", Place.AreaType.COMMERCIAL, world.xiangshu, "tenant"),
    ):
        for number in range(20):
            flat = place_path(community, [area, "2栋", "1单元", f"{number + 101}"], kind)
            household = Household.objects.create(
                community=community, flat=flat, area=flat.area, size=2, contact_phone="=1+1"
            )
            member = Member.objects.create(
                community=community,
                household=household,
                name=f"{area}{number}",
                status=Member.Status.VERIFIED,
                verified_at=now,
                email=f"{number}@{flat.area.pk}.example.org",
                language="en" if number % 2 else "zh-hans",
            )
            tibetan = tenure == "tenant" and number < 8
            Demographics.objects.create(
                member=member,
                tenure=tenure,
                languages=["bo", "zh"] if tibetan else ["zh"],
                consented_at=now,
            )
            target.append(household)
            world.members[household.pk] = member
    wutong_area = world.wutong[0].area
    xiangshu_area = world.xiangshu[0].area
    for area, group, people in (
        (wutong_area, "owner", 40),
        (wutong_area, "tenant", 10),
        (xiangshu_area, "owner", 10),
        (xiangshu_area, "tenant", 60),
    ):
        Margin.objects.create(
            community=community, area=area, dimension="tenure", group=group, people=people
        )
    for group, people in (("zh", 80), ("bo", 30)):
        Margin.objects.create(community=community, dimension="language", group=group, people=people)
    take_part(world, world.wutong[:12])
    take_part(world, world.xiangshu[12:17])  # five tenants, none of them Tibetan-speaking
    return world
