"""``linli community create|appoint|list``: set a site up from the command line, no shell."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from linli.core import site_admin
from linli.core.models import Community, Role
from linli.core.services import ServiceError


class Command(BaseCommand):
    help = "Create communities and appoint their first administrators and organisers."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a community")
        create.add_argument("--slug", required=True, help="short name in addresses, e.g. wutong")
        create.add_argument("--name", required=True)
        create.add_argument("--city", default="")
        create.add_argument("--district", default="")
        appoint = actions.add_parser("appoint", help="make someone an administrator or organiser")
        appoint.add_argument("--slug", required=True)
        appoint.add_argument("--email", required=True)
        appoint.add_argument(
            "--role",
            choices=[str(role) for role in site_admin.APPOINTABLE_ROLES],
            default=str(Role.COMMUNITY_ADMIN),
        )
        appoint.add_argument("--name", default="")
        actions.add_parser("list", help="list the communities")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                community = site_admin.create_community(
                    None,
                    slug=options["slug"],
                    name=options["name"],
                    city=options["city"],
                    district=options["district"],
                )
                self.stdout.write(f"created {community.slug}: {community.get_absolute_url()}")
            elif options["action"] == "appoint":
                found = Community.objects.filter(slug=options["slug"]).first()
                if found is None:
                    raise CommandError(f"no community {options['slug']!r}")
                member, invited = site_admin.appoint(
                    None,
                    found,
                    email=options["email"],
                    role=options["role"],
                    name=options["name"],
                )
                note = " (invitation mailed)" if invited else ""
                self.stdout.write(f"{member.email} is {member.role} of {found.slug}{note}")
            else:
                for community in Community.objects.all():
                    self.stdout.write(f"{community.slug}\t{community.name}")
        except ServiceError as error:
            raise CommandError(error.message) from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
