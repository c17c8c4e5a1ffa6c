"""Copy budgeting's tracking rows to linli.tracking: the functions and the story are in
0003_shared_tracking."""

from importlib import import_module

from django.db import migrations

_shared = import_module("linli.budgeting.migrations.0003_shared_tracking")


class Migration(migrations.Migration):
    dependencies = [("budgeting", "0003_shared_tracking")]

    operations = [
        migrations.RunPython(_shared.copy_to_tracking, _shared.copy_back, elidable=False),
    ]
