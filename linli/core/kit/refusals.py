"""The one refusal vocabulary of every command.

Two words, because a person needs to hear two different things:

- :class:`Forbidden` - "you may not": the caller's standing or relation to the object does not
  allow the action at all. Views answer 403 (it is Django's ``PermissionDenied``, so the project's
  403 page shows); the API answers 403. ``Forbidden(action, message)`` may say which seat or
  office it takes ("Only the board's chair, vice-chair or secretary can do this."); the 403 page
  and the API's ``detail`` then say it.
- :class:`Refused` - "not now, or not like this": the action is allowed for this person but the
  object is in the wrong phase, or the input is wrong. Views show the message on the form (see
  :func:`linli.core.attempt.attempt`) or, if nothing caught it, on a 400 page
  (:class:`linli.core.kit.http.RefusalMiddleware`); the API answers 400 with the message.

``linli.core.services.ServiceError`` is :class:`Refused` under its older name.

This module imports nothing from Django's app registry, so ``apps.py`` files may import it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class Forbidden(PermissionDenied):
    """The caller may not do this (wrong standing, or not the object's owner or team)."""

    def __init__(self, action: str = "", message: str = "") -> None:
        # str() is the message when there is one (what the person is told; what tests match),
        # else the action's name.
        super().__init__(message or action)
        self.action = action
        self.message = message


class Refused(Exception):
    """A refusal with a translated message meant for the person who asked; ``field`` names the
    form field it is about, when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
