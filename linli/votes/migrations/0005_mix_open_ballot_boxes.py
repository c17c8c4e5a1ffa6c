"""Ballot boxes written before every ballot rewrote its box still hold the casting order: mix
each unsealed box once (same ballots, same contents, new random keys and order). Sealed boxes
were mixed at close already."""

import random
import uuid

from django.db import migrations


def mix_unsealed_boxes(apps, schema_editor):  # type: ignore[no-untyped-def]
    Vote = apps.get_model("votes", "Vote")
    Ballot = apps.get_model("votes", "Ballot")
    rng = random.SystemRandom()
    for vote_id in Vote.objects.filter(sealed_at__isnull=True).values_list("pk", flat=True):
        rows = list(
            Ballot.objects.filter(vote_id=vote_id).values("channel", "choices", "replace_hash")
        )
        if not rows:
            continue
        rng.shuffle(rows)
        Ballot.objects.filter(vote_id=vote_id).delete()
        Ballot.objects.bulk_create(Ballot(id=uuid.uuid4(), vote_id=vote_id, **row) for row in rows)


class Migration(migrations.Migration):
    dependencies = [("votes", "0004_officers_and_results_at_close")]

    operations = [migrations.RunPython(mix_unsealed_boxes, migrations.RunPython.noop)]
