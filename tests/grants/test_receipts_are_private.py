"""Grant receipts: a PDF is taken when its content is a PDF (whatever its name), anything else
pretending to be one is refused; the receipt is served only to the application's readers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from linli.core.models import Member
from linli.core.services import ServiceError
from linli.grants import services
from linli.grants.models import Report
from linli.tracking import queries as tracking
from tests.images import jpeg_with_gps, pdf

from .test_flow import _awarded


@pytest.fixture
def lead(resident):  # type: ignore[no-untyped-def]
    return Member.objects.get(user=resident)


def _report(application, receipt):  # type: ignore[no-untyped-def]
    return services.submit_report(
        application.lead.user,
        application,
        Report(
            kind="milestone",
            milestone=tracking.milestones(application).first(),
            narrative="建成了",
            activities_held="3次种植",
            participants=25,
        ),
        [{"category": "materials", "item": "花苗", "amount": 3_000, "receipt": receipt}],
    )


@pytest.fixture
def signed(call, organiser, lead, neighbours, panelists):  # type: ignore[no-untyped-def]
    application = _awarded(call, organiser, lead, neighbours, panelists)
    services.accept_agreement(lead.user, application, "王秀英")
    services.countersign(organiser, application)
    return application


def test_a_pdf_receipt_is_judged_by_its_content(signed):
    report = _report(signed, SimpleUploadedFile("receipt.jpg", pdf(), content_type="image/jpeg"))
    stored = report.spending_lines.get().receipt
    assert stored.name.startswith("tracking/receipts/") and stored.name.endswith(".pdf")
    assert stored.read().startswith(b"%PDF-")


NOT_A_PHOTO = r"^This file is not a photo we can read \(JPEG or PNG\)\.$"
CUT_SHORT = r"^This PDF is cut short or damaged; please send it again\.$"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><script>alert(1)</script></html>", NOT_A_PHOTO),
        (b"%PDF-1.4\n<html>cut short", CUT_SHORT),
        (b"MZ\x90\x00", NOT_A_PHOTO),
    ],
)
def test_anything_else_named_pdf_is_refused(signed, data, message):
    with pytest.raises(ServiceError, match=message):
        _report(signed, SimpleUploadedFile("receipt.pdf", data, content_type="application/pdf"))


def test_the_receipt_is_for_the_applications_readers_only(
    signed, resident, organiser, outsider, en_client_for
):
    report = _report(signed, SimpleUploadedFile("r.jpg", jpeg_with_gps()))
    url = report.spending_lines.get().receipt.url
    for reader in (resident, organiser):
        assert en_client_for(reader).get(url).status_code == 200
    # The awarded application is public, its receipts are not.
    page = Client().get(signed.get_absolute_url()).content.decode()
    assert url not in page
    for stranger in (Client(), en_client_for(outsider)):
        assert stranger.get(url).status_code == 404
