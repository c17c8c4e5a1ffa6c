"""Importing census-style margins: a preview with row errors, then all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from linli.core.kit import Forbidden, Refused
from linli.insights import margin_import, services
from linli.insights.models import Margin
from tests.conftest import client_for, make_household


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


@pytest.fixture
def courtyard(community):
    return make_household(community, ["橡树湾", "1栋", "1单元", "101"]).area


def test_it_reads_codes_and_words_in_chinese_and_english(community, courtyard):
    result = margin_import.preview(
        community,
        _csv("院落,维度,分组,人数\n橡树湾,tenure,tenant,120\n,language,Tibetan,60\n"),
        "m.csv",
    )
    assert result.ok
    first, second = result.rows
    assert (first.dimension, first.group, first.people, first.area_id) == (
        "tenure",
        "tenant",
        120,
        courtyard.pk,
    )
    assert (second.dimension, second.group, second.people, second.area_id) == (
        "language",
        "bo",
        60,
        None,
    )


def test_it_names_the_errors_of_each_row(community, courtyard):
    with translation.override("en"):
        result = _preview_with_errors(community)
    assert not result.ok
    errors = [row.errors for row in result.rows]
    assert errors[0] == []
    assert "row 2" in errors[1][0]
    assert "无名院" in errors[2][0]
    assert "Unknown dimension" in errors[3][0]
    assert "whole number" in errors[4][0]


def _preview_with_errors(community):
    return margin_import.preview(
        community,
        _csv(
            "courtyard,dimension,group,people\n"
            "橡树湾,tenure,tenant,12\n"
            "橡树湾,tenure,tenant,13\n"
            "无名院,tenure,owner,5\n"
            ",height,tall,5\n"
            ",gender,woman,many\n"
        ),
        "m.csv",
    )


def test_it_needs_the_columns_named(community):
    result = margin_import.preview(community, _csv("a,b\n1,2\n"), "m.csv")
    assert result.file_errors and not result.ok


def test_it_reads_an_excel_workbook(community):
    book = Workbook()
    sheet = book.active
    sheet.append(["dimension", "group", "people"])
    sheet.append(["gender", "woman", 300])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    result = margin_import.preview(community, buffer, "m.xlsx")
    assert result.ok and result.rows[0].people == 300


def test_importing_replaces_the_margins_all_or_nothing(community, courtyard, organiser):
    good = margin_import.preview(
        community, _csv("dimension,group,people\ngender,woman,30\n"), "m.csv"
    )
    assert services.import_margins(organiser, community, good, "2025") == 1
    bad = margin_import.preview(
        community, _csv("dimension,group,people\ngender,woman,x\n"), "m.csv"
    )
    with pytest.raises(Refused, match=r"^文件有错误，没有导入任何内容。$"):
        services.import_margins(organiser, community, bad)
    assert list(Margin.objects.values_list("group", "people")) == [("woman", 30)]


def test_a_resident_may_not_import(community, resident):
    good = margin_import.preview(
        community, _csv("dimension,group,people\ngender,woman,30\n"), "m.csv"
    )
    with pytest.raises(Forbidden, match=r"^insights\.manage$"):
        services.import_margins(resident, community, good)


def test_the_page_previews_then_imports(community, courtyard, organiser):
    client = client_for(organiser)
    url = f"/c/{community.slug}/insights/baselines/import/"
    upload = SimpleUploadedFile("m.csv", b"dimension,group,people\ntenure,tenant,44\n")
    page = client.post(url, {"file": upload, "source": "街道"})
    assert page.status_code == 200 and not Margin.objects.exists()
    token = page.context["token"]
    done = client.post(url, {"confirm": "1", "token": token, "source": "街道"})
    assert done.status_code == 302
    assert Margin.objects.get().people == 44 and Margin.objects.get().source == "街道"
