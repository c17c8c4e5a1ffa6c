"""The two district-size costs of the page sweep (bench/RESULTS.md, "The district measured"),
the old way against the new in one process: the member picker over 5,000 verified members (the
organiser's budget project page renders two), and the depth ladder's count by courtyard.

Builds one community of ``--members`` verified members in 5 courtyards (50 households) and
``--acts`` ledger acts over two years with ``bulk_create``, then times, best of ``--repeat``:

- baseline: counting the community's members;
- the two pickers written the old way (Django's own Select and CheckboxSelectMultiple
  templates, one per option, every member listed) and the new (one pass from rows, those chosen
  and 300 more), with the bytes each writes;
- the ladder's published tables, courtyards labelled per resident in Python (the old way,
  ``tests/insights/test_ladder_courtyards_by_key._reference``) against ``community_ladder``.

Run (SQLite in a scratch folder; or set DATABASE_URL to a scratch PostgreSQL database):
    PYTHONPATH=. .venv/bin/python bench/bench_district_pages.py [--members 5000]
        [--acts 200000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bench_insights_pages import setup_django


def best(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def build(members: int, acts: int) -> Any:
    import numpy as np

    from linli.core.models import Community, Household, Member, Place
    from linli.participation.models import Act

    community = Community.objects.create(name="银杏", slug=f"district-{time.time_ns()}")
    homes = []
    for yard in ("银杏院", "梧桐院", "枫杨院", "香樟院", "海棠院"):
        area = Place.objects.create(community=community, name=yard, area_type="old_courtyard")
        for b in range(1, 11):
            building = Place.objects.create(community=community, name=f"{b}栋", parent=area)
            unit = Place.objects.create(community=community, name="1单元", parent=building)
            flat = Place.objects.create(community=community, name="101", parent=unit)
            homes.append(Household.objects.create(community=community, flat=flat, area=area))
    Member.objects.bulk_create(
        Member(
            community=community,
            name=f"居民{i:05d}",
            household=homes[i % len(homes)],
            status=Member.Status.VERIFIED,
        )
        for i in range(members)
    )
    people = list(Member.objects.filter(community=community).values_list("pk", flat=True))
    rng = np.random.default_rng(23)
    start = datetime(2024, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    who = rng.choice(people, acts)
    depth = rng.choice([1, 2, 3, 4, 5], acts, p=[0.15, 0.5, 0.25, 0.07, 0.03])
    minutes = rng.integers(0, 2 * 365 * 24 * 60, acts)
    for chunk in range(0, acts, 20_000):
        Act.objects.bulk_create(
            Act(
                member_id=int(who[i]),
                community=community,
                method="meeting",
                channel="in_person",
                depth=int(depth[i]),
                occurred_at=start + timedelta(minutes=int(minutes[i])),
                source_type="bench",
                source_id=str(i),
            )
            for i in range(chunk, min(chunk + 20_000, acts))
        )
    return community


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--acts", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir")
    args = parser.parse_args()
    print("database:", setup_django(args.data_dir))

    from django import forms
    from django.utils import translation

    from linli.core.fields import MemberField, MembersField
    from linli.core.models import Member
    from linli.insights import ladder, queries
    from tests.insights.test_ladder_courtyards_by_key import _reference

    def old_ladder() -> dict[str, Any]:
        rows = queries.ladder_rows(community, before, after)
        result = ladder.ladder(rows, before, after, members=verified_keys())
        return {
            "transitions": ladder.publish_transitions(result),
            "by_courtyard": _reference(community, before, after),
            "cohorts": ladder.publish_table(ladder.cohorts(result)),
        }

    def verified_keys() -> list[int]:
        verified = Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        return list(verified.values_list("pk", flat=True))

    translation.activate("zh-hans")
    started = time.perf_counter()
    community = build(args.members, args.acts)
    print(
        f"members: {args.members}, acts: {args.acts}; built in {time.perf_counter() - started:.0f} s"
    )

    def picker_form(old: bool) -> forms.Form:
        form = forms.Form()
        one = {"widget": forms.Select} if old else {}
        some = {"widget": forms.CheckboxSelectMultiple} if old else {}
        form.fields["owner"] = MemberField(community=community, required=False, **one)
        form.fields["team"] = MembersField(community=community, required=False, **some)
        return form

    def render(old: bool) -> int:
        form = picker_form(old)
        return len((str(form["owner"]) + str(form["team"])).encode())

    before, after = date(2025, 6, 30), date(2025, 12, 31)
    rows: list[tuple[str, float, str]] = []
    base, _ = best(args.repeat, lambda: Member.objects.filter(community=community).count())
    rows.append(("baseline: count the members", base, ""))
    for name, old in (("old", True), ("new", False)):
        took, size = best(args.repeat, lambda old=old: render(old))
        rows.append((f"{name}: two member pickers", took, f"{size:,} bytes"))
    # The old way: as community_ladder was (the courtyard table is _reference's, which reads
    # the ledger's rows once more: left out of the time, as the old page did not).
    took_old, old = best(args.repeat, old_ladder)
    ref_took, _ = best(args.repeat, lambda: queries.ladder_rows(community, before, after))
    took_old -= ref_took
    rows.append(("old: ladder, courtyard labelled in Python", took_old, ""))
    took_new, new = best(args.repeat, lambda: queries.community_ladder(community, before, after))
    rows.append(("new: ladder, courtyard keys", took_new, f"same tables: {new == old}"))
    for name, took, note in rows:
        print(f"{name:44} {took:8.3f} s {took / base:8.0f}x  {note}")


if __name__ == "__main__":
    main()
