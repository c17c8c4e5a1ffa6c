"""What funds a project: each source app registers its model once (in its AppConfig.ready())
with the rules tracking asks it, so tracking names no app.

``may(user, verb, obj)``: may this person do ``verb`` ("team", "plan", "record", "photo") on the
source object ``obj``? ``refusal(verb, obj)``: why not now (the words), or None. ``may_see_receipts``
and ``may_see_photos`` mirror the source's pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.module_loading import import_string


def _never(_verb: str, _obj: Any) -> str | None:
    return None


@dataclass(frozen=True)
class Source:
    model: str  # "app_label.ModelName"
    community: Callable[[Any], Any]
    may: Callable[[Any, str, Any], bool]
    may_see_photos: Callable[[Any, Any], bool]
    may_see_receipts: Callable[[Any, Any], bool]
    refusal: Callable[[str, Any], str | None] = _never


def lazy(path: str) -> Callable[..., Any]:
    """A rule named by its dotted path, imported when first asked (apps.py loads no services)."""

    def call(*args: Any) -> Any:
        return import_string(path)(*args)

    return call


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.model.lower()] = source


def source_for(obj: Model) -> Source:
    key = f"{obj._meta.app_label}.{obj._meta.model_name}"
    if key not in SOURCES:
        raise LookupError(f"{key} is not registered as a tracking source")
    return SOURCES[key]
