"""A contest application's team, photos and milestones (payment stages) move to the shared
funded-project tracking (linli.tracking), losing no row: people without an account keep their
name, agreement to be named becomes the time it was given (the application's, as nobody noted
when), photos keep before/after and their stored file names, and a milestone keeps its amount
(whole yuan, planned money), its evidence and who released it (their account). The day funds
were released is kept; the hour was never shown and is not (docs/decisions.md)."""

from datetime import datetime, time

from django.db import migrations
from django.utils import timezone


def copy_to_tracking(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Application = apps.get_model("reviews", "Application")
    OldTeam = apps.get_model("reviews", "TeamMember")
    OldPhoto = apps.get_model("reviews", "Photo")
    OldMilestone = apps.get_model("reviews", "Milestone")
    Project = apps.get_model("tracking", "FundedProject")
    TeamMember = apps.get_model("tracking", "TeamMember")
    Photo = apps.get_model("tracking", "Photo")
    Milestone = apps.get_model("tracking", "Milestone")
    kind, _created = ContentType.objects.get_or_create(app_label="reviews", model="application")
    projects: dict[int, object] = {}
    applications: dict[int, object] = {}

    def application(pk):
        if pk not in applications:
            applications[pk] = Application.objects.select_related("contest").get(pk=pk)
        return applications[pk]

    def project(pk):
        if pk not in projects:
            found = application(pk)
            projects[pk], _new = Project.objects.get_or_create(
                source_type=kind,
                source_id=pk,
                defaults={
                    "community_id": found.contest.community_id,
                    "created_at": found.submitted_at,
                },
            )
        return projects[pk]

    for old in OldTeam.objects.select_related("member").order_by("pk"):
        where = project(old.application_id)
        member_id = old.member_id
        if member_id and TeamMember.objects.filter(project=where, member_id=member_id).exists():
            member_id = None  # the same resident twice: the second row keeps the name only
        submitted = application(old.application_id).submitted_at
        TeamMember.objects.create(
            project=where,
            member_id=member_id,
            name=old.name or (old.member.name if old.member_id else "-"),
            task=old.role,
            consented_at=submitted if old.credit_consent else None,
            added_at=submitted,
        )
    for old in OldPhoto.objects.order_by("pk"):
        Photo.objects.create(
            project=project(old.application_id),
            kind=old.kind,
            image=old.image.name,
            caption=old.caption,
            added_at=old.added_at,
        )
    for old in OldMilestone.objects.select_related("released_by").order_by("pk"):
        released = old.released_at
        Milestone.objects.create(
            project=project(old.application_id),
            title=old.title,
            amount=int(old.amount),
            evidence=old.evidence,
            done_on=timezone.localtime(released).date() if released else None,
            done_by_id=old.released_by.user_id if old.released_by_id else None,
        )


def copy_back(apps, schema_editor):
    """Back to the application's own tables (a release is put at noon of its day)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Member = apps.get_model("core", "Member")
    OldTeam = apps.get_model("reviews", "TeamMember")
    OldPhoto = apps.get_model("reviews", "Photo")
    OldMilestone = apps.get_model("reviews", "Milestone")
    Project = apps.get_model("tracking", "FundedProject")
    kind = ContentType.objects.filter(app_label="reviews", model="application").first()
    if kind is None:
        return
    for project in Project.objects.filter(source_type=kind).order_by("pk"):
        application_id = project.source_id
        for entry in project.team.select_related("member").order_by("added_at", "pk"):
            OldTeam.objects.create(
                application_id=application_id,
                member_id=entry.member_id,
                name=(entry.name or (entry.member.name if entry.member_id else ""))[:80],
                role=entry.task,
                credit_consent=entry.consented_at is not None,
            )
        for photo in project.photos.order_by("added_at", "pk"):
            copy = OldPhoto.objects.create(
                application_id=application_id,
                kind=photo.kind or "before",
                image=photo.image.name,
                caption=photo.caption,
            )
            OldPhoto.objects.filter(pk=copy.pk).update(added_at=photo.added_at)
        for milestone in project.milestones.order_by("pk"):
            by = (
                Member.objects.filter(
                    user_id=milestone.done_by_id, community_id=project.community_id
                ).first()
                if milestone.done_by_id
                else None
            )
            OldMilestone.objects.create(
                application_id=application_id,
                title=milestone.title,
                amount=milestone.amount or 0,
                evidence=milestone.evidence,
                released_at=timezone.make_aware(datetime.combine(milestone.done_on, time(12)))
                if milestone.done_on
                else None,
                released_by=by,
            )
    Project.objects.filter(source_type=kind).delete()


# PostgreSQL cannot alter a table with rows written earlier in the same transaction (deferred
# foreign-key checks), so the copy and the drop (0008) are two migrations.
class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0006_old_boards_removed"),
        ("tracking", "0002_contests"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_to_tracking, copy_back, elidable=False)]
