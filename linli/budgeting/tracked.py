"""A funded budgeting idea as a source of a funded project (linli.tracking), registered in
BudgetingConfig.ready(); the rules are the app's own (services), imported when first asked."""

from linli.tracking.sources import Source, lazy, register


def register_source() -> None:
    rules = "linli.budgeting.services.access"
    register(
        Source(
            model="budgeting.Idea",
            community=lambda idea: idea.process.community,
            may=lazy(f"{rules}.may"),
            may_see_photos=lazy(f"{rules}.may_see_idea_photo"),
            may_see_receipts=lazy(f"{rules}.may_see_receipts"),
        )
    )
