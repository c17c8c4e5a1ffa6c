"""The cost of mixing a vote's ballot box, which every ballot cast pays (issue 23).

Every ballot rewrites ballots of the open vote in a random order with new keys in its own
transaction (docs/security.md: storage order must not follow the roll). Three ways, in the same
run and on the same rows:

- Python: how it was done first - load every ballot into Python, shuffle, delete,
  ``bulk_create`` them again;
- whole box (SQL): ``votes.services.mix_box(vote)``, the whole box copied inside the database,
  which every ballot paid until bounded mixing;
- bounded (now): ``mix_box(vote, fresh=[the ballot])``, the ballot and a random sample of
  ``MIX_SAMPLE`` others (256).

Each line is the best of ``--repeat`` runs of one mix at the given box size, inside a transaction
that is rolled back (so the COMMIT, which writes the rewritten rows' WAL, is not in the times).

    PYTHONPATH=. .venv/bin/python bench/bench_mix_box.py [--sizes 1000,5000,20000] [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/linli_bench_mix PYTHONPATH=. ...

On PostgreSQL the scratch database named in DATABASE_URL is dropped and created afresh.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta


def recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def python_mix(vote) -> None:  # type: ignore[no-untyped-def]
    """The mix as it was before: every row through Python (kept here as the baseline)."""
    from linli.votes.models import Ballot

    rows = list(Ballot.objects.filter(vote=vote).values("channel", "choices", "replace_hash"))
    random.SystemRandom().shuffle(rows)
    Ballot.objects.filter(vote=vote).delete()
    Ballot.objects.bulk_create(Ballot(vote=vote, **row) for row in rows)


def best_of(repeat: int, action: Callable[[], object]) -> float:
    from django.db import connection, transaction

    if connection.vendor == "postgresql":  # the rolled-back rewrites left dead rows: clear them
        with connection.cursor() as cursor:
            cursor.execute("VACUUM votes_ballot")
    times = []
    for _ in range(repeat):
        with transaction.atomic():
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
            transaction.set_rollback(True)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--no-python", dest="python", action="store_false", help="skip the Python column"
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        recreate_postgres(url)
    os.environ.update(
        LINLI_DATA_DIR=tempfile.mkdtemp(),
        DJANGO_SETTINGS_MODULE="linli.settings",
        LINLI_TASKS="immediate",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from linli.core.models import Community, Member, Role, User
    from linli.votes import services
    from linli.votes.models import Ballot, Channel
    from linli.votes.services import ballots

    call_command("migrate", verbosity=0)
    community = Community.objects.create(name="基准社区", slug="bench-mix", languages=["zh-hans"])
    organiser = User.objects.create_user(email="org@bench.org", password="x", name="org")
    Member.objects.create(
        community=community, user=organiser, name="org", role=Role.ORGANISER, status="verified"
    )
    now = timezone.now()
    vote = services.create_vote(
        organiser, community, title="基准", opens_at=now, closes_at=now + timedelta(days=7)
    )
    print(
        f"database: {connection.vendor}; best of {args.repeat}; "
        f"MIX_SAMPLE {ballots.MIX_SAMPLE}; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'ballots in the box':>20} {'Python':>9} {'whole box (SQL)':>16} "
        f"{'bounded (now)':>14} {'bounded / whole':>16}"
    )
    cast = 0
    for size in [int(s) for s in args.sizes.split(",")]:
        Ballot.objects.bulk_create(
            Ballot(
                vote=vote,
                channel=Channel.ONLINE,
                choices={"1": random.randrange(4), "2": [random.randrange(9)]},
                replace_hash=f"{random.getrandbits(256):064x}",
            )
            for _ in range(size - cast)
        )
        cast = size
        python = best_of(args.repeat, lambda: python_mix(vote)) if args.python else float("nan")
        whole = best_of(args.repeat, lambda: services.mix_box(vote))
        one = Ballot.objects.filter(vote=vote).values_list("pk", flat=True).first()
        bounded = best_of(args.repeat, lambda one=one: services.mix_box(vote, fresh=[one]))
        print(
            f"{size:>20,} {python:>7.3f} s {whole:>14.4f} s {bounded:>12.4f} s "
            f"{bounded / whole:>15.3f}x"
        )


if __name__ == "__main__":
    main()
