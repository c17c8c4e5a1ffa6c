"""Where the time of casting a ballot over the API goes: ``--ballots`` residents who have not
voted cast one each through Django's test client (in process, no server), under cProfile; prints
the functions by cumulative time (``SORT=tottime`` for time spent in each function itself;
``TOP=N`` rows, 35 by default) and the queries per ballot.

    DATABASE_URL=... PYTHONPATH=. .venv/bin/python bench/load/profile_vote.py [--ballots 40]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=40)
    parser.add_argument("--community", default="c03")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from linli.core.api_tokens import create_token
    from linli.core.models import Member, Role
    from linli.votes.models import RollEntry, Vote

    now = timezone.now()
    vote = Vote.objects.filter(
        community__slug=args.community, opens_at__lte=now, closes_at__gt=now
    ).latest("opens_at")
    question = vote.questions.get()
    option = question.options.first()
    assert option is not None
    voted = RollEntry.objects.filter(vote=vote).values("member_id")
    residents = Member.objects.filter(
        community=vote.community, role=Role.RESIDENT, user__isnull=False
    ).exclude(pk__in=voted)[: args.ballots + 1]
    tokens = [create_token(m.user, "profile", scopes=("read", "write", "vote")) for m in residents]
    client = Client()
    url = f"/api/communities/{args.community}/votes/{vote.pk}/ballot"
    body = json.dumps({"answers": {str(question.pk): [option.pk]}})

    def cast(token: str) -> int:
        response = client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        return response.status_code

    assert cast(tokens[0]) == 200  # warm: imports, first connection
    with CaptureQueriesContext(connection) as queries:
        assert cast(tokens[1]) == 200
    print(f"queries for one ballot: {len(queries)}")
    for query in queries.captured_queries:
        print("  ", query["sql"][:150])
    profile = cProfile.Profile()
    profile.enable()
    statuses = [cast(t) for t in tokens[2:]]
    profile.disable()
    print(f"ballots: {len(statuses)}, statuses: {sorted(set(statuses))}")
    pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
        int(os.environ.get("TOP", "35"))
    )


if __name__ == "__main__":
    main()
