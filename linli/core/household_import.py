"""Import households from a CSV or XLSX file: a preview with row-level errors, then all or nothing.

The file is read row by row and reading stops after MAX_ROWS (a 250,000-row file costs no more
than a 5,001-row one); uploads waiting for confirmation are removed after a day."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .models import Community, Household, User
from .permissions import require
from .services import ServiceError, household_by_names, place_path

# Accepted column headings, in any of the three languages, mapped to our field names.
HEADINGS = {
    "area": {
        "area",
        "estate",
        "courtyard",
        "小区",
        "院落",
        "小区/院落",
        "社區",
        "院落/小区",
        "小區",
        "小區/院落",
    },
    "building": {"building", "栋", "楼栋", "棟", "樓棟"},
    "unit": {"unit", "单元", "單元"},
    "flat": {"flat", "room", "户号", "门牌", "房号", "戶號", "房號", "門牌"},
    "size": {"size", "household size", "people", "人数", "户人数", "人數", "戶人數"},
    "contact_name": {"contact", "contact name", "联系人", "聯繫人", "聯絡人"},
    "contact_phone": {"phone", "contact phone", "电话", "联系电话", "電話", "聯繫電話", "聯絡電話"},
    "contact_email": {"email", "contact email", "邮箱", "電郵", "郵箱"},
}
REQUIRED = ("area", "building", "flat")
MAX_ROWS = 5000


@dataclass
class Row:
    number: int  # the line or sheet row people see in their spreadsheet
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    action: str = "create"  # or "update"

    @property
    def address(self) -> str:
        return " ".join(
            v for k in ("area", "building", "unit", "flat") if (v := self.values.get(k))
        )


@dataclass
class Preview:
    rows: list[Row]
    file_errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(not row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(1 for row in self.rows if row.errors)


XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx file is a ZIP archive
# Uploads waiting for the organiser to confirm are kept this long, then removed.
KEEP_UPLOADS = timedelta(days=1)


def _rows(upload: IO[bytes], filename: str) -> Iterator[list[str]]:
    """The file's rows, one at a time: nothing past the rows the caller takes is parsed. The kind
    of file is judged from its first bytes, not from its name."""
    upload.seek(0)
    head = upload.read(len(XLSX_MAGIC))
    upload.seek(0)
    if head == XLSX_MAGIC:
        yield from _xlsx_rows(upload)
        return
    if filename.lower().endswith(".xlsx"):
        raise ServiceError(_("This file could not be read as an Excel workbook (.xlsx)."))
    data = upload.read()  # at most 5 MB: ImportForm refuses larger files
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ServiceError(_("This file is not a text CSV file (UTF-8 or GB18030)."))
    if "\0" in text:
        raise ServiceError(_("This file is not a text CSV file (UTF-8 or GB18030)."))
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    for row in csv.reader(io.StringIO(text), dialect):
        yield [cell.strip() for cell in row]


def _xlsx_rows(upload: IO[bytes]) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    unreadable = _("This file could not be read as an Excel workbook (.xlsx).")
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:
        raise ServiceError(unreadable) from error
    try:
        sheet = workbook.active
        if sheet is None:
            return
        for row in sheet.iter_rows(values_only=True):  # type: ignore[union-attr]
            yield ["" if cell is None else str(cell).strip() for cell in row]
    except ServiceError:
        raise
    except Exception as error:  # a damaged sheet deep inside the archive
        raise ServiceError(unreadable) from error
    finally:
        workbook.close()


def _first_rows(upload: IO[bytes], filename: str, limit: int) -> list[list[str]]:
    """At most ``limit`` non-empty rows; the rest of the file is never read."""
    return list(islice((row for row in _rows(upload, filename) if any(row)), limit))


def read_table(upload: IO[bytes], filename: str, limit: int = MAX_ROWS + 1) -> list[list[str]]:
    """The non-empty rows of an uploaded CSV (UTF-8 or GB18030) or XLSX, heading included, at
    most ``limit`` of them (the rest is never read). Other imports (census margins) use it too."""
    return _first_rows(upload, filename, limit)


def remove_stale_uploads(folder: Path, now: datetime | None = None) -> int:
    """Delete uploads nobody confirmed within KEEP_UPLOADS (called on every new import)."""
    if not folder.is_dir():
        return 0
    cutoff = (now or datetime.now(tz=UTC)).timestamp() - KEEP_UPLOADS.total_seconds()
    removed = 0
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _map_headings(header: list[str]) -> tuple[dict[int, str], list[str]]:
    columns: dict[int, str] = {}
    for index, heading in enumerate(header):
        key = heading.strip().lower()
        for name, accepted in HEADINGS.items():
            if key in accepted:
                columns[index] = name
    missing = [name for name in REQUIRED if name not in columns.values()]
    return columns, missing


def preview(community: Community, upload: IO[bytes], filename: str) -> Preview:
    try:
        # The heading, MAX_ROWS rows and one more to know the file is too long.
        table = _first_rows(upload, filename, MAX_ROWS + 2)
    except ServiceError as error:
        return Preview([], [error.message])
    if not table:
        return Preview([], [_("The file is empty.")])
    columns, missing = _map_headings(table[0])
    if missing:
        names = ", ".join(missing)
        return Preview(
            [],
            [_("The first row must name the columns. Missing: %(names)s.") % {"names": names}],
        )
    if len(table) - 1 > MAX_ROWS:
        return Preview(
            [], [_("At most %(max)d households can be imported at once.") % {"max": MAX_ROWS}]
        )
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for offset, raw in enumerate(table[1:], start=2):
        values = {name: raw[i] if i < len(raw) else "" for i, name in columns.items()}
        row = Row(number=offset, values=values)
        _validate(community, row)
        key = row.address
        if key in seen:
            row.errors.append(_("The same flat is already on row %(row)d.") % {"row": seen[key]})
        seen.setdefault(key, row.number)
        rows.append(row)
    return Preview(rows, [])


def _validate(community: Community, row: Row) -> None:
    values = row.values
    for name in REQUIRED:
        if not values.get(name):
            label = {
                "area": _("estate or courtyard"),
                "building": _("building"),
                "flat": _("flat"),
            }[name]
            row.errors.append(_("%(field)s is missing.") % {"field": label})
    for name in ("area", "building", "unit", "flat"):
        if len(values.get(name, "")) > 60:
            row.errors.append(_("An address part is longer than 60 characters."))
            break
    size_text = values.get("size", "") or "1"
    try:
        size = int(float(size_text))
        if not 1 <= size <= 30:
            raise ValueError
        values["size"] = str(size)
    except ValueError:
        row.errors.append(_("Household size must be a whole number from 1 to 30."))
    email = values.get("contact_email", "")
    if email and ("@" not in email or len(email) > 254):
        row.errors.append(_("The email address is not valid."))
    if len(values.get("contact_name", "")) > 80:
        row.errors.append(_("The contact name is longer than 80 characters."))
    if len(values.get("contact_phone", "")) > 40:
        row.errors.append(_("The phone number is longer than 40 characters."))
    if not row.errors and _existing(community, values) is not None:
        row.action = "update"


def _existing(community: Community, values: dict[str, str]) -> Household | None:
    names = [values[k] for k in ("area", "building", "unit", "flat") if values.get(k)]
    return household_by_names(community, names)


@transaction.atomic
def apply(actor: User, community: Community, result: Preview) -> tuple[int, int]:
    """Write every row, or nothing at all if any row has an error. Returns (created, updated)."""
    require(actor, "households.import", community)
    if not result.ok:
        raise ServiceError(_("The file has errors; nothing was imported."))
    created = updated = 0
    for row in result.rows:
        values = row.values
        names = [values[k] for k in ("area", "building", "unit", "flat") if values.get(k)]
        flat = place_path(community, names)
        contact: dict[str, Any] = {
            "size": int(values.get("size") or 1),
            "contact_name": values.get("contact_name", ""),
            "contact_phone": values.get("contact_phone", ""),
            "contact_email": values.get("contact_email", ""),
        }
        _household, was_created = Household.objects.update_or_create(
            flat=flat, defaults={"community": community, "area": flat.area, **contact}
        )
        created += was_created
        updated += not was_created
    audit.log(
        actor,
        "households.import",
        community=community,
        after={"created": created, "updated": updated, "rows": len(result.rows)},
    )
    return created, updated
