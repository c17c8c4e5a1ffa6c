"""The certificate counts verified hours only (read back from the PDF itself), can be checked by
its code, and the yearly reports have the right cells in CSV (with a BOM) and XLSX."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from openpyxl import load_workbook

from linli.volunteering import reports, services
from linli.volunteering.models import Activity, Certificate, Hours

from .conftest import english_client, make_team, member
from .pdf_text import text_of

DAY = datetime(2025, 4, 5, 0, 0, tzinfo=UTC)


def _hours(team, leader, who, day, hours, status="verified"):  # type: ignore[no-untyped-def]
    activity = Activity.objects.create(
        team=team, title="护绿", place="启明花园", starts_at=day, ends_at=day + timedelta(hours=3)
    )
    return Hours.objects.create(
        activity=activity,
        member=member(who),
        hours=Decimal(hours),
        status=status,
        source="leader",
        logged_by=leader,
    )


def test_certificate_lists_only_verified_hours(
    community, organiser, team, team_leader, team_member, time_machine
):
    time_machine.move_to(DAY + timedelta(days=30), tick=False)
    murals = make_team(community, organiser, team_leader, name="墙绘队")
    _hours(team, team_leader, team_member, DAY, "2.5")
    _hours(team, team_leader, team_member, DAY + timedelta(days=7), "3")
    _hours(murals, team_leader, team_member, DAY + timedelta(days=1), "4")
    _hours(team, team_leader, team_member, DAY + timedelta(days=14), "9", status="claimed")
    _hours(murals, team_leader, team_member, DAY + timedelta(days=2), "7", status="declined")
    _hours(
        team, team_leader, team_member, datetime(2024, 6, 1, tzinfo=UTC), "5"
    )  # outside the period
    certificate = services.issue_certificate(
        team_member, member(team_member), date(2025, 1, 1), date(2025, 12, 31)
    )
    assert certificate.total_hours == Decimal("9.5")
    text = text_of(reports.certificate_pdf(certificate, "zh-hans"))
    assert "志愿服务证明" in text
    assert "teammember" in text and "9.5" in text
    assert "护绿队" in text and "5.5" in text and "墙绘队" in text
    assert "9.0" not in text and "7.0" not in text and "14" not in text
    assert certificate.code in text
    lines = reports.certificate_lines(certificate, "en")
    assert "护绿队: 5.5 hours at 2 activities" in lines
    assert "墙绘队: 4.0 hours at 1 activities" in lines


def test_download_and_check_by_code(community, team, team_leader, team_member, time_machine):
    time_machine.move_to(DAY + timedelta(days=30), tick=False)
    _hours(team, team_leader, team_member, DAY, "2")
    client = english_client(team_member)
    period = {"start": "2025-01-01", "end": "2025-12-31"}
    # Opening the link issues nothing: the button (a POST) does, then the PDF is downloaded.
    assert (
        client.get(
            f"/c/{community.slug}/volunteering/mine/certificate.pdf?start=2025-01-01&end=2025-12-31"
        ).status_code
        == 302
    )
    assert not Certificate.objects.exists()
    response = client.post(
        f"/c/{community.slug}/volunteering/mine/certificate.pdf", period, follow=True
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    certificate = Certificate.objects.get()
    signed_out = english_client(None).get(
        f"/c/{community.slug}/volunteering/certificates/{certificate.code}/certificate.pdf"
    )
    # The PDF (with the resident's name and hours) is for the signed-in: the public gets the
    # sign-in page, and the verification page below says only that the certificate is genuine.
    assert signed_out.status_code == 302 and signed_out["Location"].startswith("/accounts/login/")
    page = english_client(None).get(
        f"/c/{community.slug}/volunteering/certificates/{certificate.code}/"
    )
    assert (
        "This certificate is genuine." in page.content.decode() and "2.0" in page.content.decode()
    )
    assert (
        english_client(None)
        .get(f"/c/{community.slug}/volunteering/certificates/NOSUCHCODE/")
        .status_code
        == 404
    )
    bad = client.post(
        f"/c/{community.slug}/volunteering/mine/certificate.pdf",
        {"start": "2025-12-31", "end": "2025-01-01"},
    )
    assert bad.status_code == 302 and Certificate.objects.count() == 1


def test_yearly_reports_have_the_right_cells(
    community, organiser, team, team_leader, team_member, resident, time_machine
):
    time_machine.move_to(DAY + timedelta(days=30), tick=False)
    _hours(team, team_leader, team_member, DAY, "2.5")
    _hours(team, team_leader, team_member, DAY + timedelta(days=7), "3")
    _hours(team, team_leader, resident, DAY, "2")
    _hours(team, team_leader, resident, DAY + timedelta(days=7), "8", status="claimed")
    _hours(team, team_leader, resident, datetime(2024, 5, 1, tzinfo=UTC), "6")
    client = english_client(team_leader)
    response = client.get(f"/c/{community.slug}/volunteering/teams/{team.pk}/report.csv?year=2025")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["resident", "activities", "verified hours"],
        ["teammember", "2", "5.5"],
        ["resident", "1", "2.0"],
        ["total", "3", "7.5"],
    ]
    xlsx = client.get(f"/c/{community.slug}/volunteering/teams/{team.pk}/report.xlsx?year=2025")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]] == ["teammember", 2, 5.5]
    assert (
        english_client(organiser)
        .get(f"/c/{community.slug}/volunteering/report.csv?year=2024")
        .content.decode("utf-8-sig")
        .splitlines()[1]
        == "resident,梧桐院,护绿队,1,6.0"
    )
    assert (
        english_client(team_member)
        .get(f"/c/{community.slug}/volunteering/teams/{team.pk}/report.csv")
        .status_code
        == 403
    )
    assert (
        english_client(team_leader).get(f"/c/{community.slug}/volunteering/report.csv").status_code
        == 403
    )


def test_organisers_print_certificates_for_residents_without_account(
    community, organiser, team, team_leader, team_member, time_machine
):
    from linli.core.models import Member

    time_machine.move_to(DAY + timedelta(days=30), tick=False)
    paper_only = Member.objects.create(
        community=community, name="王秀英", status="verified", language="zh-hans"
    )
    activity = Activity.objects.create(
        team=team, title="护绿", place="启明花园", starts_at=DAY, ends_at=DAY + timedelta(hours=3)
    )
    Hours.objects.create(
        activity=activity, member=paper_only, hours=Decimal("3"), status="verified", source="paper"
    )
    page = (
        english_client(organiser)
        .get(f"/c/{community.slug}/volunteering/volunteers/?year=2025")
        .content.decode()
    )
    assert "王秀英" in page and "Certificate of 王秀英 for 2025 (PDF)" in page
    url = f"/c/{community.slug}/volunteering/volunteers/{paper_only.pk}/certificate.pdf"
    period = {"start": "2025-01-01", "end": "2025-12-31"}
    assert english_client(team_leader).post(url, period).status_code == 403
    response = english_client(organiser).post(url, period, follow=True)
    assert "王秀英" in text_of(response.content) and "志愿服务证明" in text_of(response.content)
