"""Photos are shrunk on upload: phones take 4000-pixel pictures that nobody needs on a notice page."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from linli.core.services import ServiceError

LONGEST_SIDE = 1600
MAX_BYTES = 12 * 1024 * 1024


def shrink(upload: Any) -> SimpleUploadedFile:
    """A JPEG no larger than LONGEST_SIDE on its longest side, turned upright, without EXIF
    (which may hold where the phone was)."""
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise ServiceError(
            _("The photo is larger than 12 MB; please choose a smaller one."), "image"
        )
    try:
        image: Image.Image = Image.open(upload)
        image = ImageOps.exif_transpose(image)
        image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError):
        raise ServiceError(
            _("This file is not a photo we can read (JPEG or PNG)."), "image"
        ) from None
    stem = str(getattr(upload, "name", "photo")).rsplit(".", 1)[0][:60] or "photo"
    return SimpleUploadedFile(f"{stem}.jpg", out.getvalue(), content_type="image/jpeg")
