"""Import census-style population margins (how many people of each age band, gender, language,
disability and tenure live here, for the community or per courtyard) from CSV or XLSX: a preview
with row-level errors, then all or nothing (as ``linli.core.household_import`` does for the
roster). The file has one row per group: courtyard (optional), dimension, group, people."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _

from linli.core.household_import import read_table
from linli.core.kit import Refused
from linli.core.models import Community, Place

from .models import MARGIN_DIMENSIONS, Dimension
from .queries import group_labels

HEADINGS = {
    "area": {"area", "courtyard", "estate", "院落", "小区", "小區", "院落/小区", "小区/院落"},
    "dimension": {"dimension", "variable", "维度", "維度", "类别", "類別"},
    "group": {"group", "value", "category", "分组", "分組", "组别", "組別"},
    "people": {"people", "count", "population", "n", "人数", "人數"},
    "source": {"source", "来源", "來源"},
}
REQUIRED = ("dimension", "group", "people")
MAX_ROWS = 2000


@dataclass
class Row:
    number: int
    values: dict[str, str]
    dimension: str = ""
    group: str = ""
    people: int = 0
    area_id: int | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    rows: list[Row]
    file_errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.file_errors and bool(self.rows) and all(not r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(1 for row in self.rows if row.errors)


def _words(choices: Mapping[str, Any], code: str) -> set[str]:
    """A code and its words in every language, lower-cased, to accept any of them."""
    words = {code.lower()}
    for language in ("zh-hans", "zh-hant", "en"):
        with translation.override(language):
            words.add(str(choices[code]).lower())
    return words


def _vocabulary() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Accepted words for dimensions and for each dimension's groups, mapped to codes."""
    dimension_names = dict(Dimension.choices)
    dimensions = {
        word: str(code) for code in MARGIN_DIMENSIONS for word in _words(dimension_names, code)
    }
    groups: dict[str, dict[str, str]] = {}
    for code in MARGIN_DIMENSIONS:
        accepted: dict[str, str] = {}
        for language in ("zh-hans", "zh-hant", "en"):
            with translation.override(language):
                for group, words in group_labels()[code].items():
                    accepted[group.lower()] = group
                    accepted[words.lower()] = group
        groups[code] = accepted
    return dimensions, groups


def preview(community: Community, upload: IO[bytes], filename: str) -> Preview:
    try:
        table = read_table(upload, filename)
    except Refused as error:
        return Preview([], [error.message])
    if not table:
        return Preview([], [_("The file is empty.")])
    columns: dict[int, str] = {}
    for index, heading in enumerate(table[0]):
        for name, accepted in HEADINGS.items():
            if heading.strip().lower() in accepted:
                columns[index] = name
    missing = [name for name in REQUIRED if name not in columns.values()]
    if missing:
        return Preview(
            [],
            [
                _("The first row must name the columns. Missing: %(names)s.")
                % {"names": ", ".join(missing)}
            ],
        )
    if len(table) - 1 > MAX_ROWS:
        return Preview([], [_("At most %(max)d rows can be imported at once.") % {"max": MAX_ROWS}])
    dimensions, groups = _vocabulary()
    areas = dict(
        Place.objects.filter(community=community, kind=Place.Kind.AREA).values_list("name", "pk")
    )
    rows: list[Row] = []
    seen: dict[tuple[int | None, str, str], int] = {}
    for number, raw in enumerate(table[1:], start=2):
        values = {name: raw[i] if i < len(raw) else "" for i, name in columns.items()}
        row = Row(number, values)
        row.dimension = dimensions.get(values.get("dimension", "").strip().lower(), "")
        if not row.dimension:
            row.errors.append(
                _("Unknown dimension: use age, gender, language, disability or tenure.")
            )
        else:
            row.group = groups[row.dimension].get(values.get("group", "").strip().lower(), "")
            if not row.group:
                row.errors.append(
                    _("Unknown group “%(group)s” for this dimension.")
                    % {"group": values.get("group", "")}
                )
        area = values.get("area", "").strip()
        if area:
            row.area_id = areas.get(area)
            if row.area_id is None:
                row.errors.append(
                    _("No courtyard or estate here is called “%(name)s”.") % {"name": area}
                )
        try:
            row.people = int(float(values.get("people", "").strip() or "x"))
            if row.people < 0 or row.people > 10_000_000:
                raise ValueError
        except ValueError:
            row.errors.append(_("The number of people must be a whole number, 0 or more."))
        key = (row.area_id, row.dimension, row.group)
        if not row.errors and key in seen:
            row.errors.append(_("The same group is already on row %(row)d.") % {"row": seen[key]})
        seen.setdefault(key, number)
        rows.append(row)
    return Preview(rows, [])
