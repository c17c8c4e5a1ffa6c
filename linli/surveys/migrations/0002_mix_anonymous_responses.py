"""Anonymous responses written before every response rewrote its survey's responses still hold
the order they came in, their own day and the officer who typed them in: give each the survey's
opening day, drop the officer, and mix each anonymous survey's responses and answers once (same
answers, new random keys and order)."""

import random
import uuid

from django.db import migrations
from django.utils import timezone


def mix_anonymous_surveys(apps, schema_editor):  # type: ignore[no-untyped-def]
    Survey = apps.get_model("surveys", "Survey")
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    rng = random.SystemRandom()
    for survey in Survey.objects.filter(mode="anonymous"):
        responses = list(Response.objects.filter(survey=survey))
        if not responses:
            continue
        answers = list(Answer.objects.filter(response__survey=survey))
        opening_day = timezone.localtime(survey.opens_at).date()
        rng.shuffle(responses)
        new_ids = {r.pk: uuid.uuid4() for r in responses}
        Response.objects.filter(survey=survey).delete()
        for response in responses:
            response.pk = new_ids[response.pk]
            response.submitted_on = opening_day
            response.entered_by_id = None
        Response.objects.bulk_create(responses)
        rng.shuffle(answers)
        for answer in answers:
            answer.pk = None
            answer.response_id = new_ids[answer.response_id]
        Answer.objects.bulk_create(answers)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(mix_anonymous_surveys, migrations.RunPython.noop)]
