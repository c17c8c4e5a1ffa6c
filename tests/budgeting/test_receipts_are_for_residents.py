"""Receipts of a funded project are checked by the community's residents; a visitor from outside
reads "receipt on file". The idea's photo is public like the idea, and a new photo loses its EXIF."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.budgeting import services
from linli.budgeting.models import Idea
from linli.core import documents
from linli.tracking.models import FundedProject, Spending
from tests.images import GPS_IFD, jpeg_with_gps, pdf

from .conftest import add_project, english_client


@pytest.fixture
def spending(process) -> Spending:  # type: ignore[no-untyped-def]
    idea = add_project(process, "长椅", 3000)
    project = FundedProject.objects.create(
        community=process.community,
        source_type=ContentType.objects.get_for_model(idea),
        source_id=idea.pk,
    )
    return Spending.objects.create(
        project=project,
        amount_fen=120_000,
        what="器材",
        spent_on=date(2026, 5, 2),
        receipt=documents.receipt(SimpleUploadedFile("scan.pdf", pdf())),
    )


@pytest.mark.django_db
def test_receipts_are_served_to_residents_not_to_visitors(spending, resident, outsider):
    url = spending.receipt.url
    assert spending.receipt.name.startswith("tracking/receipts/")
    response = english_client(resident).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    for visitor in (None, outsider):
        assert english_client(visitor).get(url).status_code == 404


@pytest.mark.django_db
def test_a_receipt_stored_before_tracking_was_shared_keeps_its_rule(spending, resident, outsider):
    """Rows moved by the migration keep their file names under budgeting/receipts/."""
    with spending.receipt.open("rb") as handle:
        old = default_storage.save("budgeting/receipts/Qm9yZWQtcmFuZG9tLW5hbWU.pdf", handle)
    Spending.objects.filter(pk=spending.pk).update(receipt=old)
    url = default_storage.url(old)
    assert english_client(resident).get(url).status_code == 200
    for visitor in (None, outsider):
        assert english_client(visitor).get(url).status_code == 404


@pytest.mark.django_db
def test_an_ideas_photo_loses_its_exif_and_is_public(process, resident):
    idea = services.submit_idea(
        resident,
        process,
        Idea(title="长椅", body="院坝里添两张长椅"),
        SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps()),
    )
    with Image.open(idea.photo) as image:
        assert not image.getexif().get_ifd(GPS_IFD)
    assert english_client(None).get(idea.photo.url).status_code == 200
