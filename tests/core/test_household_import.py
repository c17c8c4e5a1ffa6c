from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from linli.core.models import AuditEntry, Household, Place
from tests.conftest import client_for

GOOD_CSV = "院落,栋,单元,户号,人数,联系人,电话\n梧桐院,1栋,1单元,101,3,王秀英,13800000001\n梧桐院,1栋,1单元,102,2,李建国,13800000002\n槐树院,2栋,,201,1,张桂兰,\n"


def upload(client, slug, name, data):
    return client.post(
        f"/c/{slug}/manage/households/import/", {"file": SimpleUploadedFile(name, data)}
    )


def confirm(client, slug, response):
    return client.post(
        f"/c/{slug}/manage/households/import/",
        {"confirm": "1", "token": response.context["token"]},
    )


def test_preview_then_import(community, organiser):
    client = client_for(organiser)
    response = upload(client, community.slug, "households.csv", GOOD_CSV.encode())
    assert response.status_code == 200
    result = response.context["result"]
    assert result.ok and len(result.rows) == 3
    assert Household.objects.count() == 0  # a preview writes nothing
    response = confirm(client, community.slug, response)
    assert response.status_code == 302
    assert Household.objects.filter(community=community).count() == 3
    flat = Household.objects.get(contact_name="张桂兰").flat
    assert flat.label == "槐树院 2栋 201" and flat.area.name == "槐树院"
    assert AuditEntry.objects.filter(action="households.import").exists()


def test_gb18030_csv_from_excel_in_chinese_windows(community, organiser):
    response = upload(client_for(organiser), community.slug, "h.csv", GOOD_CSV.encode("gb18030"))
    assert response.context["result"].ok


def test_xlsx(community, organiser):
    book = Workbook()
    sheet = book.active
    for row in [
        ["小区", "栋", "单元", "户号", "人数"],
        ["锦绣苑", "1栋", "1单元", "1101", 4],
        ["锦绣苑", "1栋", "1单元", "1102", 2],
    ]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    client = client_for(organiser)
    response = upload(client, community.slug, "h.xlsx", buffer.getvalue())
    assert response.context["result"].ok
    confirm(client, community.slug, response)
    assert Household.objects.filter(area__name="锦绣苑").count() == 2


def test_row_errors_are_listed_and_nothing_is_imported(community, organiser):
    bad = (
        "院落,栋,单元,户号,人数,邮箱\n"
        "梧桐院,1栋,1单元,101,3,\n"
        ",1栋,1单元,102,2,\n"  # no courtyard
        "梧桐院,1栋,1单元,103,many,\n"  # size not a number
        "梧桐院,1栋,1单元,101,3,\n"  # same flat twice
        "梧桐院,1栋,1单元,104,2,not-an-email\n"
    )
    client = client_for(organiser)
    response = upload(client, community.slug, "bad.csv", bad.encode())
    result = response.context["result"]
    assert not result.ok
    assert [row.number for row in result.rows if row.errors] == [3, 4, 5, 6]
    response = confirm(client, community.slug, response)
    assert Household.objects.count() == 0
    assert Place.objects.count() == 0  # not even the addresses of the good rows


def test_malformed_files_get_a_clear_message(community, organiser):
    client = client_for(organiser)
    for name, data in [
        ("x.csv", b"\x00\x01\x02\xff\xfe"),
        ("x.xlsx", b"not a workbook"),
        ("x.csv", b""),
        ("x.csv", "姓名,年龄\n王,3\n".encode()),
    ]:
        response = upload(client, community.slug, name, data)
        if response.context["form"].errors:
            continue
        result = response.context["result"]
        assert result.file_errors, name
    assert Household.objects.count() == 0


def test_wrong_file_type_is_refused(community, organiser):
    response = upload(client_for(organiser), community.slug, "x.pdf", b"%PDF-1.4")
    assert response.context["form"].errors


def test_importing_again_updates_instead_of_duplicating(community, organiser):
    client = client_for(organiser)
    confirm(client, community.slug, upload(client, community.slug, "h.csv", GOOD_CSV.encode()))
    changed = GOOD_CSV.replace("王秀英", "王秀英(户主)")
    response = upload(client, community.slug, "h.csv", changed.encode())
    assert [row.action for row in response.context["result"].rows] == ["update", "update", "update"]
    confirm(client, community.slug, response)
    assert Household.objects.count() == 3
    assert Household.objects.filter(contact_name="王秀英(户主)").exists()


# --- Reading stops at the cap; abandoned uploads are removed (issue 15) -------------------------


def _counting_reader(monkeypatch):  # type: ignore[no-untyped-def]
    """Count the CSV rows the import actually parses."""
    from linli.core import household_import

    parsed = [0]
    real_reader = household_import.csv.reader

    def reader(*args, **kwargs):  # type: ignore[no-untyped-def]
        for row in real_reader(*args, **kwargs):
            parsed[0] += 1
            yield row

    monkeypatch.setattr(household_import.csv, "reader", reader)
    return parsed


def test_a_250000_row_file_is_refused_after_reading_the_cap(community, organiser, monkeypatch):
    from linli.core.household_import import MAX_ROWS

    parsed = _counting_reader(monkeypatch)
    rows = "".join(f"W,1,{n}\n" for n in range(250_000))  # 2.4 MB, under the 5 MB form cap
    response = upload(
        client_for(organiser), community.slug, "big.csv", f"院落,栋,户号\n{rows}".encode()
    )
    assert response.context["result"].file_errors
    assert parsed[0] <= MAX_ROWS + 2
    assert Household.objects.count() == 0


def test_an_xlsx_is_read_by_its_content_and_only_to_the_cap(community, organiser, monkeypatch):
    from linli.core import household_import

    monkeypatch.setattr(household_import, "MAX_ROWS", 50)
    book = Workbook()
    sheet = book.active
    sheet.append(["院落", "栋", "户号"])
    for n in range(2000):
        sheet.append(["梧桐院", "1栋", str(n)])
    data = io.BytesIO()
    book.save(data)
    pulled = [0]
    real = household_import._xlsx_rows

    def counting(upload):  # type: ignore[no-untyped-def]
        for row in real(upload):
            pulled[0] += 1
            yield row

    monkeypatch.setattr(household_import, "_xlsx_rows", counting)
    response = upload(client_for(organiser), community.slug, "households.csv", data.getvalue())
    assert "50" in str(response.context["result"].file_errors)
    assert pulled[0] <= 52


def test_uploads_nobody_confirmed_are_removed_after_a_day(community, organiser):
    import os
    import time

    from django.conf import settings

    folder = settings.DATA_DIR / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / "abandoned.csv", folder / "recent.csv"
    for path in (old, fresh):
        path.write_text("院落,栋,户号\n")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    upload(client_for(organiser), community.slug, "households.csv", GOOD_CSV.encode())
    assert not old.exists() and fresh.exists()
