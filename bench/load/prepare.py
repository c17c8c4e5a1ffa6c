"""Tokens and targets for the load scenarios, from a district made by ``linli generate_city``.

Finds, in the first ``--communities`` communities, the thing open now of each kind (the vote,
the survey, the coming meeting generate_city leaves open) and residents with an account who have
not yet voted, answered or registered there; gives each a read+write API token (through
``create_token``, as a resident would in "API tokens"); writes them as JSON for locustfile.py.

    DATABASE_URL=... PYTHONPATH=. .venv/bin/python bench/load/prepare.py --out /tmp/load.json
"""

from __future__ import annotations

import argparse
import json
import os


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--communities", type=int, default=5)
    parser.add_argument("--per-community", type=int, default=1200)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    import django

    django.setup()
    from django.utils import timezone

    from linli.core.api_tokens import create_token
    from linli.core.models import Community, Member, Role
    from linli.meetings.models import Meeting, Registration
    from linli.surveys.models import Participation, Survey
    from linli.votes.models import Vote

    now = timezone.now()
    targets = []
    for community in Community.objects.order_by("slug")[: args.communities]:
        open_votes = Vote.objects.filter(community=community, opens_at__lte=now, closes_at__gt=now)
        vote = open_votes.latest("opens_at")
        question = vote.questions.get()
        survey = Survey.objects.filter(community=community, closes_at__gt=now).latest("opens_at")
        meeting = Meeting.objects.filter(community=community, starts_at__gt=now).latest("starts_at")
        answered = Participation.objects.filter(survey=survey).values("member_id")
        registered = Registration.objects.filter(meeting=meeting).values("member_id")
        residents = (
            Member.objects.filter(community=community, role=Role.RESIDENT, user__isnull=False)
            .exclude(pk__in=answered)
            .exclude(pk__in=registered)
            .select_related("user")
            .order_by("pk")[: args.per_community]
        )
        tokens = [
            create_token(m.user, "load", scopes=("read", "write", "vote"), days=2)
            for m in residents
        ]
        targets.append(
            {
                "slug": community.slug,
                "vote": vote.pk,
                "question": question.pk,
                "options": list(question.options.values_list("pk", flat=True)),
                "survey": survey.pk,
                "meeting": meeting.pk,
                "tokens": tokens,
            }
        )
        print(f"{community.slug}: {len(tokens)} residents ready", flush=True)
    with open(args.out, "w") as out:
        json.dump(targets, out)


if __name__ == "__main__":
    main()
