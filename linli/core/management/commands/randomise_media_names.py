from typing import Any

from django.core.management.base import BaseCommand

from linli.core.media import randomise_old_names


class Command(BaseCommand):
    help = "Rename uploaded files stored before names became random (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = randomise_old_names()
        self.stdout.write(self.style.SUCCESS(f"{moved} files renamed."))
