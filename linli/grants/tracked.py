"""A grant application as a source of a funded project (linli.tracking), registered in
GrantsConfig.ready(); the rules are the app's own (services), imported when first asked."""

from linli.tracking.sources import Source, lazy, register


def register_source() -> None:
    rules = "linli.grants.services"
    register(
        Source(
            model="grants.Application",
            community=lambda application: application.call.community,
            may=lazy(f"{rules}.may_track"),
            may_see_photos=lazy(f"{rules}.may_see_photos"),
            may_see_receipts=lazy(f"{rules}.may_see_receipts"),
        )
    )
