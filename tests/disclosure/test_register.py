"""The disclosure register: categories, attachments, schedule, notifications, read receipts and
paper boards."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member, Notice, Notification
from linli.disclosure import queries, services, tasks
from linli.disclosure.models import Attachment, Category, Entry
from tests.conftest import client_for, make_household, make_person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def entry_input(**extra):
    return services.EntryInput(Category.FINANCES, "公益金收支公示", "全年收入8.6万元。", **extra)


def test_publishing_makes_a_notice_and_notifies_residents(community, organiser, resident):
    entry = services.add_entry(organiser, community, entry_input())
    assert entry.is_published and Notice.objects.get().title == "公益金收支公示"
    assert Notification.objects.filter(user=resident, kind="disclosure_notice").exists()


def test_a_scheduled_notice_stays_hidden_until_the_sweep_publishes_it(
    community, organiser, resident
):
    later = timezone.now() + timedelta(days=2)
    entry = services.add_entry(organiser, community, entry_input(publish_at=later))
    assert not entry.is_published and not Notice.objects.exists()
    url = f"/c/{community.slug}/disclosure/{entry.pk}/"
    assert client_for(resident).get(url).status_code == 404
    assert client_for(organiser).get(url).status_code == 200
    assert tasks.sweep()["notices_published"] == 0
    with time_machine.travel(later + timedelta(minutes=1)):
        assert tasks.sweep()["notices_published"] == 1
        assert tasks.sweep()["notices_published"] == 0
    assert client_for(resident).get(url).status_code == 200


def test_attachments_pdf_kept_oversized_refused_and_nothing_saved(community, organiser, settings):
    pdf = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    entry = services.add_entry(organiser, community, entry_input(attachments=[("明细", pdf)]))
    assert Attachment.objects.get(entry=entry).is_pdf
    huge = SimpleUploadedFile("b.pdf", PDF[:-7] + b" " * (11 * 1024 * 1024) + b"%%EOF\n")
    with pytest.raises(Refused, match=r"^这个 PDF 超过 10 MB，请选择小一些的文件。$") as refused:
        services.add_entry(organiser, community, entry_input(attachments=[("大", huge)]))
    assert refused.value.field == "attachment" and Entry.objects.count() == 1


def test_the_form_keeps_the_text_when_the_attachment_is_refused(community, organiser):
    response = client_for(organiser).post(
        f"/c/{community.slug}/disclosure/manage/",
        {
            "category": "finances",
            "title": "收支公示",
            "body": "明细如下",
            "attachment": SimpleUploadedFile("x.pdf", b"%PDF-broken"),
        },
    )
    assert response.status_code == 400 and "收支公示" in response.content.decode()
    assert not Entry.objects.exists()


def test_read_receipts_count_by_courtyard_and_the_paper_board(
    community, organiser, resident, household
):
    entry = services.add_entry(organiser, community, entry_input())
    services.mark_read(resident, entry)
    services.mark_read(resident, entry)  # once
    other = make_person(
        community,
        "y@test.org",
        household=make_household(community, ["银杏院", "1栋", "1单元", "1"]),
    )
    services.mark_read(other, entry)
    services.record_board(organiser, entry, household.area, timezone.localdate())
    rows = {r.courtyard: r for r in queries.reach(entry)}
    assert rows["梧桐院"].online == 1 and rows["梧桐院"].board_posted_on == timezone.localdate()
    assert rows["银杏院"].online == 1 and rows["银杏院"].board_posted_on is None


def test_a_board_of_another_community_is_refused(community, other_community, organiser):
    entry = services.add_entry(organiser, community, entry_input())
    elsewhere = make_household(other_community, ["别院", "1栋", "1单元", "1"]).area
    with pytest.raises(Refused, match=r"^请选择本社区的院落或小区。$"):
        services.record_board(organiser, entry, elsewhere, timezone.localdate())


def test_only_organisers_add_notices_and_pending_members_cannot_mark_read(
    community, organiser, resident
):
    with pytest.raises(Forbidden, match=r"^disclosure\.manage$"):
        services.add_entry(resident, community, entry_input())
    entry = services.add_entry(organiser, community, entry_input())
    pending = make_person(community, "p@test.org", status=Member.Status.PENDING)
    with pytest.raises(Forbidden, match=r"^disclosure\.mark_read$"):
        services.mark_read(pending, entry)
    assert (
        client_for(pending).post(f"/c/{community.slug}/disclosure/{entry.pk}/read/").status_code
        == 403
    )


def test_the_posters_are_pdfs(community, organiser):
    entry = services.add_entry(organiser, community, entry_input())
    response = client_for(None).get(f"/c/{community.slug}/disclosure/{entry.pk}/poster.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
