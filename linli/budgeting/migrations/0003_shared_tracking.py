"""A funded idea's team, milestones and spending move to the shared funded-project tracking
(linli.tracking), losing nothing: every row is copied (receipts keep their stored names), the
team as named (the organisers recorded it), and money paid - spending and its public update
lines, Decimal yuan with fen here - becomes integer fen, the one rule for money paid on a receipt
(docs/decisions.md, "Money"). Nothing is rounded: Decimal(12, 2) times 100 is a whole number."""

from decimal import Decimal

from django.db import migrations, models
from django.utils import timezone


def _fen(amount):
    return int((Decimal(amount) * 100).to_integral_value())


def copy_to_tracking(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Idea = apps.get_model("budgeting", "Idea")
    OldMilestone = apps.get_model("budgeting", "Milestone")
    OldSpending = apps.get_model("budgeting", "Spending")
    Update = apps.get_model("budgeting", "Update")
    Project = apps.get_model("tracking", "FundedProject")
    TeamMember = apps.get_model("tracking", "TeamMember")
    Milestone = apps.get_model("tracking", "Milestone")
    Spending = apps.get_model("tracking", "Spending")
    kind, _created = ContentType.objects.get_or_create(app_label="budgeting", model="idea")
    projects: dict[int, object] = {}

    def project(idea):
        if idea.pk not in projects:
            projects[idea.pk], _new = Project.objects.get_or_create(
                source_type=kind,
                source_id=idea.pk,
                defaults={"community_id": idea.process.community_id, "created_at": idea.created_at},
            )
        return projects[idea.pk]

    now = timezone.now()
    for idea in Idea.objects.select_related("process").order_by("pk"):
        for member in idea.team.order_by("pk"):
            TeamMember.objects.create(
                project=project(idea), member=member, consented_at=now, added_at=now
            )
    for old in OldMilestone.objects.select_related("idea__process").order_by("pk"):
        Milestone.objects.create(
            project=project(old.idea), title=old.title, due=old.due, done_on=old.done_on
        )
    for old in OldSpending.objects.select_related("idea__process").order_by("pk"):
        Spending.objects.create(
            project=project(old.idea),
            what=old.what,
            amount_fen=_fen(old.amount),
            spent_on=old.spent_on,
            receipt=old.receipt.name or "",
            recorded_by_id=old.recorded_by_id,
            recorded_at=old.recorded_at,
        )
    for update in Update.objects.filter(amount__isnull=False):
        update.amount_fen = _fen(update.amount)
        update.save(update_fields=["amount_fen"])


def copy_back(apps, schema_editor):
    """Back to budgeting's own tables (Decimal yuan to the fen: nothing is lost)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Idea = apps.get_model("budgeting", "Idea")
    OldMilestone = apps.get_model("budgeting", "Milestone")
    OldSpending = apps.get_model("budgeting", "Spending")
    Update = apps.get_model("budgeting", "Update")
    Project = apps.get_model("tracking", "FundedProject")
    for update in Update.objects.filter(amount_fen__isnull=False):
        update.amount = Decimal(update.amount_fen) / 100
        update.save(update_fields=["amount"])
    kind = ContentType.objects.filter(app_label="budgeting", model="idea").first()
    if kind is None:
        return
    for project in Project.objects.filter(source_type=kind).order_by("pk"):
        idea = Idea.objects.get(pk=project.source_id)
        idea.team.add(*[entry.member_id for entry in project.team.order_by("pk")])
        for milestone in project.milestones.order_by("pk"):
            OldMilestone.objects.create(
                idea=idea, title=milestone.title, due=milestone.due, done_on=milestone.done_on
            )
        for line in project.spending.order_by("pk"):
            OldSpending.objects.create(
                idea=idea,
                amount=Decimal(line.amount_fen) / 100,
                what=line.what,
                spent_on=line.spent_on,
                receipt=line.receipt.name or "",
                recorded_by_id=line.recorded_by_id,
            )
    Project.objects.filter(source_type=kind).delete()



# PostgreSQL cannot alter a table with rows written earlier in the same transaction (deferred
# foreign-key checks), so the schema changes, the copy and the drop are three migrations.
class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0002_random_file_names"),
        ("tracking", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="update",
            name="amount_fen",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
    ]
