"""``linli generate_city``: fill an empty database with a synthetic district (linli.scale)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic district: communities, address trees,"
        " households, members and three years of activity, for measuring scale and load."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--communities", type=int, default=20)
        parser.add_argument("--households", type=int, default=50000, help="in all communities")
        parser.add_argument("--seed", type=int, default=23)

    def handle(self, *args: Any, **options: Any) -> None:
        from linli.scale.city import NotEmpty, generate

        if options["communities"] < 1 or options["households"] < options["communities"]:
            raise CommandError("Give at least one community and one household per community.")
        try:
            totals = generate(
                options["communities"],
                options["households"],
                seed=options["seed"],
                say=lambda line: self.stdout.write(line),
            )
        except NotEmpty as exc:
            raise CommandError(f"{exc}; generate_city fills an empty database only") from exc
        summary = ", ".join(f"{v:,} {k}" for k, v in totals.items())
        self.stdout.write(self.style.SUCCESS(f"City generated: {summary}"))
