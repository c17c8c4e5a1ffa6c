"""Activities linked to a project: surveys, meetings, votes... that other modules run for it.

A module that can belong to a project adds the dotted path of its function here, e.g.
``"linli.surveys.services.project_items"``. The function takes the project and returns a list of
``LinkedItem`` (below; any object with the same attributes also works):

- ``title`` (str): the activity's name, as residents see it;
- ``url`` (str): where to read or join it;
- ``status`` (str): its state in words, already translated (e.g. "open until 20 May", "closed");
- ``is_open`` (bool): True while residents can take part now;
- ``kind`` (str, optional): the module's name in words, e.g. "Survey".

Providers list only what the public may see (no drafts): the project page shows them to everyone.
The registry may be empty; the project page then lists nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from .models import Project

LINK_PROVIDERS: list[str] = [
    "linli.surveys.services.project_items",
    "linli.votes.services.project_items",
    "linli.meetings.services.project_items",
    "linli.volunteering.services.project_items",
    "linli.grants.services.project_items",
    "linli.budgeting.services.project_items",
]


@dataclass(frozen=True)
class LinkedItem:
    title: str
    url: str
    status: str
    is_open: bool
    kind: str = ""


def linked_items(project: Project, providers: list[str] | None = None) -> list[LinkedItem]:
    """Every provider's items for the project, open ones first, each kept in its provider's order."""
    items: list[LinkedItem] = []
    for path in LINK_PROVIDERS if providers is None else providers:
        for obj in import_string(path)(project) or []:
            items.append(
                LinkedItem(
                    title=str(obj.title),
                    url=str(obj.url),
                    status=str(obj.status),
                    is_open=bool(obj.is_open),
                    kind=str(getattr(obj, "kind", "") or ""),
                )
            )
    return sorted(items, key=lambda item: not item.is_open)
