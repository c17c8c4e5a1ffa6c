"""A grant's team, photos, milestones and spending move to the shared funded-project tracking
(linli.tracking), losing nothing: every row is copied (files keep their stored names), reports
point at the copied milestones and spending lines, and spending (whole yuan here) becomes integer
fen, the one rule for money paid on a receipt (docs/decisions.md, "Money")."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def copy_to_tracking(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Application = apps.get_model("grants", "Application")
    Report = apps.get_model("grants", "Report")
    OldTeam = apps.get_model("grants", "TeamMember")
    OldPhoto = apps.get_model("grants", "Photo")
    OldMilestone = apps.get_model("grants", "Milestone")
    OldSpending = apps.get_model("grants", "Spending")
    Project = apps.get_model("tracking", "FundedProject")
    TeamMember = apps.get_model("tracking", "TeamMember")
    Photo = apps.get_model("tracking", "Photo")
    Milestone = apps.get_model("tracking", "Milestone")
    Spending = apps.get_model("tracking", "Spending")
    kind, _created = ContentType.objects.get_or_create(app_label="grants", model="application")
    projects: dict[int, object] = {}

    def project(application_id):
        if application_id not in projects:
            application = Application.objects.select_related("call").get(pk=application_id)
            projects[application_id], _new = Project.objects.get_or_create(
                source_type=kind,
                source_id=application_id,
                defaults={
                    "community_id": application.call.community_id,
                    "created_at": application.created_at,
                },
            )
        return projects[application_id]

    for old in OldTeam.objects.order_by("pk"):
        TeamMember.objects.create(
            project=project(old.application_id),
            member_id=old.member_id,
            task=old.task,
            consented_at=old.consented_at,
        )
    for old in OldPhoto.objects.order_by("pk"):
        Photo.objects.create(
            project=project(old.application_id), image=old.image.name, caption=old.caption
        )
    moved: dict[int, int] = {}
    for old in OldMilestone.objects.order_by("pk"):
        moved[old.pk] = Milestone.objects.create(
            project=project(old.application_id), title=old.title, due=old.due
        ).pk
    for report in Report.objects.filter(milestone__isnull=False):
        report.shared_milestone_id = moved[report.milestone_id]
        report.save(update_fields=["shared_milestone"])
    for old in OldSpending.objects.select_related("report").order_by("pk"):
        report = old.report
        entry = Spending.objects.create(
            project=project(report.application_id),
            category=old.category,
            what=old.item,
            amount_fen=old.amount * 100,
            spent_on=timezone.localtime(report.submitted_at).date(),
            receipt=old.receipt.name or "",
            recorded_at=report.submitted_at,
        )
        report.spending_lines.add(entry)


def copy_back(apps, schema_editor):
    """Back to the grant's own tables (spending lines were whole yuan here: fen are rounded)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Report = apps.get_model("grants", "Report")
    OldTeam = apps.get_model("grants", "TeamMember")
    OldPhoto = apps.get_model("grants", "Photo")
    OldMilestone = apps.get_model("grants", "Milestone")
    OldSpending = apps.get_model("grants", "Spending")
    Project = apps.get_model("tracking", "FundedProject")
    kind = ContentType.objects.filter(app_label="grants", model="application").first()
    if kind is None:
        return
    moved: dict[int, int] = {}
    for project in Project.objects.filter(source_type=kind).order_by("pk"):
        application_id = project.source_id
        for entry in project.team.order_by("pk"):
            OldTeam.objects.create(
                application_id=application_id,
                member_id=entry.member_id,
                task=entry.task,
                consented_at=entry.consented_at,
            )
        for photo in project.photos.order_by("pk"):
            OldPhoto.objects.create(
                application_id=application_id, image=photo.image.name, caption=photo.caption
            )
        for milestone in project.milestones.order_by("pk"):
            moved[milestone.pk] = OldMilestone.objects.create(
                application_id=application_id, title=milestone.title, due=milestone.due
            ).pk
        for line in project.spending.order_by("pk"):
            report = line.grant_reports.first()
            if report is not None:
                OldSpending.objects.create(
                    report=report,
                    category=line.category or "other",
                    item=line.what[:150],
                    amount=max(1, (line.amount_fen + 50) // 100),
                    receipt=line.receipt.name or "",
                )
    for report in Report.objects.filter(shared_milestone__isnull=False):
        report.milestone_id = moved.get(report.shared_milestone_id)
        report.save(update_fields=["milestone"])
    Project.objects.filter(source_type=kind).delete()



# PostgreSQL cannot alter a table with rows written earlier in the same transaction (deferred
# foreign-key checks), so the schema changes, the copy and the drop are three migrations.
class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0002_random_file_names"),
        ("tracking", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="shared_milestone",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="tracking.milestone",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="spending_lines",
            field=models.ManyToManyField(
                blank=True, related_name="grant_reports", to="tracking.spending"
            ),
        ),
    ]
