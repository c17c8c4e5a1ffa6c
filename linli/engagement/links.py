"""Activities linked to a project: surveys, meetings, votes... that other modules run for it.

A module that can belong to a project declares its function in its AppConfig, e.g.
``project_links=Hook("linli.surveys.services.project_items", order)``. The function takes the
project and returns a list of
``LinkedItem`` (below; any object with the same attributes also works):

- ``title`` (str): the activity's name, as residents see it;
- ``url`` (str): where to read or join it;
- ``status`` (str): its state in words, already translated (e.g. "open until 20 May", "closed");
- ``is_open`` (bool): True while residents can take part now;
- ``kind`` (str, optional): the module's name in words, e.g. "Survey".

Providers list only what the public may see (no drafts): the project page shows them to everyone.
No module may declare one; the project page then lists nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linli.core.kit import modules

if TYPE_CHECKING:
    from .models import Project


@dataclass(frozen=True)
class LinkedItem:
    title: str
    url: str
    status: str
    is_open: bool
    kind: str = ""


def providers() -> list[Callable[[Project], Any]]:
    """Every module's ``project_links`` function, in their declared order."""
    return modules.functions("project_links")


def linked_items(project: Project) -> list[LinkedItem]:
    """Every provider's items for the project, open ones first, each kept in its provider's order."""
    items: list[LinkedItem] = []
    for provider in providers():
        for obj in provider(project) or []:
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
