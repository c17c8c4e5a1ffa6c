"""Item-sharing photos: a decompression bomb gets a translated error on the form (it was a 500),
and the hand-over photo, which shows a neighbour's flat and belongings, is for the two households
and the organisers only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.sharing import services
from linli.sharing.models import Item
from tests.images import jpeg_with_gps, png_of_size

from .conftest import ask, english_client


@pytest.mark.django_db
def test_a_20000_pixel_png_gets_a_translated_error_not_a_500(community, owner):
    response = english_client(owner).post(
        f"/c/{community.slug}/sharing/items/new/",
        {
            "name": "电钻",
            "category": "tools",
            "condition": "good",
            "loan_days": 7,
            "pickup_times": "晚上7点以后",
            "photo_upload": SimpleUploadedFile("bomb.png", png_of_size(20_000, 20_000)),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "too many pixels" in page and "晚上7点以后" in page
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_the_handover_photo_is_for_the_two_households_and_organisers(
    community, owner, borrower, neighbour, organiser, item
):
    loan = ask(borrower, item)
    services.decide(owner, loan, True)
    services.confirm_handover(owner, loan, SimpleUploadedFile("door.jpg", jpeg_with_gps()))
    loan.refresh_from_db()
    url = loan.handover_photo.url
    assert loan.handover_photo.name.startswith("sharing/loans/") and "door" not in url
    for allowed in (owner, borrower, organiser):
        assert english_client(allowed).get(url).status_code == 200
    for stranger in (None, neighbour):
        assert english_client(stranger).get(url).status_code == 404


@pytest.mark.django_db
def test_a_listed_items_photo_is_public(community, owner, item):
    services.save_item(owner, item, SimpleUploadedFile("drill.jpg", jpeg_with_gps()))
    item.refresh_from_db()
    response = english_client(None).get(item.photo.url)
    assert response.status_code == 200 and response["Cache-Control"].startswith("public")
