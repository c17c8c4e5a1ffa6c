"""Awards and refusals, within the call's and the community's caps."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import audit, command, ledger
from linli.core.models import Community, User
from linli.core.money import grouped
from linli.core.notify import notify
from linli.core.services import ServiceError
from linli.participation.models import Channel, Depth, Method
from linli.tracking import queries as tracking

from .. import funding
from ..models import (
    Agreement,
    Application,
    Call,
)
from .common import DUTIES, S, _now
from .panel import community_awarded

# --- Awards -----------------------------------------------------------------------------------


@command("grants.manage", on="application")
def award(actor: User, application: Application, amount: int, note: str = "") -> Application:
    call = application.call
    community = call.community
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
        for person in [application.lead, *tracking.residents(application)]:
            ledger(
                person,
                method=Method.GRANT,
                channel=Channel.ONLINE,
                depth=Depth.COLLABORATING,
                source=("grants.agreement", application.pk),
                project=call.project,
            )
        audit("grants.awarded", application, community=community, after={"amount": amount})
        # 公示 (issue 19): the award is under public notice; final after the period and answers.
        from linli.disclosure.services import start_publicity

        start_publicity(actor, "grants.award", application)
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


def _decline(application: Application, note: str) -> None:
    """Inside a command (``decline``, or ``step`` deciding a call): the audit entry is the
    running command's actor's."""
    application.status = S.DECLINED
    application.decision_note = note
    application.decided_at = _now()
    application.save(update_fields=["status", "decision_note", "decided_at"])
    audit("grants.declined", application, community=application.call.community)
    notify(
        application.lead,
        "grant_application",
        (gettext_lazy("Not awarded this time: %(title)s"), {"title": application.title}),
        note,
        url=application.get_absolute_url(),
        community=application.call.community,
    )


@command("grants.decline", on="application")
def decline(actor: User, application: Application, note: str) -> Application:
    if not note.strip():
        raise ServiceError(_("Give the applicants a reason."), "note")
    with transaction.atomic():
        _decline(application, note)
    return application
