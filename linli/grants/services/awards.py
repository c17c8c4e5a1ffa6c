"""Awards and refusals, within the call's and the community's caps."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.models import Community
from linli.core.money import grouped
from linli.core.notify import notify
from linli.core.permissions import require
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from .. import funding
from ..models import (
    Agreement,
    Application,
    Call,
)
from .common import DUTIES, S, _now
from .panel import community_awarded

# --- Awards -----------------------------------------------------------------------------------


def award(user: Any, application: Application, amount: int, note: str = "") -> Application:
    call = application.call
    community = call.community
    require(user, "grants.manage", community)
    with transaction.atomic():
        # Lock the community row: two organisers awarding at once are served one after the other,
        # so the yearly total is read after the other award was written.
        Community.objects.select_for_update().get(pk=community.pk)
        application = Application.objects.select_for_update().get(pk=application.pk)
        call = Call.objects.get(pk=call.pk)
        if call.status != Call.Status.REVIEW or application.status != S.REVIEW:
            raise ServiceError(_("Only applications under review can be awarded."))
        already = community_awarded(community, call.year)
        cap = call.community_cap
        broken = funding.check_award(
            amount, application.requested(), call.project_cap, already, cap
        )
        if broken == "positive":
            raise ServiceError(_("The amount must be more than 0 yuan."), "amount")
        if broken == "requested":
            raise ServiceError(
                _("The award cannot be more than the %(n)s yuan asked for.")
                % {"n": grouped(application.requested())},
                "amount",
            )
        if broken == "project_cap":
            raise ServiceError(
                _("The award cannot be more than this call's limit of %(n)s yuan for one project.")
                % {"n": grouped(call.project_cap)},
                "amount",
            )
        if broken == "community_cap":
            raise ServiceError(
                _(
                    "This would bring the community's awards for %(year)s to %(total)s yuan, over the limit of %(cap)s yuan; %(left)s yuan are left."
                )
                % {
                    "year": call.year,
                    "total": grouped(already + amount),
                    "cap": grouped(cap),
                    "left": grouped(max(0, cap - already)),
                },
                "amount",
            )
        application.status = S.AWARDED
        application.award_amount = amount
        application.decision_note = note
        application.decided_at = _now()
        application.save(update_fields=["status", "award_amount", "decision_note", "decided_at"])
        Agreement.objects.get_or_create(application=application, defaults={"duties": DUTIES})
        for person in [application.lead, *(t.member for t in application.team.all())]:
            ledger.record(
                person,
                method=Method.GRANT,
                channel=Channel.ONLINE,
                depth=Depth.COLLABORATING,
                source=("grants.agreement", application.pk),
                project=call.project,
            )
        audit.log(
            user, "grants.awarded", application, community=community, after={"amount": amount}
        )
    notify(
        application.lead,
        "grant_application",
        (
            gettext_lazy("Awarded: %(title)s, %(amount)s yuan"),
            {"title": application.title, "amount": grouped(amount)},
        ),
        gettext_lazy("Read and accept the grant agreement."),
        url=application.get_absolute_url(),
        community=community,
    )
    return application


def _decline(user: Any, application: Application, note: str) -> None:
    application.status = S.DECLINED
    application.decision_note = note
    application.decided_at = _now()
    application.save(update_fields=["status", "decision_note", "decided_at"])
    audit.log(user, "grants.declined", application, community=application.call.community)
    notify(
        application.lead,
        "grant_application",
        (gettext_lazy("Not awarded this time: %(title)s"), {"title": application.title}),
        note,
        url=application.get_absolute_url(),
        community=application.call.community,
    )


def decline(user: Any, application: Application, note: str) -> Application:
    require(user, "grants.manage", application.call.community)
    if application.status != S.REVIEW:
        raise ServiceError(_("Only applications under review can be declined."))
    if not note.strip():
        raise ServiceError(_("Give the applicants a reason."), "note")
    with transaction.atomic():
        _decline(user, application, note)
    return application
