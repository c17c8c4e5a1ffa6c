"""A contest's result under the shared 公示 (``linli.disclosure``): the adapter that tells
disclosure what the result is, what an objection may be about (one ranked application), who
answers (the board's officers, not one who stands aside on that application) and what becomes of
the contest once the result is final (awards by rank, the FINAL stage)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from linli.core import audit as audit_log
from linli.core.kit import Refused, running
from linli.core.notify import notify
from linli.disclosure.publicity import Adapter, register

KIND = "reviews.contest"


def _load(pk: str) -> Any:
    from .models import Contest

    return Contest.objects.select_related("community", "body").get(pk=pk)


def _ranked(contest: Any) -> list[tuple[dict[str, Any], Any]]:
    apps = {a.pk: a for a in contest.applications.select_related("area")}
    return [
        (row, apps[row["application"]]) for row in contest.ranking if row["application"] in apps
    ]


def _award_of(contest: Any, rank: int) -> tuple[str, Any]:
    for tier in contest.tiers.all():
        if tier.rank_from <= rank <= tier.rank_to:
            return tier.name, tier.amount
    return "", None


def becomes_final(contest: Any) -> str:
    """The ranked list with the award each place gets, in the site's language (stored text)."""
    lines = []
    with translation.override(settings.LANGUAGE_CODE):
        for row, app in _ranked(contest):
            name, amount = _award_of(contest, int(row["rank"]))
            award = (
                gettext("%(award)s, %(amount)s yuan") % {"award": name, "amount": amount}
                if name
                else gettext("no award")
            )
            lines.append(
                gettext("%(rank)s. %(place)s · %(title)s: %(award)s")
                % {"rank": row["rank"], "place": app.area.name, "title": app.title, "award": award}
            )
    return "\n".join(lines) or "—"


def about(contest: Any) -> list[tuple[str, str]]:
    return [(str(app.pk), f"{row['rank']}. {app.title}") for row, app in _ranked(contest)]


def answered_by(user: Any, contest: Any, about: str) -> None:
    """The board's chair, vice-chair or secretary (or an organiser) - not one who stands aside
    on the application the objection is about."""
    from . import boards
    from .queries import is_recused

    actor = boards.require_runner(user, contest.body)
    if about:
        application = contest.applications.filter(pk=about).first()
        if application is not None and is_recused(actor, application):
            raise Refused(
                gettext(
                    "You stand aside on this application, so another officer answers this objection."
                )
            )


def on_objection(objection: Any, contest: Any) -> None:
    from . import boards
    from .queries import notice_url

    for seat in boards.officers(contest.body):
        notify(
            seat.member,
            "review_board",
            (gettext_lazy("New objection to “%(title)s”"), {"title": contest.title}),
            objection.text[:300],
            url=notice_url(contest) + f"#objection-{objection.pk}",
            community=contest.community,
        )


def on_final(contest: Any) -> None:
    """What the board's "make final" did: awards by rank, the contest final. By the board's
    button (``notice.finalise``) or by the sweep once the period is over and all is answered."""
    from .models import Contest
    from .notice import give_awards

    if contest.stage != Contest.Stage.NOTICE:
        return
    give_awards(contest)
    contest.stage, contest.finalised_at = Contest.Stage.FINAL, timezone.now()
    contest.save(update_fields=["stage", "finalised_at"])
    now = running()
    audit_log.log(
        now.actor if now else None, "reviews.finalised", contest, community=contest.community
    )


def install() -> None:
    from .queries import notice_url

    register(
        Adapter(
            kind=KIND,
            load=_load,
            title=lambda contest: contest.title,
            becomes_final=becomes_final,
            on_final=on_final,
            about=about,
            answered_by=answered_by,
            on_objection=on_objection,
            objection_depth=3,  # participation.Depth.INVOLVED: a reasoned objection to a result
            page=notice_url,
        )
    )
