"""Projects made before the equity plan existed get its six items, all "not yet"."""

from django.db import migrations

TOPICS = ["languages", "access", "support", "times", "left_out", "trust"]


def add_items(apps, schema_editor):
    Project = apps.get_model("engagement", "Project")
    EquityItem = apps.get_model("engagement", "EquityItem")
    for project in Project.objects.all():
        have = set(EquityItem.objects.filter(project=project).values_list("topic", flat=True))
        EquityItem.objects.bulk_create(
            EquityItem(project=project, topic=topic) for topic in TOPICS if topic not in have
        )


class Migration(migrations.Migration):
    dependencies = [("engagement", "0002_project_plan_phases_equity_report_backs_lessons")]

    operations = [migrations.RunPython(add_items, migrations.RunPython.noop)]
