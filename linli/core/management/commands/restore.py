from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linli.core import backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `linli backup` into an empty data folder and an empty "
        "database. Refuses a target that holds data and an archive whose checksums do not match."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--check", action="store_true", help="only verify the archive's checksums"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"no such file: {source}")
        try:
            if options["check"]:
                manifest = backup.verify(source)
                self.stdout.write(f"archive intact: {len(manifest['files'])} files checked")
                return
            manifest = backup.restore(source)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {manifest['database']} database and {len(manifest['files'])} files "
            f"from a backup of {manifest['created_at']}; now run `linli migrate`"
        )
