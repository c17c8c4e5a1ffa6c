from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linli.core import backup


class Command(BaseCommand):
    help = (
        "Write one archive with the database (SQLite online backup or pg_dump), the uploads "
        "and the secret key, with a SHA-256 manifest. Safe while the site runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="where to write the archive, e.g. linli-2026-12-07.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"]).resolve()
        try:
            manifest = backup.create(target)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"backup written to {target}: {manifest['database']} database, "
            f"{len(manifest['files'])} files"
        )
