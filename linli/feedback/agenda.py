"""The hook by which a feedback item becomes an agenda item of a body (a residents' council, the
review board...). Governance is another module, built separately; feedback names none of it.

A module that keeps bodies and agendas registers one handler when its app is ready::

    # linli/governance/apps.py
    def ready(self):
        from linli.feedback import agenda
        agenda.register(governance.handoff.put_feedback_on_agenda)

``handler(actor, item, body_name) -> str | None`` puts the item on that body's next agenda (in
the command's transaction) and returns the URL of the agenda item, or None when it does not know
the body. Without a handler, the item only records the body's name, and organisers carry it there
by hand; the item's page says so either way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, Any, str], str | None]
Names = Callable[[Any], list[str]]
Readable = Callable[[Any, Any], bool | None]

HANDLERS: list[Handler] = []
NAMERS: list[Names] = []
READERS: list[Readable] = []


def register(
    handler: Handler, names: Names | None = None, readable: Readable | None = None
) -> None:
    """``names(community)`` (optional) lists the bodies the handler knows, offered as the staff
    member types; ``readable(user, item)`` (optional) says whether that person may open the
    agenda the item is on (a body's agenda may be for its members until the minutes are
    published), or None when the item is not on one of its agendas."""
    if handler not in HANDLERS:
        HANDLERS.append(handler)
    if names is not None and names not in NAMERS:
        NAMERS.append(names)
    if readable is not None and readable not in READERS:
        READERS.append(readable)


def may_read_agenda(user: Any, item: Any) -> bool:
    """Whether the item's "see the agenda" link opens for this person."""
    if not item.agenda_url:
        return False
    for reader in READERS:
        answer = reader(user, item)
        if answer is not None:
            return answer
    return True


def body_names(community: Any) -> list[str]:
    return sorted({name for namer in NAMERS for name in namer(community)})


def hand_over(actor: Any, item: Any, body_name: str) -> str:
    """The URL of the agenda item the first willing handler made, or "" when none did."""
    for handler in HANDLERS:
        url = handler(actor, item, body_name)
        if url:
            return url
    return ""


def matters(community: Any) -> list[Any]:
    """Open collective items, offered to the agenda of a body's meeting (the ``agenda_sources``
    hook). Named by their heading: the words of a resident's report stay private."""
    from django.utils.translation import gettext_lazy as _

    from linli.core.kit.modules import AgendaMatter

    from .models import Item

    return [
        AgendaMatter("feedback.item", item.pk, _("Feedback"), item.heading, item.get_absolute_url())
        for item in Item.objects.filter(community=community)
        .open()
        .select_related("area", "community")
        .order_by("-updated_at")
    ]
