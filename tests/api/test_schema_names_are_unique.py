"""Every schema class the API uses has its own name: OpenAPI keys components by class name, so
two classes with one name made the schema describe one and the API answer with the other."""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema

from linli.api.urls import api


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_no_two_api_schema_classes_share_a_name():
    api.get_openapi_schema()  # imports every router
    names: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("linli."):
            names[cls.__name__].add(cls.__module__)
    assert {name: mods for name, mods in names.items() if len(mods) > 1} == {}
