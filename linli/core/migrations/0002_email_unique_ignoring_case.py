"""Email addresses become unique whatever their capitals (issue 15).

Before the index is created, every stored address is lower-cased; where two accounts share an
address but for case, the oldest keeps it and the others lose it (they keep a mobile number if they
have one). Each cleared address is written to the audit log so an administrator can reach the
person; no account is deleted or merged, since the two may be different people."""

import django.db.models.functions.text
from django.db import migrations, models

from linli.core.email_case import normalise_email, resolve_duplicates


def lower_and_resolve(apps, schema_editor):
    User = apps.get_model("core", "User")
    Member = apps.get_model("core", "Member")
    AuditEntry = apps.get_model("core", "AuditEntry")
    rows = list(User.objects.exclude(email=None).values_list("pk", "email", "date_joined"))
    stored = resolve_duplicates(rows)
    current = {pk: email for pk, email, _joined in rows}
    # Clear first, then lower-case, so no intermediate state breaks the old case-sensitive index.
    for pk, email in stored.items():
        if email is None and current[pk] is not None:
            User.objects.filter(pk=pk).update(email=None)
            AuditEntry.objects.create(
                action="user.email_duplicate_cleared",
                object_type="core.user",
                object_id=str(pk),
                before={"email": current[pk]},
                after={"email": None},
            )
    for pk, email in stored.items():
        if email is not None and email != current[pk]:
            User.objects.filter(pk=pk).update(email=email)
    for member in Member.objects.exclude(email="").only("pk", "email").iterator():
        normal = normalise_email(member.email) or ""
        if normal != member.email:
            Member.objects.filter(pk=member.pk).update(email=normal)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(lower_and_resolve, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message="An account with this email already exists.",
            ),
        ),
    ]
