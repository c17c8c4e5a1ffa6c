from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from linli.core.sweep import run_all


class Command(BaseCommand):
    help = (
        "Run every module's periodic sweep now: meeting and volunteer shift reminders, expired "
        "offers of freed places, item-sharing reminders, mail waiting for a retry. The worker "
        "(`linli worker`) does this every five minutes on its own."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, result in run_all().items():
            done = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in result.items())
            self.stdout.write(f"{name}: {done}")
