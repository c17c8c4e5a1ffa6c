"""Email goes over real SMTP: a local aiosmtpd server receives it, in the resident's language."""

from __future__ import annotations

import email
import socket
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from linli.core.models import Member, OutboundEmail
from linli.core.notify import notify
from linli.core.tasks import send_due_emails


class Inbox:
    def __init__(self, refuse: int = 0) -> None:
        self.messages: list[Message] = []
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 Try again later"
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    def start(refuse: int = 0):
        inbox = Inbox(refuse)
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
        controller.start()
        started.append(controller)
        return inbox, controller.port

    started: list[Controller] = []
    yield start
    for controller in started:
        controller.stop()


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )


def body_of(message: Message, subtype: str) -> str:
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            return part.get_payload(decode=True).decode(part.get_content_charset())
    return ""


@pytest.mark.django_db(transaction=True)
def test_a_notification_arrives_by_smtp_in_the_residents_language(smtp, community):
    from tests.conftest import make_household, make_person

    household = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    user = make_person(community, "en@test.org", household=household, language="en")
    inbox, port = smtp()
    with smtp_settings(port):
        notify(
            Member.objects.get(user=user),
            "membership",
            ("You are now a verified resident of %(community)s", {"community": "Wutong"}),
        )
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "en@test.org"
    assert "verified resident of Wutong" in message["Subject"]
    assert "notifications you get" in body_of(message, "plain")
    assert "<html" in body_of(message, "html")
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_chinese_reader_gets_chinese(smtp, community):
    from django.utils.translation import gettext_lazy as _

    from tests.conftest import make_person

    user = make_person(community, "zh@test.org", language="zh-hant")
    inbox, port = smtp()
    with smtp_settings(port):
        notify(user, "membership", _("Membership and verification"))
    assert inbox.messages and "驗證" in str(
        email.header.make_header(email.header.decode_header(inbox.messages[0]["Subject"]))
    )


@pytest.mark.django_db(transaction=True)
def test_a_refused_send_is_kept_and_retried_never_lost(smtp, community, time_machine):
    from tests.conftest import make_person

    user = make_person(community, "retry@test.org")
    inbox, port = smtp(refuse=1)
    with smtp_settings(port):
        time_machine.move_to(timezone.now(), tick=False)
        notify(user, "membership", "Hello")
        outbound = OutboundEmail.objects.get()
        assert outbound.status == OutboundEmail.Status.QUEUED and outbound.attempts == 1
        assert "451" in outbound.last_error
        assert send_due_emails() == 0  # not due yet: it waits before the next try
        time_machine.shift(120)
        assert send_due_emails() == 1
    outbound.refresh_from_db()
    assert outbound.status == OutboundEmail.Status.SENT and outbound.attempts == 2
    assert len(inbox.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_resident_can_turn_email_off(smtp, community):
    from linli.core.models import NotificationPreference
    from tests.conftest import make_person

    user = make_person(community, "quiet@test.org")
    NotificationPreference.objects.create(user=user, kind="membership", email=False, in_app=True)
    inbox, port = smtp()
    with smtp_settings(port):
        note = notify(user, "membership", "Hello")
    assert note is not None and not inbox.messages and not OutboundEmail.objects.exists()
