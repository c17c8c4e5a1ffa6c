from typing import Any

from django.core.management.base import BaseCommand

from linli.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo communities (fictional, true to the seed cases). Refuses a non-empty database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="load even if communities exist")

    def handle(self, *args: Any, **options: Any) -> None:
        from linli.core.models import Community

        if Community.objects.exists() and not options["force"]:
            self.stdout.write("The database already has communities; nothing loaded (use --force).")
            return
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}"))
