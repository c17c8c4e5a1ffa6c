"""The board groups boxes by building and unit and shows flats only to residents; listing with a
photo, asking with bad dates (nothing typed is lost), search, and the poster for the gate."""

from __future__ import annotations

import base64
import io
import re
import zlib
from datetime import timedelta

import pytest
from PIL import Image

from linli.sharing import poster, services
from linli.sharing.models import Box, Item, Loan

from .conftest import english_client, list_item, today


def photo_upload() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 120, 40)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "drill.png"
    return buffer


@pytest.mark.django_db
def test_the_board_groups_by_building_and_unit_one_box_per_household(
    community, owner, borrower, neighbour
):
    list_item(owner, community, "锤子")
    list_item(owner, community, "烤箱", category="kitchen")
    list_item(borrower, community, "帐篷", category="sports")
    list_item(neighbour, community, "儿童绘本", category="books")
    courtyards = services.board(community, services.on_board(community))
    assert len(courtyards) == 1
    groups = courtyards[0].buildings
    assert [g.name for g in groups] == ["2栋", "3栋"]
    assert groups[0].heading == f"{courtyards[0].name} · 2栋"
    assert [u.name for u in groups[1].units] == ["1单元", "2单元"]
    owner_box = groups[0].units[0].boxes[0]
    assert owner_box.label == "301" and [i.name for i in owner_box.items] == ["烤箱", "锤子"]
    visitors = services.board(community, services.on_board(community), show_flats=False)
    assert visitors[0].buildings[0].units[0].boxes[0].label == ""
    Box.objects.filter(household__flat__name="301").update(show_name=True, display_name="罗嬢嬢家")
    assert (
        services.board(community, services.on_board(community), show_flats=False)[0]
        .buildings[0]
        .units[0]
        .boxes[0]
        .label
        == "罗嬢嬢家"
    )


@pytest.mark.django_db
def test_search_by_category_and_word(community, owner, borrower):
    list_item(owner, community, "锤子")
    list_item(owner, community, "烤箱", category="kitchen", description="可以烤蛋糕")
    page = (
        english_client(borrower)
        .get(f"/c/{community.slug}/sharing/?category=kitchen")
        .content.decode()
    )
    assert "烤箱" in page and "锤子" not in page
    page = english_client(borrower).get(f"/c/{community.slug}/sharing/?q=蛋糕").content.decode()
    assert "烤箱" in page and "锤子" not in page
    page = english_client(None).get(f"/c/{community.slug}/sharing/").content.decode()
    assert "Residents who sign in see which flat lends what." in page and ">301<" not in page


@pytest.mark.django_db
def test_listing_an_item_with_a_photo_over_http(community, owner):
    client = english_client(owner)
    response = client.post(
        f"/c/{community.slug}/sharing/items/new/",
        {
            "name": "电钻",
            "category": "tools",
            "condition": "good",
            "loan_days": 7,
            "pickup_times": "晚上7点以后",
            "photo_upload": photo_upload(),
        },
    )
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.photo.name.endswith(".jpg") and max(Image.open(item.photo).size) <= 1600
    assert item.expires_on == today() + timedelta(days=90)


@pytest.mark.django_db
def test_bad_input_is_refused_clearly_and_nothing_typed_is_lost(community, owner, borrower):
    client = english_client(owner)
    page = client.post(
        f"/c/{community.slug}/sharing/items/new/",
        {
            "name": "梯子",
            "category": "tools",
            "condition": "good",
            "loan_days": 400,
            "pickup_times": "周末上午",
        },
    ).content.decode()
    assert "Please correct the following" in page and 'value="周末上午"' in page
    page = client.post(
        f"/c/{community.slug}/sharing/items/new/",
        {
            "name": "梯子",
            "category": "tools",
            "condition": "good",
            "loan_days": 3,
            "photo_upload": io.BytesIO(b"not a photo"),
        },
    ).content.decode()
    assert "This file is not a photo we can read" in page
    item = list_item(owner, community, "梯子", loan_days=3)
    start = today() + timedelta(days=1)
    page = (
        english_client(borrower)
        .post(
            f"/c/{community.slug}/sharing/items/{item.pk}/",
            {
                "starts_on": start.isoformat(),
                "due_on": (start + timedelta(days=9)).isoformat(),
                "message": "想借来刷墙",
            },
        )
        .content.decode()
    )
    assert "This household lends it for at most 3 days." in page
    assert "想借来刷墙" in page and not Loan.objects.exists()
    page = (
        english_client(borrower)
        .post(
            f"/c/{community.slug}/sharing/items/{item.pk}/", {"starts_on": "tomorrow", "due_on": ""}
        )
        .content.decode()
    )
    assert "Enter a valid date." in page


@pytest.mark.django_db
def test_the_whole_loan_over_http(community, owner, borrower, item):
    start = today()
    client = english_client(borrower)
    response = client.post(
        f"/c/{community.slug}/sharing/items/{item.pk}/",
        {"starts_on": start.isoformat(), "due_on": start.isoformat()},
    )
    loan = Loan.objects.get()
    assert response["Location"] == loan.get_absolute_url()
    base = f"/c/{community.slug}/sharing/loans/{loan.pk}/"
    lender = english_client(owner)
    lender.post(base + "approve/", {"message": "晚上来拿"})
    lender.post(base + "handover/", {"photo": photo_upload()})
    page = client.get(base).content.decode()
    assert "The loan waits for you." in page and "I received it" in page
    client.post(base + "handover/")
    client.post(base + "return/")
    lender.post(base + "return/")
    client.post(base + "thanks/", {"thanks": "谢谢邻居"})
    lender.post(base + "show_thanks/")
    loan.refresh_from_db()
    assert loan.status == "returned" and loan.thanks_shown and loan.handover_photo
    assert "谢谢邻居" in english_client(None).get(f"/c/{community.slug}/sharing/").content.decode()


def pdf_text(data: bytes) -> str:
    """The text a reportlab PDF shows (no pypdf in the venv): inflate the content streams, read
    each (string) Tj, undo PDF escapes, and decode the CID font's UCS-2 (UTF-16BE)."""
    text = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        chunk = match.group(1).strip()
        if chunk.endswith(b"~>"):
            chunk = base64.a85decode(chunk[:-2])
        try:
            chunk = zlib.decompress(chunk)
        except zlib.error:
            continue
        for raw in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", chunk, re.S):
            unescaped = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda m: bytes([int(m.group(1), 8)]) if m.group(1)[:1].isdigit() else m.group(1),
                raw,
            )
            text.append(unescaped.decode("utf-16-be", errors="replace"))
    return "\n".join(text)


@pytest.mark.django_db
def test_the_poster_has_the_boxes_and_a_qr_code(community, owner, borrower, leader):
    list_item(owner, community, "电钻")
    for size in ("A4", "A3"):
        data = poster.board_poster(community, size=size, language="zh-hans")
        assert data.startswith(b"%PDF") and b"/Image" in data
        text = pdf_text(data)
        assert "电钻" in text and "301" in text and "2栋 1单元" in text
        assert "邻居家的闲置物品，欢迎来借" in text  # the title, in Chinese
    response = english_client(leader).get(f"/c/{community.slug}/sharing/poster.pdf?size=A3")
    assert response["Content-Type"] == "application/pdf"
    assert "A3" in response["Content-Disposition"]


@pytest.mark.django_db
def test_figures_page_has_a_table_for_every_chart(community, owner, borrower, item):
    from .conftest import lend

    lend(owner, borrower, item)
    page = english_client(None).get(f"/c/{community.slug}/sharing/figures/").content.decode()
    assert page.count("<table>") == 2 and "Loans per month" in page and "By building" in page


@pytest.mark.django_db
def test_editing_without_a_new_photo_keeps_the_old_one(community, owner, borrower):
    client = english_client(owner)
    client.post(
        f"/c/{community.slug}/sharing/items/new/",
        {
            "name": "烤箱",
            "category": "kitchen",
            "condition": "good",
            "loan_days": 3,
            "photo_upload": photo_upload(),
        },
    )
    item = Item.objects.get()
    photo = item.photo.name
    page = client.get(f"/c/{community.slug}/sharing/items/{item.pk}/edit/").content.decode()
    assert "Choose a new photo only to replace this one." in page
    client.post(
        f"/c/{community.slug}/sharing/items/{item.pk}/edit/",
        {"name": "大烤箱", "category": "kitchen", "condition": "good", "loan_days": 5},
    )
    item.refresh_from_db()
    assert item.name == "大烤箱" and item.photo.name == photo
    forbidden = english_client(borrower).post(
        f"/c/{community.slug}/sharing/items/{item.pk}/edit/",
        {"name": "我的了", "category": "kitchen", "condition": "good", "loan_days": 5},
    )
    assert forbidden.status_code == 403 and Item.objects.get().name == "大烤箱"
