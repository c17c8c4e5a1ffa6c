"""Notify a person in-app and by email, in the person's language, respecting what they turned off.

Email goes through the outbox (``OutboundEmail``): it is stored first and then sent by the task
queue, with retries, so a mail server that refuses or is down never loses a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from .models import Community, Member, Notification, NotificationPreference, OutboundEmail, User
from .stored_text import freeze

# Every kind of notification a module sends, with the name residents see when turning it off.
# A module declares its own in its AppConfig (``Module.notification_kinds``); they are added here
# when the apps are ready.
KINDS: list[tuple[str, str | Promise]] = [
    ("membership", gettext_lazy("Membership and verification")),
]

Text = str | Promise | tuple[str | Promise, Mapping[str, Any]]


def render_text(text: Text, language: str) -> str:
    """Render a (lazy) message with its parameters in ``language``."""
    with translation.override(language):
        if isinstance(text, tuple):
            message, params = text
            return str(message) % {k: str(v) for k, v in params.items()}
        return str(text)


def wants(user: User, kind: str, channel: str) -> bool:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return pref is None or bool(getattr(pref, channel))


def notify(
    recipient: User | Member,
    kind: str,
    title: Text,
    body: Text = "",
    *,
    url: str = "",
    community: Community | None = None,
    email: bool = True,
) -> Notification | None:
    """Send one notification. Returns the in-app notification, if one was made."""
    user: User | None
    address: str | None
    if isinstance(recipient, Member):
        user = recipient.user
        language = recipient.language
        address = (user.email if user else None) or recipient.email
        community = community or recipient.community
    else:
        user = recipient
        language = user.language
        address = user.email
    if user is not None:
        language = user.language or language
    title_text = render_text(title, language)
    body_text = render_text(body, language) if body else ""
    note = None
    if user is not None and wants(user, kind, "in_app"):
        message = {"title": freeze(title)}
        if body:
            message["body"] = freeze(body)
        note = Notification.objects.create(
            user=user,
            community=community,
            kind=kind,
            title=title_text[:200],
            body=body_text,
            message=message,
            url=url,
        )
    if email and address and (user is None or wants(user, kind, "email")):
        queue_email(address, kind, title_text, body_text, url=url, language=language, user=user)
    return note


def queue_email(
    to: str,
    kind: str,
    subject: str,
    text: str,
    *,
    url: str = "",
    language: str = settings.LANGUAGE_CODE,
    user: User | None = None,
) -> OutboundEmail:
    link = (settings.SITE_URL + url) if url.startswith("/") else url
    with translation.override(language):
        context = {"subject": subject, "text": text, "link": link, "language": language}
        plain = render_to_string("core/email/notification.txt", context)
        html = render_to_string("core/email/notification.html", context)
    outbound = OutboundEmail.objects.create(
        user=user, to=to, kind=kind, language=language, subject=subject, text=plain, html=html
    )
    transaction.on_commit(lambda: _enqueue(outbound.pk))
    return outbound


def _enqueue(outbound_id: int) -> None:
    from .tasks import send_outbound_email

    send_outbound_email.enqueue(outbound_id)
