"""Applying to a contest: the application and its team, photos of the place, withdrawing, and the
neighbours' support - one signature per household, online or copied in from a paper sheet."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.kit import audit, command, ledger
from linli.core.models import Community, Household, Member, Place, User
from linli.core.permissions import member_of
from linli.core.services import ServiceError
from linli.governance import services as governance
from linli.participation.models import Channel, Depth, Method
from linli.tracking import services as track
from linli.tracking.models import Photo, TeamMember

from . import boards
from .models import Application, Contest, Score, Signature
from .queries import _resident

Stage = Contest.Stage


def eligible_areas(contest: Contest) -> QuerySet[Place]:
    chosen = contest.areas.all()
    if chosen.exists():
        return chosen
    return Place.objects.filter(community=contest.community, kind=Place.Kind.AREA)


def window_open(contest: Contest, now: Any = None) -> bool:
    now = now or timezone.now()
    return contest.stage == Stage.OPEN and contest.opens_at <= now <= contest.closes_at


@command("reviews.take_part", on="application")
def submit(actor: User, application: Application, credit_consent: bool = False) -> Application:
    """A verified resident applies, while applications are open, for a courtyard that may; he
    leads the team (named publicly if ``credit_consent``)."""
    contest = application.contest
    member = _resident(member_of(actor, contest.community), contest.community)
    if not window_open(contest):
        raise ServiceError(
            _("Applications are accepted only from %(start)s to %(end)s.")
            % {
                "start": timezone.localtime(contest.opens_at).strftime("%Y-%m-%d %H:%M"),
                "end": timezone.localtime(contest.closes_at).strftime("%Y-%m-%d %H:%M"),
            }
        )
    if not eligible_areas(contest).filter(pk=application.area_id).exists():
        raise ServiceError(_("This courtyard is not among those that may apply."), "area")
    application.applicant = member
    application.save()
    track.add_member(
        actor,
        track.project_for(application),
        member,
        _("applicant"),
        name=member.name,
        consented=credit_consent,
    )
    ledger(
        member,
        method=Method.CONTEST,
        channel=Channel.ONLINE,
        depth=Depth.COLLABORATING,
        source=application,
    )
    _recuse_if_on_board(member, application)
    return application


def _recuse_if_on_board(actor: Member, application: Application) -> None:
    """Nobody scores his own application: a board member who applies or joins a team stands
    aside at once (a governance conflict on the application), without having to declare it."""
    found = governance.note_conflicts(actor.user, application.contest.body, application)
    for conflict in found:
        Score.objects.filter(application=application, reviewer_id=conflict.member_id).delete()


def may_edit_application(member: Member | None, application: Application) -> bool:
    return member is not None and member.pk == application.applicant_id


@command("reviews.take_part", on="application")
def add_team_member(
    actor: User,
    application: Application,
    name: str,
    role: str,
    consent: bool,
    teammate: Member | None = None,
) -> TeamMember:
    """The applicant names someone on the team: a resident (``teammate``) or anyone by name."""
    if not may_edit_application(member_of(actor, application.community), application):
        raise ServiceError(_("Only the applicant can change the team."))
    if not name.strip():
        raise ServiceError(_("Give the name."), "name")
    if teammate is not None and teammate.community_id != application.contest.community_id:
        raise ServiceError(_("Choose a resident of this community."), "member")
    crew = track.add_member(
        actor,
        track.project_for(application),
        teammate,
        role,
        name=name,
        consented=consent,
    )
    if teammate is not None:
        ledger(
            teammate,
            method=Method.CONTEST,
            channel=Channel.IN_PERSON,
            depth=Depth.COLLABORATING,
            source=application,
        )
        _recuse_if_on_board(application.applicant, application)
    return crew


def find_resident(community: Community, contact: str) -> Member | None:
    contact = contact.strip()
    if not contact:
        return None
    return (
        Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        .filter(Q(phone=contact) | Q(email__iexact=contact) | Q(user__email__iexact=contact))
        .first()
    )


@command("reviews.take_part", on="application")
def add_photo(actor: User, application: Application, kind: str, upload: Any, caption: str) -> Photo:
    """The applicant adds photos 'before' while applying and 'after' when the work is done;
    board members add them at the inspection."""
    member = member_of(actor, application.community)
    board_member = boards.seat_of(member, application.contest.body) is not None
    if not (may_edit_application(member, application) or board_member):
        raise ServiceError(_("Only the applicant or the board can add photos."))
    if kind not in Photo.Kind.values:
        raise ServiceError(_("Say whether the photo is before or after the work."), "kind")
    if kind == Photo.Kind.AFTER and application.contest.stage not in (Stage.FINAL, Stage.DONE):
        raise ServiceError(_("Photos after the work come once the result is final."), "kind")
    if not caption.strip():
        raise ServiceError(_("Describe the photo in a few words."), "caption")
    return track.add_photo(
        actor, track.project_for(application), upload, caption.strip(), kind=kind
    )


@command("reviews.take_part", on="application", lock=True)
def withdraw(actor: User, application: Application) -> Application:
    if not may_edit_application(member_of(actor, application.community), application):
        raise ServiceError(_("Only the applicant can withdraw the application."))
    if application.contest.stage not in (Stage.OPEN, Stage.SCORING):
        raise ServiceError(
            _("The result is published; the application can no longer be withdrawn.")
        )
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["withdrawn_at"])
    return application


@command("reviews.take_part", on="application")
def sign(actor: User, application: Application) -> Signature:
    """A verified resident's household supports the application, once."""
    contest = application.contest
    member = _resident(member_of(actor, contest.community), contest.community)
    if member.household_id is None:
        raise ServiceError(_("Your household is not known yet; ask the community office."))
    if not window_open(contest) or application.withdrawn_at:
        raise ServiceError(_("Support is collected only while applications are open."))
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                application=application,
                household_id=member.household_id,
                member=member,
                signer_name=member.name,
                channel=Signature.Channel.ONLINE,
            )
    except IntegrityError:
        raise ServiceError(_("Your household already supports this application.")) from None
    ledger(
        member,
        method=Method.CONTEST,
        channel=Channel.ONLINE,
        depth=Depth.CONSULTED,
        source=signature,
    )
    return signature


@command("reviews.enter_paper", on="application")
def enter_paper_signatures(
    actor: User, application: Application, rows: list[tuple[Household, str]]
) -> int:
    """Copy the paper sheet: (household, signer's name) per line. Households already counted are
    skipped, never doubled. Returns how many were added."""
    contest = application.contest
    if contest.stage != Stage.OPEN or application.withdrawn_at:
        raise ServiceError(_("Support is collected only while applications are open."))
    added = 0
    for household, name in rows:
        if household.community_id != contest.community_id:
            raise ServiceError(_("Choose households of this community."), "lines")
        signer = household.members.filter(name=name.strip()).first()
        made, created = Signature.objects.get_or_create(
            application=application,
            household=household,
            defaults={
                "signer_name": name.strip(),
                "member": signer,
                "channel": Signature.Channel.PAPER,
                "entered_by": actor,
            },
        )
        if created:
            added += 1
            if signer is not None:
                ledger(
                    signer,
                    method=Method.CONTEST,
                    channel=Channel.PAPER,
                    depth=Depth.CONSULTED,
                    source=made,
                    recorded_by=actor,
                )
    audit("reviews.paper_signatures", application, after={"added": added})
    return added


def in_competition(contest: Contest) -> QuerySet[Application]:
    """Applications that are scored: not withdrawn, with enough supporting households."""
    return (
        contest.applications.filter(withdrawn_at__isnull=True)
        .annotate(n_signatures=Count("signatures", distinct=True))
        .filter(n_signatures__gte=contest.min_signatures)
        .select_related("area")
        .order_by("submitted_at", "pk")
    )
