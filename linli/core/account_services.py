"""What a person does with their own account: profile, display, answers about themselves,
notifications and API tokens. Each is an ``@own_command``: it acts only on what belongs to the
actor (anyone else's is Forbidden), in one transaction, with its audit entry.

The answers about oneself are sensitive, so their audit entries say that they changed, never
what they are, and name no community (organisers do not read them in the community's log)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone

from . import api_tokens
from .kit import Refused, audit, own_command
from .models import ApiToken, Demographics, Member, Notification, NotificationPreference, User

PROFILE_FIELDS = ("name", "email", "phone", "language", "large_text")


@own_command(on="account")
def save_profile(actor: User, account: User) -> User:
    """Save the profile fields a validated form has set on ``account`` (the actor's own)."""
    account.save(update_fields=list(PROFILE_FIELDS))
    audit("account.profile", account)
    return account


@own_command(on="account")
def change_password(actor: User, account: User, password: str) -> None:
    """Set the password its owner chose (the password pages validate it first; Django's own
    password views save it themselves)."""
    account.set_password(password)
    account.save(update_fields=["password"])


@own_command(on="account")
def set_language(actor: User, account: User, language: str) -> None:
    account.language = language
    account.save(update_fields=["language"])


@own_command(on="account")
def set_large_text(actor: User, account: User, large: bool) -> None:
    account.large_text = large
    account.save(update_fields=["large_text"])


@own_command(on="member")
def save_demographics(actor: User, member: Member, answers: Demographics) -> Demographics:
    """Keep the answers a validated form built for the actor's own membership."""
    if answers.pk is not None and answers.member_id != member.pk:
        raise Refused("these answers belong to someone else")
    answers.member = member
    if answers.consented_at is None:
        answers.consented_at = timezone.now()
    answers.save()
    audit("member.demographics_save", answers)  # that they changed; no community
    return answers


@own_command(on="member")
def delete_demographics(actor: User, member: Member) -> None:
    answers = Demographics.objects.filter(member=member).first()
    if answers is not None:
        audit("member.demographics_delete", answers)
        answers.delete()


@own_command(on="account")
def mark_all_read(actor: User, account: User) -> int:
    return account.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())


@own_command(on="notification")
def mark_read(actor: User, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@own_command(on="account")
def save_notification_choices(
    actor: User, account: User, kinds: Iterable[str], chosen: Mapping[str, tuple[bool, bool]]
) -> None:
    """``chosen[kind]`` is ``(email, in_app)``; a kind not in it is turned off on both channels
    (an unticked box sends nothing)."""
    for kind in kinds:
        email, in_app = chosen.get(kind, (False, False))
        NotificationPreference.objects.update_or_create(
            user=account, kind=kind, defaults={"email": email, "in_app": in_app}
        )


@own_command(on="account")
def create_api_token(
    actor: User, account: User, name: str, scopes: Iterable[str], days: int
) -> str:
    """A new token for the actor; the secret is returned once and only its hash is kept."""
    token = api_tokens.create_token(account, name, scopes=scopes, days=days)
    audit("api_token.create", account, after={"name": name, "scopes": list(scopes)})
    return token


@own_command(on="token")
def revoke_api_token(actor: User, token: ApiToken) -> None:
    audit("api_token.revoke", token, after={"name": token.name})
    token.delete()


def own_api_token(actor: User, token_id: Any) -> ApiToken | None:
    """The actor's token with this id, or None (another person's token is not found)."""
    if not str(token_id).isdigit():
        return None
    return ApiToken.objects.filter(user=actor, pk=int(token_id)).first()
