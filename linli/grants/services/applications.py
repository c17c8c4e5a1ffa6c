"""Residents and groups applying: drafting, the team's consent, submitting."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import command, ledger
from linli.core.models import Member, Partner, User
from linli.core.money import grouped
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.core.services import ServiceError
from linli.participation.models import Channel, Depth, Method
from linli.tracking import queries as tracking
from linli.tracking import services as track
from linli.tracking.models import Photo, TeamMember

from ..models import (
    Application,
    BudgetLine,
    Evaluation,
)
from .access import on_team
from .calls import accepting
from .common import S, _now, _verified

# --- Applications -----------------------------------------------------------------------------


def _check_application(application: Application) -> None:
    call = application.call
    if application.theme not in call.themes:
        raise ServiceError(_("This call does not offer that theme."), "theme")
    if application.kind == Application.Kind.NGO:
        if not call.ngos_may_apply:
            raise ServiceError(_("This call is for resident groups only."), "kind")
        if application.partner is None or application.partner.kind != Partner.Kind.NGO:
            raise ServiceError(
                _("Choose the registered social organisation you apply for."), "partner"
            )
    elif application.partner_id:
        application.partner = None
    areas = list(call.areas.all())
    if areas and application.area not in areas:
        raise ServiceError(
            _("The work must happen in one of the call's courtyards or areas."), "area"
        )
    previous = application.continuation_of
    if previous is not None:
        evaluation = Evaluation.objects.filter(application=previous).first()
        if previous.call.community_id != call.community_id or previous.status != S.AWARDED:
            raise ServiceError(_("Only a funded project can be continued."), "continuation_of")
        if evaluation is not None and evaluation.outcome == Evaluation.Outcome.END:
            raise ServiceError(
                _("The yearly evaluation ended that project; it cannot apply as a continuation."),
                "continuation_of",
            )


@command("grants.apply", on="application")
def start(actor: User, application: Application) -> Application:
    """The actor starts a draft application and leads it (a verified resident of the call's
    community, while the call takes applications)."""
    call = application.call
    lead = _verified(member_of(actor, call.community), call.community)
    if not accepting(call):
        raise ServiceError(_("This call is not taking applications now."))
    application.lead = lead
    application.status = S.DRAFT
    _check_application(application)
    application.save()
    return application


def _editable(actor: User, application: Application) -> Member:
    """The actor's membership, when they lead the application and it is still a draft."""
    member = member_of(actor, application.community)
    if member is None or application.lead_id != member.pk:
        raise ServiceError(_("Only the lead of the application can change it."))
    if application.status != S.DRAFT:
        raise ServiceError(_("A submitted application can no longer be changed."))
    return member


@command("grants.apply", on="application")
def update(actor: User, application: Application) -> Application:
    _editable(actor, application)
    _check_application(application)
    application.save()
    return application


@command("grants.apply", on="application", lock=True)
def add_budget_line(
    actor: User, application: Application, category: str, item: str, amount: int
) -> BudgetLine:
    """The lock serves two lines added at once one after the other, each under the cap."""
    _editable(actor, application)
    cap = application.call.project_cap
    total = application.requested() + amount
    if total > cap:
        raise ServiceError(
            _(
                "With this line the budget would be %(total)s yuan: more than this call's limit of %(cap)s yuan for one project."
            )
            % {"total": grouped(total), "cap": grouped(cap)},
            "amount",
        )
    return BudgetLine.objects.create(
        application=application, category=category, item=item, amount=amount
    )


@command("grants.apply", on="line")
def remove_budget_line(actor: User, line: BudgetLine) -> None:
    _editable(actor, line.application)
    line.delete()


@command("grants.apply", on="application")
def add_team_member(actor: User, application: Application, who: Member, task: str) -> TeamMember:
    _editable(actor, application)
    if who.community_id != application.call.community_id or not who.is_verified:
        raise ServiceError(
            _("Team members must be verified residents of this community."), "member"
        )
    if who.pk == application.lead_id or tracking.on_team(application, who):
        raise ServiceError(_("This person is already on the team."), "member")
    entry = track.add_member(actor, track.project_for(application), who, task)
    notify(
        who,
        "grant_application",
        (gettext_lazy("You were added to the team of “%(title)s”"), {"title": application.title}),
        gettext_lazy("Open the application to agree to be named on it."),
        url=application.get_absolute_url(),
        community=application.call.community,
    )
    return entry


@command("grants.apply", on="application")
def consent(actor: User, application: Application, agree: bool) -> TeamMember:
    """The actor's own answer as a member of the team: may the project name them in public?"""
    member = member_of(actor, application.community)
    entry = tracking.team(application).filter(member=member).first() if member else None
    if entry is None:
        raise ServiceError(_("You are not on this team."))
    return track.consent(actor, entry, agree)


@command("grants.apply", on="application")
def add_photo(actor: User, application: Application, image: Any, caption: str) -> Photo:
    """A photo of the work, by someone on the team, while the application is not closed."""
    member = member_of(actor, application.community)
    if member is None or not on_team(member, application):
        raise ServiceError(_("Only the team can add photos."))
    if application.status in (S.DECLINED, S.WITHDRAWN):
        raise ServiceError(_("This application is closed."))
    return track.add_photo(actor, track.project_for(application), image, caption)


@command("grants.apply", on="application", lock=True)
def submit(actor: User, application: Application) -> Application:
    """The lead sends the draft to the panel; the lead and the verified team are in the ledger."""
    _editable(actor, application)
    call = application.call
    if not accepting(call):
        raise ServiceError(_("This call is not taking applications now."))
    total = application.requested()
    if total <= 0:
        raise ServiceError(_("Add at least one budget line."), "amount")
    if total > call.project_cap:
        raise ServiceError(
            _(
                "The budget is %(total)s yuan: more than this call's limit of %(cap)s yuan for one project."
            )
            % {"total": grouped(total), "cap": grouped(call.project_cap)}
        )
    if application.kind == Application.Kind.GROUP:
        people = (
            1 + tracking.team(application).filter(member__status=Member.Status.VERIFIED).count()
        )
        if people < call.min_residents:
            raise ServiceError(
                _(
                    "A resident group needs at least %(n)s verified residents (the lead counts); this team has %(have)s."
                )
                % {"n": call.min_residents, "have": people}
            )
    application.status = S.SUBMITTED
    application.submitted_at = _now()
    application.save(update_fields=["status", "submitted_at"])
    for person in [application.lead, *tracking.residents(application)]:
        ledger(
            person,
            method=Method.GRANT,
            channel=Channel.ONLINE,
            depth=Depth.INVOLVED,
            source=application,
            project=call.project,
        )
    notify(
        application.lead,
        "grant_application",
        (gettext_lazy("Application received: %(title)s"), {"title": application.title}),
        gettext_lazy("The panel reviews it after applications close."),
        url=application.get_absolute_url(),
        community=call.community,
    )
    return application


@command("grants.apply", on="application", lock=True)
def withdraw(actor: User, application: Application) -> Application:
    member = member_of(actor, application.community)
    if member is None or application.lead_id != member.pk:
        raise ServiceError(_("Only the lead of the application can withdraw it."))
    if application.status not in (S.DRAFT, S.SUBMITTED, S.REVIEW):
        raise ServiceError(_("This application can no longer be withdrawn."))
    application.status = S.WITHDRAWN
    application.save(update_fields=["status"])
    return application
