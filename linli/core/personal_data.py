"""What is a resident's own: exported on request, and erased from the person on account deletion.

The export follows every relation to the resident's memberships in every installed app, found by
the models themselves (a foreign key or many-to-many to ``core.Member``), so a new module's
records are exported without touching this file. Fields that are secrets rather than data
(hashes, codes, keys, tokens, fingerprints) are left out, and ballots never point to a person,
so the export says *that* someone voted, never *how*.

Deleting an account keeps what the community relies on - the roll of a vote, proposals and
comments already public, loans and volunteer hours others confirmed - but the membership row that
ties them together stops naming anyone: the name becomes "已注销的居民", contact details and the
claim code are cleared, optional answers about oneself are deleted, and the login is removed.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import translation
from django.utils.translation import gettext

from . import audit
from .models import Demographics, Member, Role, User

# Children that belong to the resident through a parent that does (``model label: lookup``).
# An answer is the resident's only through an identified response; anonymous ones have no member.
OWNED_THROUGH: dict[str, str] = {"surveys.Answer": "response__member"}

# Private, unpublished things that go with the person (``model label: lookup``): answers saved
# for later, a secret calendar address. Everything else that names the membership is the record.
ERASED_WITH_THE_PERSON: dict[str, str] = {
    "surveys.Draft": "member",
    "meetings.CalendarFeed": "member",
}

# Field names that hold secrets or linking keys, never the resident's own data.
SECRET_PARTS = ("hash", "code", "key", "token", "password", "session", "fingerprint", "secret")


def _is_secret(field: models.Field) -> bool:  # type: ignore[type-arg]
    return any(part in field.name for part in SECRET_PARTS)


def _value(obj: models.Model, field: models.Field) -> Any:  # type: ignore[type-arg]
    if isinstance(field, models.FileField):
        return getattr(obj, field.attname).name or ""  # the stored name, not the file
    return audit._json_safe(getattr(obj, field.attname))


def _row(obj: models.Model) -> dict[str, Any]:
    return {
        field.name: _value(obj, field)
        for field in obj._meta.concrete_fields
        if not _is_secret(field)
    }


def _member_relations() -> list[tuple[type[models.Model], str]]:
    """Every (model, lookup) where a row names one member as its own."""
    found: list[tuple[type[models.Model], str]] = []
    for model in apps.get_models():
        if model is Demographics:
            continue  # exported on its own, beside the membership
        for field in model._meta.get_fields():
            # Forward fields only (a reverse relation is auto-created on Member's side).
            if getattr(field, "related_model", None) is Member and not field.auto_created:
                found.append((model, field.name))
    for label, lookup in OWNED_THROUGH.items():
        try:
            found.append((apps.get_model(label), lookup))
        except LookupError:
            continue
    return found


def member_records(member: Member) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    for model, lookup in _member_relations():
        if model is Member:
            continue
        rows = model._default_manager.filter(**{lookup: member}).distinct()
        for obj in rows:
            records.setdefault(model._meta.label_lower, []).append(_row(obj))
    return records


def export_my_data(user: User) -> dict[str, Any]:
    """Everything linli holds that is this person's, as plain JSON."""
    account = audit.snapshot(user)
    for name in ("password", "is_superuser", "is_staff"):
        account.pop(name, None)
    data: dict[str, Any] = {"account": account, "memberships": []}
    for member in user.memberships.select_related("community"):
        entry = _row(member)
        entry["community_name"] = member.community.name
        demo = Demographics.objects.filter(member=member).first()
        entry["demographics"] = _row(demo) if demo else None
        entry["participation"] = list(
            member.acts.values(
                "method", "channel", "depth", "occurred_at", "source_type", "source_id"
            )
        )
        entry["records"] = member_records(member)
        data["memberships"].append(entry)
    data["notifications"] = list(
        user.notifications.values("kind", "title", "body", "url", "created_at", "read_at")
    )
    data["notification_preferences"] = list(
        user.notification_preferences.values("kind", "email", "in_app")
    )
    data["api_tokens"] = list(
        user.api_tokens.values("name", "prefix", "created_at", "last_used_at")
    )
    return data


def erased_name() -> str:
    """What an erased membership is called, in the site's first language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Former resident (account deleted)")


@transaction.atomic
def erase_account(user: User) -> None:
    """Delete the person, keep the record (see the module's docstring)."""
    name = erased_name()
    for member in Member.objects.select_for_update().filter(user=user):
        Demographics.objects.filter(member=member).delete()
        for label, lookup in ERASED_WITH_THE_PERSON.items():
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            model._default_manager.filter(**{lookup: member}).delete()
        # Participation stays counted but no longer points to a person.
        member.acts.update(member=None)
        member.user = None
        member.name = name
        member.email = ""
        member.phone = ""
        member.note = ""
        member.claim_code = ""
        member.status = Member.Status.LEFT
        member.role = Role.RESIDENT
        member.save()
        audit.log(None, "member.erase", member, community=member.community)
    user.notifications.all().delete()
    user.notification_preferences.all().delete()
    user.api_tokens.all().delete()
    try:
        with transaction.atomic():
            user.delete()
    except ProtectedError:
        # Staff who entered paper ballots stay referenced by those entries (who typed what is
        # part of the count's audit trail): the row stays as a nameless, closed tombstone.
        user.email = None
        user.phone = None
        user.name = name
        user.is_active = False
        user.set_unusable_password()
        user.save()
