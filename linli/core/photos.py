"""The one way a photo enters linli. Every upload of a picture, from a form, a service or the demo,
goes through ``shrink``:

1. the byte size is capped (MAX_BYTES) before anything is read;
2. the format and the dimensions are read from the header only, and a picture with more pixels
   than we are willing to decode is refused there (a 20000 x 20000 PNG is 30 KB on disk and
   1.6 GB in memory: a "decompression bomb");
3. the picture is decoded (JPEGs at a reduced scale, so even a large phone photo stays cheap),
   turned upright, shrunk to LONGEST_SIDE, copied pixel by pixel into a fresh image and saved as
   a JPEG. Nothing of the original file survives but its pixels: no EXIF (where the phone was,
   which phone, when), no comments, no XMP, no ICC profile, no hidden trailing data.

Forms use ``PhotoField``, which runs step 1 and 2 during validation, so a person sees a translated
error next to the field and keeps everything else they typed.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from linli.core.services import ServiceError

LONGEST_SIDE = 1600
MAX_BYTES = 12 * 1024 * 1024
# JPEGs are decoded at 1/2 .. 1/8 of their size (Pillow's "draft" mode), so a 200-megapixel phone
# photo costs about as much as a 3-megapixel one. Other formats are decoded whole: 30 megapixels
# in RGBA is 120 MB, the most one upload may take on a small server.
MAX_JPEG_PIXELS = 200_000_000
MAX_OTHER_PIXELS = 30_000_000
# Formats phones and scanners produce; other decoders (TIFF, PSD, EPS...) are never reached.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # JPEG includes MPO (several frames, from some phones)


def _open(upload: Any) -> Image.Image:
    """Open the header of ``upload`` (nothing is decoded yet) and refuse what we will not decode."""
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise ServiceError(
            _("The photo is larger than %(mb)d MB; please choose a smaller one.")
            % {"mb": MAX_BYTES // (1024 * 1024)},
            "image",
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit and raises above twice that; our limit is lower
            # and checked just below, so its warning adds nothing.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=FORMATS)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _unreadable() from None
    width, height = image.size
    limit = MAX_JPEG_PIXELS if image.format in ("JPEG", "MPO") else MAX_OTHER_PIXELS
    if width * height > limit or width <= 0 or height <= 0:
        raise _too_many_pixels()
    return image


def _too_many_pixels() -> ServiceError:
    return ServiceError(
        _(
            "This picture has too many pixels to be a photo we can take. "
            "Please send a normal photo or a screenshot of it."
        ),
        "image",
    )


def _unreadable() -> ServiceError:
    return ServiceError(_("This file is not a photo we can read (JPEG or PNG)."), "image")


def check(upload: Any) -> None:
    """Refuse, from the header alone, what ``shrink`` would refuse for its size or pixels."""
    _open(upload)
    if hasattr(upload, "seek"):
        upload.seek(0)


def shrink(upload: Any) -> SimpleUploadedFile:
    """A JPEG no larger than LONGEST_SIDE on its longest side, turned upright, made of the pixels
    alone (see the module docstring). The name is neutral: the storage gives it a random one."""
    image = _open(upload)
    try:
        if image.format in ("JPEG", "MPO"):
            image.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        # A fresh image holds the pixels and nothing else (Pillow would carry a JPEG comment over).
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
        out = io.BytesIO()
        clean.save(out, format="JPEG", quality=85, optimize=True)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _unreadable() from None
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


class PhotoField(forms.FileField):
    """An optional photo upload whose size and pixels are checked from its header during form
    validation; the service then calls ``shrink``. Any file type may be chosen, so a phone's
    HEIC or a PDF gets our clear message instead of the browser silently hiding it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "read"):
            try:
                check(upload)
            except ServiceError as error:
                raise forms.ValidationError(error.message) from None
        return upload
