"""The insights pages over a district of 50,000 households and a million ledger acts.

Builds a community of ``--households`` households (40 courtyards; tenure and language on the
residents' own answers, skewed the way a real roster is), about 1.6 residents each, population
margins, and ``--acts`` acts over two years, all with ``bulk_create``; two small neighbouring
communities of the same street office make the district. Then times, best of ``--repeat`` runs,
each insights page through Django's test client (the whole request: queries, statistics,
suppression, template) as a ratio to the baseline measured in the same run: counting the
community's acts, ``Act.objects.filter(community=...).count()``.

Pages: who took part this year (``measure/period``), the community's figures, the depth ladder
on two dates, and the district overview.

Run (SQLite file database in a scratch folder):
    PYTHONPATH=. .venv/bin/python bench/bench_insights_pages.py [--households 50000]
        [--acts 1000000] [--repeat 3]
PostgreSQL: set ``DATABASE_URL`` to a scratch database (it is migrated and filled; nothing is
deleted afterwards).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np

COURTYARDS = 40
TENURE = (["owner", "tenant", "family"], [0.55, 0.35, 0.10])
LANGUAGES = (["zh", "bo", "yi", "en"], [0.88, 0.06, 0.04, 0.02])
DEPTHS = ([1, 2, 3, 4, 5], [0.15, 0.5, 0.25, 0.07, 0.03])
METHODS = ["survey", "meeting", "vote", "comment", "proposal", "volunteering"]
CHANNELS = ["online", "in_person", "paper", "door_to_door"]
BATCH = 20_000


def setup_django(data_dir: str | None) -> str:
    data_dir = data_dir or tempfile.mkdtemp(prefix="linli-bench-insights-")
    os.environ.update(
        LINLI_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="linli.settings",
        DEBUG="1",  # static files from the finders: no collectstatic for a benchmark
        ALLOWED_HOSTS="testserver,127.0.0.1",
        LINLI_TASKS="immediate",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # DEBUG keeps every query's SQL; the pages do not need it
    call_command("migrate", verbosity=0)
    return os.environ.get("DATABASE_URL") or f"SQLite in {data_dir}"


def build_community(name: str, slug: str, households: int, acts: int, seed: int) -> Any:
    from django.utils import timezone

    from linli.core.models import Community, Demographics, Household, Member, Place
    from linli.insights.models import Margin
    from linli.participation.models import Act

    rng = np.random.default_rng(seed)
    community = Community.objects.create(
        name=name, slug=slug, district="锦江区 书院街街道", languages=["zh-hans", "en"]
    )
    areas = Place.objects.bulk_create(
        Place(community=community, kind="area", name=f"院落{i:02d}", area_type="old_courtyard")
        for i in range(COURTYARDS)
    )
    area_of = rng.integers(0, COURTYARDS, households)
    flats = Place.objects.bulk_create(
        (
            Place(community=community, parent=areas[a], kind="flat", name=f"{n}")
            for n, a in enumerate(area_of)
        ),
        batch_size=BATCH,
    )
    homes = Household.objects.bulk_create(
        (
            Household(
                community=community,
                flat=flat,
                area=areas[a],
                size=int(s),
                invitation_code=f"{seed:02d}{n:010d}",
            )
            for n, (flat, a, s) in enumerate(
                zip(flats, area_of, rng.integers(1, 4, households), strict=True)
            )
        ),
        batch_size=BATCH,
    )
    now = timezone.now()
    residents = int(households * 1.6)
    home_of = rng.integers(0, households, residents)
    members = Member.objects.bulk_create(
        (
            Member(
                community=community,
                household=homes[h],
                name=f"居民{n}",
                status="verified",
                verified_at=now,
            )
            for n, h in enumerate(home_of)
        ),
        batch_size=BATCH,
    )
    tenure = rng.choice(TENURE[0], residents, p=TENURE[1])
    language = rng.choice(LANGUAGES[0], residents, p=LANGUAGES[1])
    answered = rng.random(residents) < 0.6  # those who gave the optional facts, with consent
    Demographics.objects.bulk_create(
        (
            Demographics(
                member=members[i],
                tenure=str(tenure[i]),
                languages=[str(language[i])],
                consented_at=now,
            )
            for i in np.flatnonzero(answered)
        ),
        batch_size=BATCH,
    )
    for group, share in zip(TENURE[0], TENURE[1], strict=True):
        Margin.objects.create(
            community=community, dimension="tenure", group=group, people=int(residents * share)
        )
    for group, share in zip(LANGUAGES[0], LANGUAGES[1], strict=True):
        Margin.objects.create(
            community=community, dimension="language", group=group, people=int(residents * share)
        )
    # Tenants and Tibetan speakers act less; the active act often (a heavy tail of regulars).
    reach = np.where(tenure == "tenant", 0.4, 1.0) * np.where(language == "bo", 0.3, 1.0)
    weight = np.where(rng.random(residents) < 0.5 * reach, rng.lognormal(0, 1, residents), 0)
    who = rng.choice(residents, acts, p=weight / weight.sum())
    seconds_ago = rng.integers(0, 730 * 86400, acts)
    depth = rng.choice(DEPTHS[0], acts, p=DEPTHS[1])
    method = rng.integers(0, len(METHODS), acts)
    channel = rng.integers(0, len(CHANNELS), acts)
    # In chunks: bulk_create makes a list of whatever it is given, and a million model
    # instances at once would hold a gigabyte or two before the first row is written.
    for first in range(0, acts, BATCH):
        Act.objects.bulk_create(
            [
                Act(
                    member=members[m],
                    household=homes[home_of[m]],
                    area=areas[area_of[home_of[m]]],
                    community=community,
                    method=METHODS[method[i]],
                    channel=CHANNELS[channel[i]],
                    depth=int(depth[i]),
                    occurred_at=now - timedelta(seconds=int(seconds_ago[i])),
                    source_type="bench",
                    source_id=str(i),
                )
                for i, m in enumerate(who[first : first + BATCH], start=first)
            ]
        )
    return community


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--acts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--data-dir", help="reuse the SQLite district built by an earlier run in this folder"
    )
    args = parser.parse_args()
    database = setup_django(args.data_dir)
    from django.db import connection
    from django.test import Client

    from linli.core.models import Community, Member, Role, User
    from linli.participation.models import Act

    start = time.perf_counter()
    main_community = Community.objects.filter(slug="yinxing").first()
    if main_community is None:
        main_community = build_community("银杏社区", "yinxing", args.households, args.acts, 1)
        for number, name in enumerate(("桂溪社区", "玉林社区"), start=2):
            build_community(name, f"c{number}", args.households // 50, args.acts // 50, number)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        organiser = User.objects.create_user(email="organiser@bench.org", password="x", name="o")
        Member.objects.create(
            community=main_community,
            user=organiser,
            name="o",
            role=Role.ORGANISER,
            status="verified",
        )
        User.objects.create_superuser(email="root@bench.org", password="x", name="root")
    built = time.perf_counter() - start
    organiser = User.objects.get(email="organiser@bench.org")
    admin = User.objects.get(email="root@bench.org")
    staff, district = Client(), Client()
    staff.force_login(organiser)
    district.force_login(admin)
    slug = main_community.slug
    today = date.today()
    pages = [
        (
            "who took part this year (measure)",
            staff,
            f"/c/{slug}/insights/measure/period/?start={today.replace(month=1, day=1)}&end={today}",
        ),
        ("community figures", staff, f"/c/{slug}/insights/figures/"),
        ("depth ladder on two dates", staff, f"/c/{slug}/insights/ladder/"),
        ("district overview (3 communities)", district, f"/c/{slug}/insights/district/"),
    ]

    def count() -> int:
        return Act.objects.filter(community=main_community).count()

    baseline = best(count, args.repeat)
    print(f"database: {connection.vendor} ({database}); built in {built:.0f} s")
    print(
        f"households: {main_community.households.count()}, "
        f"residents: {main_community.members.count()}, "
        f"acts: {count()} (and two neighbours of a fiftieth each)"
    )
    print(f"{'baseline: count the acts':44s} {baseline:8.3f} s {1:8.0f}x")
    for label, client, url in pages:

        def get(client: Client = client, url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        seconds = best(get, args.repeat)
        print(f"{label:44s} {seconds:8.3f} s {seconds / baseline:8.0f}x")


if __name__ == "__main__":
    main()
