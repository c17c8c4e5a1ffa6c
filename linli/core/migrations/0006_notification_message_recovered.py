"""Notifications stored before their message was kept as a msgid: find the message each title and
body was made from (the catalogues' translations, with their parameters), so they too are said in
the reader's language. Words that match no message stay as they were (shown in the reader's
script)."""

from django.db import migrations


def recover_messages(apps, schema_editor):  # type: ignore[no-untyped-def]
    from linli.core.stored_text import recover

    Notification = apps.get_model("core", "Notification")
    for note in Notification.objects.filter(message={}).iterator(chunk_size=500):
        message = {}
        for part in ("title", "body"):
            spec = recover(getattr(note, part))
            if spec is not None:
                message[part] = spec
        if message:
            Notification.objects.filter(pk=note.pk).update(message=message)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_notification_message")]

    operations = [migrations.RunPython(recover_messages, migrations.RunPython.noop)]
