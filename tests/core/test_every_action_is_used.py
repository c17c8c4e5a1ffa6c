"""Every action in the role table is asked somewhere: an entry nobody checks protects nothing and
hides which entry really guards a page (issue 24: ``members.edit`` was such an entry)."""

from __future__ import annotations

from pathlib import Path

from linli.core import permissions

LINLI = Path(permissions.__file__).resolve().parent.parent


def _sources() -> str:
    texts = []
    for path in sorted(LINLI.rglob("*")):
        if path.suffix not in (".py", ".html") or "migrations" in path.parts:
            continue
        if path.name == "apps.py" or path == Path(permissions.__file__).resolve():
            continue  # where actions are declared, not asked
        texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


def test_every_action_in_the_role_table_is_asked_somewhere(db):
    sources = _sources()
    unused = sorted(
        name
        for name in permissions.RULES
        if f'"{name}"' not in sources and f"'{name}'" not in sources
    )
    assert unused == [], f"role-table entries no view, service or template asks: {unused}"
