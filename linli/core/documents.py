"""Receipts: a photo of the paper slip, or the PDF a shop sends. The kind is judged from the first
bytes of the file (a PDF starts with ``%PDF-``), never from its name or the browser's content type,
both of which the sender chooses. A photo goes through ``linli.core.photos.shrink``; a PDF is kept
as sent (it is the shop's document) but must look like a whole PDF and stay under MAX_PDF_BYTES."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from linli.core import photos
from linli.core.services import ServiceError

PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 10 * 1024 * 1024


def _head_and_tail(upload: Any) -> tuple[bytes, bytes]:
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    size = getattr(upload, "size", None) or 0
    upload.seek(max(0, size - 2048))
    tail = upload.read(2048)
    upload.seek(0)
    return head, tail


def is_pdf(upload: Any) -> bool:
    head, _tail = _head_and_tail(upload)
    return head == PDF_MAGIC


def check_receipt(upload: Any) -> None:
    """Refuse what ``receipt`` would refuse, without decoding a photo."""
    head, tail = _head_and_tail(upload)
    if head != PDF_MAGIC:
        photos.check(upload)
        return
    if getattr(upload, "size", 0) > MAX_PDF_BYTES:
        raise ServiceError(
            _("The PDF is larger than %(mb)d MB; please choose a smaller one.")
            % {"mb": MAX_PDF_BYTES // (1024 * 1024)},
            "receipt",
        )
    if b"%%EOF" not in tail:
        raise ServiceError(_("This PDF is cut short or damaged; please send it again."), "receipt")


def receipt(upload: Any) -> SimpleUploadedFile:
    """The receipt as it will be stored: a shrunk clean JPEG, or the checked PDF."""
    check_receipt(upload)
    if not is_pdf(upload):
        return photos.shrink(upload)
    return SimpleUploadedFile("receipt.pdf", upload.read(), content_type="application/pdf")


class ReceiptField(forms.FileField):
    """A photo or a PDF of a receipt, checked by its content during form validation."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"})
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "read"):
            try:
                check_receipt(upload)
            except ServiceError as error:
                raise forms.ValidationError(error.message) from None
        return upload
