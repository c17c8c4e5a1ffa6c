"""API tokens get scopes and an expiry (issue 15).

Tokens made before scopes existed could do everything their owner could, so they keep read, write
and vote (a script must not break at upgrade), but they expire 90 days after the upgrade, like a
new token made with the default lifetime; their owners are expected to replace them with narrower
ones before then."""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def keep_old_tokens_working_for_a_while(apps, schema_editor):
    ApiToken = apps.get_model("core", "ApiToken")
    ApiToken.objects.update(
        scopes=["read", "write", "vote"], expires_at=timezone.now() + timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_email_unique_ignoring_case"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(default=list, verbose_name="what the token may do"),
        ),
        migrations.RunPython(keep_old_tokens_working_for_a_while, migrations.RunPython.noop),
    ]
