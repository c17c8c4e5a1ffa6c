"""Drop reviews's own team, photo and milestone tables, now copied to linli.tracking (0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reviews", "0007_copy_to_tracking")]

    operations = [
        migrations.DeleteModel(name="Milestone"),
        migrations.DeleteModel(name="Photo"),
        migrations.DeleteModel(name="TeamMember"),
    ]
