"""``generate_city``: a whole district, community by community, each in one transaction."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from linli.core.models import Community

from . import activity, budgets, consultations, contests, gatherings, grants, people, plan


class NotEmpty(Exception):
    """The database already has communities: a city is generated into an empty one only."""


def generate(
    communities: int,
    households: int,
    seed: int = 23,
    rates: plan.Rates | None = None,
    say: Callable[[str], None] = print,
    sizes: list[int] | None = None,
) -> dict[str, int]:
    """Generate ``communities`` communities sharing ``households`` households; returns counts.

    ``sizes`` gives each community's households instead (tests compare a small community with
    a larger one generated alike)."""
    if Community.objects.exists():
        raise NotEmpty("the database already has communities")
    rates = rates or plan.Rates()
    rng = random.Random(seed)
    # Whole minutes, so a run generated twice with the same seed differs only by when it ran.
    now = timezone.now().replace(second=0, microsecond=0)
    staff, password = people.accounts()
    totals: dict[str, int] = {}
    started = time.monotonic()
    for index, count in enumerate(sizes or plan.split(households, communities)):
        tick = time.monotonic()
        with transaction.atomic():
            town = people.build_community(index, count, rng, rates, staff, password, now)
            ledger = activity.Ledger(town)
            projects = activity.projects(town, now)
            made = {
                "households": len({m.household_id for m in town.residents}),
                "members": len(town.residents),
                "survey responses": consultations.surveys(town, rng, rates, now, projects, ledger),
                "ballots": consultations.votes(town, rng, rates, now, projects, ledger),
                "opinion votes": consultations.conversations(
                    town, rng, rates, now, projects, ledger
                ),
                "meeting registrations": gatherings.meetings(
                    town, rng, rates, now, projects, ledger
                ),
                "volunteer hours": gatherings.volunteering(town, rng, rates, now, ledger),
                "proposals": gatherings.proposals(town, rng, rates, now, ledger),
                "loans": gatherings.sharing(town, rng, rates, now, ledger),
                "budget ballots": budgets.budgets(town, rng, rates, now, projects, ledger),
                "grant applications": grants.grants(town, rng, rates, now, projects, ledger),
                # A random stream of its own: adding contests left every other module's
                # generated data as it was (the query-count comparison relies on those).
                "contest applications": contests.contests(
                    town, random.Random(f"contests-{seed}-{index}"), rates, now, projects, ledger
                ),
            }
            ledger.flush()
            made["acts"] = ledger.written
        for key, value in made.items():
            totals[key] = totals.get(key, 0) + value
        say(
            f"{town.community.slug} {town.community.name}: "
            + ", ".join(f"{v:,} {k}" for k, v in made.items())
            + f" ({time.monotonic() - tick:.1f} s; {index + 1}/{communities} done,"
            f" {time.monotonic() - started:.0f} s so far)"
        )
    return totals
