"""One email address, one account, whatever its capitals.

Addresses are stored in lower case and the database holds a unique index on ``lower(email)``, so
"Ann@x.org" and "ann@x.org" can never become two accounts by any path (registration, profile,
invitations, the API, ``createsuperuser``, or a raw update). Pure helpers, no Django import.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def normalise_email(value: str | None) -> str | None:
    """The stored form of an address: trimmed and in lower case; absence is ``None``.

    Lower-casing the part before the @ is stricter than RFC 5321 allows in theory, but no mail
    provider our residents use treats case as different mailboxes, while two accounts that differ
    only by case are a real way to take over or confuse an account."""
    value = (value or "").strip()
    return value.lower() or None


def resolve_duplicates(rows: Iterable[tuple[int, str | None, datetime]]) -> dict[int, str | None]:
    """Stored addresses for existing accounts ``(pk, email, date_joined)`` before the constraint.

    Within a group of addresses equal but for case, the oldest account keeps the address (the
    later ones were made by someone who could not sign in, or by someone squatting); the others
    lose it (``None``) and keep their mobile number, if any. The migration writes each cleared
    address to the audit log so an administrator can contact the person. Nothing is deleted."""
    result: dict[int, str | None] = {}
    owner_of: dict[str, tuple[datetime, int]] = {}
    ordered = sorted(rows, key=lambda row: (row[2], row[0]))
    for pk, email, _joined in ordered:
        normal = normalise_email(email)
        if normal is None:
            result[pk] = None
            continue
        if normal in owner_of:
            result[pk] = None
        else:
            owner_of[normal] = (_joined, pk)
            result[pk] = normal
    return result
