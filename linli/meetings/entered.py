"""How someone was put on a meeting's list - online by themselves, or by staff who took their call
or their paper form - and by whom: the shape a meeting's registration and a hearing's speaker
share (a speaker holds no place and waits in no queue, so it is not a ``HeldPlace``; see
docs/decisions.md, public hearings)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryChannel(models.TextChoices):
    ONLINE = "online", _("online")
    PHONE = "phone", _("by phone, entered by staff")
    IN_PERSON = "in_person", _("in person, entered by staff")


class Entered(models.Model):
    """``channel``: how the person signed up; ``registered_by``: the staff account that entered
    it for them (none when they signed up themselves). A model may widen ``channel``'s choices
    (a meeting also takes walk-ins at the door)."""

    channel = models.CharField(
        _("registered"), max_length=10, choices=EntryChannel.choices, default=EntryChannel.ONLINE
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
