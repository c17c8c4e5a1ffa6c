"""A contest application as a source of a funded project (linli.tracking), registered in
ReviewsConfig.ready(): its team (people without an account by name), before and after photos and
milestones with the funds released at each. The rules are the app's own (queries), imported when
first asked."""

from linli.tracking.sources import Source, lazy, register


def register_source() -> None:
    rules = "linli.reviews.queries"
    register(
        Source(
            model="reviews.Application",
            community=lambda application: application.contest.community,
            may=lazy(f"{rules}.may_track"),
            may_see_photos=lazy(f"{rules}.may_see_work"),
            may_see_receipts=lazy(f"{rules}.may_see_work"),
        )
    )
