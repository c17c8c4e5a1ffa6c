from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from linli.meetings.services import sweep


class Command(BaseCommand):
    help = "Deprecated: `linli sweep` runs every module's sweep. Send due meeting reminders and pass expired offers of freed places to the next person."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stderr.write(f"{__name__.rsplit('.', 1)[-1]} is deprecated: use `linli sweep`.")
        result = sweep()
        self.stdout.write(
            f"reminders sent {result['reminders_sent']}, offers released {result['offers_released']}"
        )
