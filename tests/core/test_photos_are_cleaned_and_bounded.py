"""The one photo helper: what a phone hides in a photo is gone, and a picture with more pixels than
we will decode is refused from its header with a translated message, never a 500."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageFile

from linli.core import photos
from linli.core.services import ServiceError
from tests.images import GPS_IFD, jpeg_with_gps, png_of_size


def test_it_removes_the_gps_position_the_maker_and_the_comment():
    shrunk = photos.shrink(SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps()))
    with Image.open(io.BytesIO(shrunk.read())) as image:
        assert image.format == "JPEG" and max(image.size) == photos.LONGEST_SIDE
        assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
        assert "exif" not in image.info and "comment" not in image.info
    assert b"Wang" not in shrunk.read() and shrunk.name == "photo.jpg"


@pytest.mark.parametrize("side", [13_000, 20_000])
def test_it_refuses_too_many_pixels_from_the_header_without_decoding(side, monkeypatch):
    def no_decoding(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with (
        translation.override("zh-hans"),
        pytest.raises(ServiceError, match="像素") as refused,
    ):
        photos.shrink(SimpleUploadedFile("big.png", png_of_size(side, side)))
    assert refused.value.field == "image"


def test_it_refuses_a_file_over_the_byte_cap_before_reading_it():
    upload = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\0" * (photos.MAX_BYTES + 1))
    with translation.override("en"), pytest.raises(ServiceError, match="larger than 12 MB"):
        photos.shrink(upload)


def test_a_large_phone_jpeg_is_accepted_and_made_small():
    shrunk = photos.shrink(SimpleUploadedFile("pano.jpg", jpeg_with_gps((8000, 6000))))
    with Image.open(shrunk) as image:
        assert image.size == (1600, 1200)


def test_formats_other_than_photos_are_not_decoded():
    tiff = io.BytesIO()
    Image.new("RGB", (10, 10)).save(tiff, format="TIFF")
    with translation.override("en"), pytest.raises(ServiceError, match="not a photo"):
        photos.shrink(SimpleUploadedFile("scan.jpg", tiff.getvalue()))
