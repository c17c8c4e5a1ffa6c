from typing import Any

from django.core.management.base import BaseCommand

from linli.core.tasks import send_due_emails


class Command(BaseCommand):
    help = "Send every queued email whose time has come (the worker does this on its own)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"sent {send_due_emails()}")
