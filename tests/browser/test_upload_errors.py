"""A resident attaches a picture with far too many pixels to a proposal: the form comes back with
the translated reason next to the photo field and everything typed still there; a normal phone
photo is then saved and shown through the permission-checked /media/ view."""

from __future__ import annotations

import pytest

from linli.proposals.models import Proposal
from tests.browser.conftest import check_axe, login, shot
from tests.conftest import PASSWORD
from tests.images import jpeg_with_gps, png_of_size

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_oversized_photo_gets_a_translated_error_and_keeps_the_form(page, community, resident):
    login(page, resident.email, PASSWORD)
    page.goto(f"/c/{community.slug}/proposals/new/")
    page.fill("#id_title", "院坝增设座椅")
    page.fill("#id_body", "老人晒太阳没地方坐，希望加几张长椅。")
    page.set_input_files(
        "#id_photo",
        {"name": "big.png", "mimeType": "image/png", "buffer": png_of_size(13_000, 13_000)},
    )
    page.click('main button:has-text("保存草稿")')
    page.locator(".error-summary").wait_for()
    assert "像素太多" in page.locator(".error-summary").inner_text()
    assert page.input_value("#id_title") == "院坝增设座椅"
    assert "老人晒太阳" in page.input_value("#id_body")
    check_axe(page, "proposal form with a photo refused")
    shot(page, "upload-too-many-pixels-zh-hans")
    assert not Proposal.objects.exists()

    page.set_input_files(
        "#id_photo", {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}
    )
    page.click('main button:has-text("保存草稿")')
    photo = page.locator("main img").first
    photo.wait_for()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 1600
    assert "/media/proposals/photos/" in (photo.get_attribute("src") or "")
