"""公示 for any decision: the small interface another module implements to put its decisions
under public notice. disclosure keeps the mechanism (period, objections, public answers, final
only after the period and all answers); the module says what its subject is.

An adapter is registered once (``register``), under a kind such as ``"grants.award"``::

    Adapter(
        kind="grants.award",
        load=lambda pk: Application.objects.get(pk=pk),      # subject id -> object
        title=lambda app: f"微项目资助：{app.title}",           # the 公示's title
        becomes_final=lambda app: "资助 3000 元 ...",         # what becomes final, in words
        on_final=lambda app: None,                           # callback once final
    )

``community`` finds the subject's community (default: its ``community`` attribute); ``applies``
says whether a subject is publicised at all when its module calls ``publicise_decision``. ``on_final`` runs in the sweep's transaction when
the decision becomes final (or in ``make_final``'s, when someone who answers makes it final).

Optional, for a decision with parts and its own deciders (a contest: its board, its applications):
``about`` lists the parts an objection may be about, as ``(key, label)``; ``answered_by(user,
subject, about)`` raises ``Refused`` when the person may not answer an objection about that part
or make the decision final (default: the community's organisers, ``disclosure.manage``);
``on_objection(objection, subject)`` tells the deciders; ``objection_depth`` is the ladder step
an objection records (default consulted); ``page`` is the module's own page of the 公示. Adapters for grant awards and PB results are in ``adapters.py``;
contests (reviews) and body resolutions (governance) plug in the same way from their own
``AppConfig.ready`` - see docs/modules/disclosure.md."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Adapter:
    kind: str
    load: Callable[[str], Any]
    title: Callable[[Any], str]
    becomes_final: Callable[[Any], str]
    community: Callable[[Any], Any] = lambda subject: subject.community
    on_final: Callable[[Any], None] = lambda subject: None
    applies: Callable[[Any], bool] = lambda subject: True  # for ``publicise_decision``
    about: Callable[[Any], list[tuple[str, str]]] = lambda subject: []
    answered_by: Callable[[Any, Any, str], None] | None = None
    on_objection: Callable[[Any, Any], None] = lambda objection, subject: None
    objection_depth: int = 2  # participation.Depth.CONSULTED
    page: Callable[[Any], str] | None = None


ADAPTERS: dict[str, Adapter] = {}


def register(adapter: Adapter) -> None:
    ADAPTERS[adapter.kind] = adapter


def adapter(kind: str) -> Adapter:
    if kind not in ADAPTERS:
        raise KeyError(f"no 公示 adapter for {kind!r}: register one (disclosure.publicity)")
    return ADAPTERS[kind]
