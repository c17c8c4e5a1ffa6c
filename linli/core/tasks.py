"""Background work of the core: sending the email outbox."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import OutboundEmail

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, ... minutes, at most 2 hours, between tries."""
    return timedelta(minutes=min(2 ** (attempts - 1), 120))


def deliver(outbound: OutboundEmail) -> bool:
    """Try to send one stored mail now. Returns True when it went out."""
    message = EmailMultiAlternatives(outbound.subject, outbound.text, to=[outbound.to])
    if outbound.html:
        message.attach_alternative(outbound.html, "text/html")
    outbound.attempts += 1
    try:
        message.send()
    except Exception as error:  # any transport failure: keep the mail and try again later
        logger.warning("email %s to %s failed: %s", outbound.pk, outbound.to, error)
        outbound.last_error = str(error)[:2000]
        if outbound.attempts >= MAX_ATTEMPTS:
            outbound.status = OutboundEmail.Status.FAILED
        else:
            outbound.next_attempt_at = timezone.now() + retry_delay(outbound.attempts)
        outbound.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    outbound.status = OutboundEmail.Status.SENT
    outbound.sent_at = timezone.now()
    outbound.save(update_fields=["attempts", "status", "sent_at"])
    return True


@task()
def send_outbound_email(outbound_id: int) -> bool:
    with transaction.atomic():
        outbound = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=outbound_id, status=OutboundEmail.Status.QUEUED)
            .first()
        )
        if outbound is None:
            return True
        sent = deliver(outbound)
    queued = outbound.status == OutboundEmail.Status.QUEUED
    if not sent and queued and default_task_backend.supports_defer:
        send_outbound_email.using(run_after=outbound.next_attempt_at).enqueue(outbound_id)
    return sent


def send_due_emails() -> int:
    """Send every queued mail whose time has come (used by the worker's sweep and by tests)."""
    sent = 0
    due = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.QUEUED, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    for outbound_id in list(due):
        with transaction.atomic():
            outbound = (
                OutboundEmail.objects.select_for_update()
                .filter(pk=outbound_id, status=OutboundEmail.Status.QUEUED)
                .first()
            )
            if outbound is not None and deliver(outbound):
                sent += 1
    return sent


@task()
def outbox_sweep_task() -> dict[str, int]:
    """Core's periodic sweep: any mail whose retry time has come (a crash or an outage may have
    lost its scheduled retry)."""
    return {"emails_sent": send_due_emails()}
