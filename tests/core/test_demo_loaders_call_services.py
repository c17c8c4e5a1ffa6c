"""Demo loaders call services only (issue 16): the demo is made by the same commands people run
- the organiser importing an estate's register, residents joining with their letter, a
neighbour listing a drill - so it cannot hold what the site itself could never write. This
reads every ``demo*.py`` and fails on a direct write: ``Model.objects.create()`` (or
``bulk_create``, ``get_or_create``, ``update``...), a ``.save()`` or ``.delete()`` of a row, a
queryset's ``.update()``/``.delete()``, and a related manager's ``.add()``/``.set()``/
``.remove()``/``.clear()``.

The scan is syntactic, as tests/core/test_views_do_not_write.py's is: a Pillow image's
``image.save(buffer, "PNG")`` (it has a file to write to) and a set's ``seen.add(x)`` (a plain
name, not a relation) are not rows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "linli"

MANAGER_WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
}
RELATION_WRITES = {"add", "set", "remove", "clear"}
ROW_WRITES = {"save", "delete", "full_clean_and_save"}

# Direct writes not converted yet, each with why; every entry must still be found, so its line
# is deleted when the loader is converted (the test below fails until it is).
NOT_YET: dict[str, set[str]] = {
    # The targets of the finished courtyard project are set by putting it back in planning and
    # closing it again: setting them while it was planned needs the engagement demo's timeline
    # to let insights act in that phase (the repeated question must exist by then).
    "insights/demo_outcomes.py": {
        "Project.objects.filter(pk=project.pk).update()",
    },
}


def _text(node: ast.expr) -> str:
    return ast.unparse(node)


def direct_writes(source: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        what = f"{_text(receiver)}.{method}()"
        on_manager = isinstance(receiver, ast.Attribute) and receiver.attr == "objects"
        on_queryset = isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute)
        writes = (
            ((on_manager or on_queryset) and method in MANAGER_WRITES)
            or (method in RELATION_WRITES and isinstance(receiver, ast.Attribute))
            or (method in ROW_WRITES and not node.args and not on_manager)
        )
        if writes:
            found.append((node.lineno, what))
    return sorted(found)


def _loaders() -> list[Path]:
    return sorted(p for p in ROOT.rglob("demo*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", _loaders(), ids=lambda p: str(p.relative_to(ROOT)))
def test_demo_loaders_write_only_through_services(path: Path) -> None:
    name = str(path.relative_to(ROOT))
    writes = [what for _line, what in direct_writes(path.read_text())]
    assert [w for w in writes if w not in NOT_YET.get(name, set())] == []


@pytest.mark.parametrize("name", sorted(NOT_YET))
def test_what_is_not_yet_converted_is_still_there(name: str) -> None:
    # When the loader is converted, delete its entry in NOT_YET.
    writes = {what for _line, what in direct_writes((ROOT / name).read_text())}
    assert writes >= NOT_YET[name]


def test_the_scan_finds_each_way_of_writing_directly() -> None:
    source = """
Place.objects.create(name="x")
Item.objects.bulk_create(items)
Member.objects.filter(pk=1).update(role="leader")
Loan.objects.filter(pk=1).delete()
first.save()
member.save(update_fields=["role"])
draft.coauthors.add(leader)
done.areas.set(old)
image.save(buffer, "PNG")
seen.add(member.household_id)
used.update(pk for pk in chosen)
services.save_item(user, item)
"""
    assert direct_writes(source) == [
        (2, "Place.objects.create()"),
        (3, "Item.objects.bulk_create()"),
        (4, "Member.objects.filter(pk=1).update()"),
        (5, "Loan.objects.filter(pk=1).delete()"),
        (6, "first.save()"),
        (7, "member.save()"),
        (8, "draft.coauthors.add()"),
        (9, "done.areas.set()"),
    ]
