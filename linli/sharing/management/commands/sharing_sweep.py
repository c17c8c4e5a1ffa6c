from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from linli.sharing.services import sweep


class Command(BaseCommand):
    help = "Send item-sharing reminders: due soon, overdue, and listings about to leave the board."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sweep()
        self.stdout.write(
            f"due soon {result['due_soon']}, overdue {result['overdue']}, "
            f"expiring listings {result['expiring']}"
        )
