"""Actions that change people, households and addresses. Each checks permission, writes, and
writes the audit log, in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .audit import snapshot
from .kit import Forbidden, Refused, command
from .kit import audit as audit_entry
from .models import Community, Household, Member, Notice, Partner, Place, Role, User, new_code
from .permissions import grantable_roles, require

# The older name of the kit's "not now / bad input" refusal; both names catch the same errors.
ServiceError = Refused


# --- Addresses ---------------------------------------------------------------------------------


def place_path(community: Community, names: list[str], area_type: str = "") -> Place:
    """Find or create the chain area > building > unit > flat given by ``names``."""
    parent: Place | None = None
    kinds = ["area", "building", "unit", "flat"]
    for depth, name in enumerate(names):
        defaults = {"kind": kinds[depth]}
        if depth == 0 and area_type:
            defaults["area_type"] = area_type
        parent, _created = Place.objects.get_or_create(
            community=community, parent=parent, name=name, defaults=defaults
        )
    assert parent is not None
    return parent


def household_at(community: Community, address: str) -> Household | None:
    """The household whose flat has this address, written as "梧桐院 3栋 2单元 101"."""
    return household_by_names(community, address.replace("\u3000", " ").split())


def household_by_names(community: Community, names: list[str]) -> Household | None:
    """The household at the flat reached by following ``names`` down the address tree."""
    if not names:
        return None
    place: Place | None = None
    for name in names:
        place = Place.objects.filter(community=community, parent=place, name=name).first()
        if place is None:
            return None
    return Household.objects.filter(flat=place).first()


# --- Roles -------------------------------------------------------------------------------------


def require_may_grant(actor: User, role: str, community: Community) -> None:
    """Refuse unless ``actor`` may give ``role`` in ``community`` (see ``grantable_roles``)."""
    if role not in Role.values:
        raise ServiceError(_("Unknown role."), "role")
    if role not in grantable_roles(actor, community):
        raise ServiceError(
            _("Only a community administrator can give the role %(role)s.")
            % {"role": Role(role).label},
            "role",
        )


# --- Joining -----------------------------------------------------------------------------------


def household_for_code(code: str) -> Household | None:
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    if not code:
        return None
    return (
        Household.objects.select_related("community", "flat").filter(invitation_code=code).first()
    )


@transaction.atomic
def join_with_code(user: User, code: str) -> Member:
    """Verify ``user`` as a resident of the household whose invitation code this is.

    A household's code may be used by each of its residents (a family shares one letter), but
    one account joins a community only once."""
    household = household_for_code(code)
    if household is None:
        raise ServiceError(
            _("This invitation code is not known. Check the letter and try again."), "code"
        )
    community = household.community
    existing = Member.objects.select_for_update().filter(community=community, user=user).first()
    if existing is not None and existing.status == Member.Status.VERIFIED:
        raise ServiceError(_("You are already a verified member of this community."), "code")
    joined = household.members.filter(user__isnull=False).count()
    if joined >= household.size:
        raise ServiceError(
            _(
                "This invitation code has already been used by every person in the household. "
                "Ask the community office for help."
            ),
            "code",
        )
    member = existing or Member(community=community, user=user)
    # A household letter proves an address, never a role: someone who left as an organiser comes
    # back as a resident until a community administrator appoints them again.
    member.role = Role.RESIDENT
    member.name = user.name
    member.email = user.email or ""
    member.phone = user.phone or ""
    member.language = user.language
    member.household = household
    member.status = Member.Status.VERIFIED
    member.verification = Member.Verification.INVITATION
    member.verified_at = timezone.now()
    member.save()
    return member


@transaction.atomic
def request_to_join(user: User, community: Community, note: str = "", address: str = "") -> Member:
    member, created = Member.objects.get_or_create(
        community=community,
        user=user,
        defaults={
            "name": user.name,
            "email": user.email or "",
            "phone": user.phone or "",
            "language": user.language,
            "note": (note or address)[:300],
        },
    )
    if not created and member.status == Member.Status.VERIFIED:
        raise ServiceError(_("You are already a verified member of this community."))
    if not created:
        # A returning member asks as a resident; a former role is not carried into the request.
        member.status = Member.Status.PENDING
        member.role = Role.RESIDENT
        member.note = (note or address)[:300]
        member.save(update_fields=["status", "role", "note"])
    return member


@transaction.atomic
def decide_membership(
    actor: User, member: Member, approve: bool, household: Household | None = None
) -> Member:
    require(actor, "members.approve", member.community)
    if approve:
        require_may_grant(actor, member.role, member.community)
    before = audit.snapshot(member, ["status", "household"])
    member.status = Member.Status.VERIFIED if approve else Member.Status.DECLINED
    if approve:
        member.verification = Member.Verification.APPROVAL
        member.verified_at = timezone.now()
        member.verified_by = actor
        if household is not None:
            member.household = household
    member.save()
    audit.log(
        actor,
        "member.approve" if approve else "member.decline",
        member,
        community=member.community,
        before=before,
        after=audit.snapshot(member, ["status", "household"]),
    )
    if member.user is not None:
        from .notify import notify

        if approve:
            notify(
                member,
                "membership",
                (
                    _("You are now a verified resident of %(community)s"),
                    {"community": member.community.name},
                ),
                url=member.community.get_absolute_url(),
            )
        else:
            notify(
                member,
                "membership",
                (
                    _("Your request to join %(community)s was not approved"),
                    {"community": member.community.name},
                ),
                _("Please contact the community office if you think this is a mistake."),
            )
    return member


@transaction.atomic
def record_resident(actor: User, community: Community, **fields: Any) -> Member:
    """Staff record a resident who has no account (assisted participation)."""
    require(actor, "members.record_without_account", community)
    require_may_grant(actor, fields.get("role") or Role.RESIDENT, community)
    member = Member.objects.create(
        community=community,
        status=Member.Status.VERIFIED,
        verification=Member.Verification.STAFF,
        verified_at=timezone.now(),
        verified_by=actor,
        claim_code=new_code(),
        **fields,
    )
    audit.log(actor, "member.record", member, community=community, after=audit.snapshot(member))
    return member


@transaction.atomic
def claim_record(user: User, code: str) -> Member:
    """A resident recorded by staff takes over the record with an account."""
    code = (code or "").strip().upper()
    member = (
        Member.objects.select_for_update()
        .filter(claim_code=code, user__isnull=True)
        .exclude(claim_code="")
        .first()
        if code
        else None
    )
    if member is None:
        raise ServiceError(_("This claim code is not known or was already used."), "code")
    if Member.objects.filter(community=member.community, user=user).exists():
        raise ServiceError(_("Your account already belongs to this community."), "code")
    member.user = user
    member.claim_code = ""
    member.save(update_fields=["user", "claim_code"])
    return member


@transaction.atomic
def set_role(actor: User, member: Member, role: str) -> Member:
    require(actor, "members.set_role", member.community)
    if member.user_id is not None and member.user_id == actor.pk:
        # A role is given by someone else: whatever the role table says, nobody raises (or drops,
        # leaving a community without its administrator) their own standing.
        raise Forbidden("members.set_role")
    require_may_grant(actor, role, member.community)
    # Taking a role away is granting the lower one over the higher: one may not demote a person
    # whose role one could not have given.
    require_may_grant(actor, member.role, member.community)
    before = audit.snapshot(member, ["role"])
    member.role = role
    member.save(update_fields=["role"])
    audit.log(
        actor,
        "member.set_role",
        member,
        community=member.community,
        before=before,
        after=audit.snapshot(member, ["role"]),
    )
    return member


@transaction.atomic
def publish_notice(
    actor: User, community: Community, title: str, body: str, pinned: bool
) -> Notice:
    require(actor, "notices.manage", community)
    notice = Notice.objects.create(
        community=community, title=title, body=body, pinned=pinned, author=actor
    )
    audit.log(actor, "notice.publish", notice, community=community, after=audit.snapshot(notice))
    return notice


def create_account(*, name: str, email: str, phone: str, password: str, language: str) -> User:
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email or None,
                phone=phone or None,
                password=password,
                name=name,
                language=language,
            )
    except IntegrityError as error:
        raise ServiceError(
            _("An account with this email or mobile number already exists.")
        ) from error


# --- The organiser's address book and letters --------------------------------------------------


@command("places.manage", on="community")
def add_place(actor: User, community: Community, names: list[str], area_type: str) -> Place:
    """Add the address area > building > unit (the parts already there are reused)."""
    place = place_path(community, names, area_type)
    audit_entry("place.add", place, community=community, after=snapshot(place))
    return place


@command("partners.manage", on="community")
def add_partner(actor: User, community: Community, partner: Partner) -> Partner:
    """Keep a partner a validated form built (unsaved) for this community."""
    partner.community = community
    partner.save()
    audit_entry("partner.add", partner, after=snapshot(partner))
    return partner


@command("households.print_invitations", on="community")
def record_letters_printed(actor: User, community: Community, language: str, area: str) -> None:
    """Invitation letters carry the codes that make a resident: who printed which is kept. This
    is the one audit a GET writes on purpose (the letters are a download, and knowing who held
    the codes matters more than a pure read)."""
    audit_entry(
        "households.print_invitations",
        community=community,
        after={"language": language, "area": area},
    )
