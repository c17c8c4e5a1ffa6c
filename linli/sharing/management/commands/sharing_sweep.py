from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from linli.sharing.services import sweep


class Command(BaseCommand):
    help = "Deprecated: `linli sweep` runs every module's sweep. Send item-sharing reminders: due soon, overdue, and listings about to leave the board."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stderr.write(f"{__name__.rsplit('.', 1)[-1]} is deprecated: use `linli sweep`.")
        result = sweep()
        self.stdout.write(
            f"due soon {result['due_soon']}, overdue {result['overdue']}, "
            f"expiring listings {result['expiring']}"
        )
