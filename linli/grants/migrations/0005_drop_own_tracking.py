"""Drop grants's own tracking tables, now copied to linli.tracking (0004)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("grants", "0004_copy_to_tracking")]

    operations = [
        migrations.RemoveField(model_name="report", name="milestone"),
        migrations.DeleteModel(name="Spending"),
        migrations.DeleteModel(name="Milestone"),
        migrations.DeleteModel(name="TeamMember"),
        migrations.DeleteModel(name="Photo"),
        migrations.RenameField(
            model_name="report", old_name="shared_milestone", new_name="milestone"
        ),
        migrations.AlterField(
            model_name="report",
            name="milestone",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reports",
                to="tracking.milestone",
                verbose_name="milestone",
            ),
        ),
    ]
