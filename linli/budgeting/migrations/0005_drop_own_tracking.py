"""Drop budgeting's own tracking tables, now copied to linli.tracking (0004)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("budgeting", "0004_copy_to_tracking")]

    operations = [
        migrations.RemoveField(model_name="update", name="amount"),
        migrations.RemoveField(model_name="idea", name="team"),
        migrations.DeleteModel(name="Spending"),
        migrations.DeleteModel(name="Milestone"),
    ]
