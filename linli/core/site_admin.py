"""What a site administrator does to set a site up: create and edit communities and appoint their
first administrators and organisers. Each action checks standing, writes, and audits in one
transaction. A command-line caller (``linli community create``) passes ``actor=None``: whoever can
run commands on the server already holds the site."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .models import Community, Member, Role, User
from .permissions import require
from .services import ServiceError

# Roles a site administrator appoints when setting a community up; residents join by themselves.
APPOINTABLE_ROLES = [Role.COMMUNITY_ADMIN, Role.ORGANISER]

# The fields of a community its own administrators may change on the settings page.
SETTINGS_FIELDS = [
    "name",
    "district",
    "city",
    "timezone",
    "languages",
    "description",
    "office_address",
    "office_phone",
    "office_hours",
    "offline_participation",
    "modules_off",
    "pb_project_cap",
    "grant_project_cap",
    "grant_community_cap",
]


def is_site_admin(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def require_site_admin(actor: User | None) -> None:
    """A person acting through a page must be a site administrator; ``None`` is the command line."""
    if actor is not None and not is_site_admin(actor):
        raise PermissionDenied("site.administer")


@transaction.atomic
def create_community(actor: User | None, *, slug: str, name: str, **fields: Any) -> Community:
    require_site_admin(actor)
    slug = slug.strip().lower()
    if Community.objects.filter(slug=slug).exists():
        raise ServiceError(_("A community with this short name already exists."), "slug")
    fields.setdefault("languages", [code for code, _name in settings.LANGUAGES])
    community = Community(slug=slug, name=name.strip(), **fields)
    community.full_clean()
    community.save()
    audit.log(
        actor, "community.create", community, community=community, after=audit.snapshot(community)
    )
    return community


@transaction.atomic
def update_community(actor: User | None, community: Community, **changes: Any) -> Community:
    """Change a community's settings: its administrators may, and site administrators."""
    if actor is not None:
        require(actor, "community.edit", community)
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"not a community setting: {sorted(unknown)}")
    before = audit.snapshot(community, changes.keys())
    for name, value in changes.items():
        setattr(community, name, value)
    community.full_clean()
    community.save()
    after = audit.snapshot(community, changes.keys())
    changed = {key for key in after if after[key] != before.get(key)}
    if changed:
        audit.log(
            actor,
            "community.settings",
            community,
            community=community,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
    return community


def set_password_link(user: User) -> str:
    """The address at which an invited person chooses a password (the password-reset page)."""
    path = reverse(
        "core:password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return settings.SITE_URL + path


@transaction.atomic
def appoint(
    actor: User | None, community: Community, *, email: str, role: str, name: str = ""
) -> tuple[Member, bool]:
    """Give the person with this email a role in the community. Without an account, one is made
    with no password and an invitation mailed to choose one. Returns (member, invited)."""
    require_site_admin(actor)
    if role not in APPOINTABLE_ROLES:
        raise ServiceError(_("Only administrators and organisers are appointed here."), "role")
    email = User.objects.normalize_email(email.strip())
    if not email:
        raise ServiceError(_("Give an email address."), "email")
    user = User.objects.filter(email__iexact=email).first()
    invited = user is None
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, name=name.strip() or email.split("@")[0]
        )
        audit.log(actor, "user.invite", user, community=community, after={"email": email})
    member = Member.objects.filter(community=community, user=user).first()
    before = audit.snapshot(member, ["role", "status"]) if member else None
    if member is None:
        member = Member(community=community, user=user, name=user.name, email=email)
        member.language = user.language
    member.role = role
    member.status = Member.Status.VERIFIED
    member.verification = Member.Verification.APPOINTED
    member.verified_at = timezone.now()
    member.verified_by = actor
    member.save()
    audit.log(
        actor,
        "member.appoint",
        member,
        community=community,
        before=before,
        after=audit.snapshot(member, ["role", "status"]),
    )
    _tell_appointee(member, invited)
    return member, invited


ROLE_NAMES = {
    Role.COMMUNITY_ADMIN: gettext_lazy("community administrator"),
    Role.ORGANISER: gettext_lazy("organiser"),
}


def _tell_appointee(member: Member, invited: bool) -> None:
    from .notify import notify, queue_email, render_text

    assert member.user is not None
    title = (
        gettext_lazy("You are now %(role)s of %(community)s"),
        {"role": ROLE_NAMES[Role(member.role)], "community": member.community.name},
    )
    if not invited:
        notify(member, "membership", title, url=member.community.get_absolute_url())
        return
    language = member.user.language
    queue_email(
        member.user.email or member.email,
        "membership",
        render_text(title, language),
        render_text(
            gettext_lazy(
                "An account was made for you on linli. Choose your password at the link below; "
                "then sign in with this email address."
            ),
            language,
        ),
        url=set_password_link(member.user),
        language=language,
        user=member.user,
    )
