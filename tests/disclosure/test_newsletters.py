"""Newsletters: composed from recent notices, sent to a segment through the outbox (over real
SMTP), opt-outs respected (the resident's setting and a signed link that works signed out), a
printable sheet, the history with counts per segment and "I have read it" in the ledger."""

from __future__ import annotations

import pytest
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.models import Demographics, Member, OutboundEmail
from linli.disclosure import newsletters, services
from linli.disclosure.models import Category, Newsletter, NewsletterOptOut
from linli.participation.models import Act, Depth
from tests.conftest import client_for, make_household, make_person
from tests.core.test_email_over_smtp import body_of, smtp, smtp_settings  # noqa: F401


def publish(organiser, community, title="停水通知"):
    return services.add_entry(
        organiser, community, services.EntryInput(Category.SERVICES, title, "周三上午停水。")
    )


def keys(community):
    return [c.key for c in newsletters.candidates(community)]


def member(user):
    return Member.objects.get(user=user)


def test_candidates_are_recent_notices(community, organiser):
    entry = publish(organiser, community)
    assert keys(community) == [f"entry:{entry.pk}"]


def test_segments_narrow_and_opt_outs_are_left_out(community, organiser):
    east = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    west = make_household(community, ["银杏院", "2栋", "1单元", "202"])
    a = make_person(community, "a@test.org", household=east)
    make_person(community, "b@test.org", household=east, language="en")
    c = make_person(community, "c@test.org", household=west)
    Demographics.objects.create(
        member=member(c), disabilities=["vision"], consented_at=timezone.now()
    )
    NewsletterOptOut.objects.create(member=member(a))
    publish(organiser, community)
    found = newsletters.recipients(community, newsletters.Segment(courtyards=(east.area_id,)))
    assert [m.email for m in found.members] == ["b@test.org"]
    assert found.counts["courtyards"] == 2 and found.counts["opted_out"] == 1
    only_en = newsletters.recipients(community, newsletters.Segment(language="en"))
    assert [m.email for m in only_en.members] == ["b@test.org"]
    needs = newsletters.recipients(community, newsletters.Segment(accessibility=True))
    assert [m.email for m in needs.members] == ["c@test.org"]


@pytest.mark.django_db(transaction=True)
def test_sent_over_smtp_with_a_working_unsubscribe_link(smtp, community, organiser):  # noqa: F811
    house = make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    reader = make_person(community, "reader@test.org", household=house, language="en")
    publish(organiser, community, "Water off on Wednesday")
    inbox, port = smtp()
    with smtp_settings(port):
        issue = newsletters.send_newsletter(
            organiser,
            community,
            "December news",
            "Hello neighbours.",
            keys(community),
            newsletters.Segment(courtyards=(house.area_id,)),
        )
    assert issue.sent_to == 1 and issue.counts["sent"] == 1
    (message,) = [m for m in inbox.messages if m["To"] == "reader@test.org"]
    text = body_of(message, "plain")
    assert "Water off on Wednesday" in text and "No more newsletters" in text
    link = text.split("/newsletters/stop/")[1].split("/")[0]
    anonymous = client_for(None)
    url = f"/c/{community.slug}/disclosure/newsletters/stop/{link}/"
    assert anonymous.get(url).status_code == 200
    assert not NewsletterOptOut.objects.exists()  # a GET never writes
    assert anonymous.post(url).status_code == 200
    assert NewsletterOptOut.objects.filter(member=member(reader)).exists()
    assert (
        anonymous.post(f"/c/{community.slug}/disclosure/newsletters/stop/forged/").status_code
        == 400
    )
    before = OutboundEmail.objects.count()
    with pytest.raises(
        Refused, match=r"^这个范围里没有居民，请放宽条件。$"
    ):  # the only one in the segment opted out
        newsletters.send_newsletter(
            organiser,
            community,
            "January news",
            "Hello.",
            keys(community),
            newsletters.Segment(courtyards=(house.area_id,)),
        )
    assert OutboundEmail.objects.count() == before


def test_bad_input_is_refused_and_nothing_sent(community, organiser, resident):
    publish(organiser, community)
    with pytest.raises(Refused, match=r"^请填写简报的标题和说明。$"):
        newsletters.send_newsletter(
            organiser, community, "", "x", keys(community), newsletters.Segment()
        )
    with pytest.raises(Refused, match=r"^请从列表中至少选择一条内容。$"):
        newsletters.send_newsletter(organiser, community, "t", "x", [], newsletters.Segment())
    with pytest.raises(Forbidden, match=r"^disclosure\.manage$"):
        newsletters.send_newsletter(
            resident, community, "t", "x", keys(community), newsletters.Segment()
        )
    assert not Newsletter.objects.exists()


def test_compose_preview_send_history_sheet_read_and_choice(community, organiser, resident):
    publish(organiser, community, "电梯检修")
    staff = client_for(organiser)
    url = f"/c/{community.slug}/disclosure/newsletters/new/"
    page = staff.get(url)
    assert page.status_code == 200 and "电梯检修" in page.content.decode()
    data = {"title": "十二月简报", "intro": "各位邻居好。", "items": keys(community)}
    preview = staff.post(url, {**data, "preview": "1"})
    assert preview.status_code == 200 and not Newsletter.objects.exists()
    missing = staff.post(url, {"title": "十二月简报", "intro": "各位邻居好。", "send": "1"})
    assert missing.status_code == 400 and not Newsletter.objects.exists()
    sent = staff.post(url, {**data, "send": "1"})
    assert sent.status_code == 302
    issue = Newsletter.objects.get()
    history = staff.get(f"/c/{community.slug}/disclosure/newsletters/")
    assert "十二月简报" in history.content.decode()
    sheet = client_for(None).get(f"/c/{community.slug}/disclosure/newsletters/{issue.pk}/sheet.pdf")
    assert sheet["Content-Type"] == "application/pdf" and sheet.content.startswith(b"%PDF")
    reader = client_for(resident)
    reader.post(f"/c/{community.slug}/disclosure/newsletters/{issue.pk}/read/")
    reader.post(f"/c/{community.slug}/disclosure/newsletters/{issue.pk}/read/")
    assert issue.readings.count() == 1
    assert Act.objects.filter(member=member(resident), depth=Depth.INFORMED).count() == 1
    reader.post(f"/c/{community.slug}/disclosure/newsletters/choice/", {})
    assert NewsletterOptOut.objects.filter(member=member(resident)).exists()
    reader.post(f"/c/{community.slug}/disclosure/newsletters/choice/", {"wanted": "on"})
    assert not NewsletterOptOut.objects.exists()
