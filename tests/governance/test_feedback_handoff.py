"""A collective feedback item sent to a body by name joins that body's next meeting's agenda
(issues 18 and 19): feedback names no body module; governance registers the handler."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.kit import Forbidden
from linli.feedback import services as feedback
from linli.feedback.models import Item
from linli.governance import feedback_handoff
from linli.governance import meeting_services as services
from linli.governance.meeting_models import AgendaItem


def schedule(board, days: int):
    starts = timezone.now() + timedelta(days=days)
    return services.schedule_meeting(
        board.secretary,
        board.body,
        title="Next meeting of the board",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Community room",
    )


@pytest.fixture
def item(community):
    return Item.objects.create(
        community=community, category="environment", title="Rain water pooling in 梧桐院"
    )


def test_the_item_lands_on_the_next_meeting_of_the_named_body(board, item):
    schedule(board, days=10)
    sooner = schedule(board, days=3)
    feedback.send_to_agenda(board.organiser, item, "  评审会 ")
    item.refresh_from_db()
    on_agenda = AgendaItem.objects.get(subject_type="feedback.item", subject_id=item.pk)
    assert on_agenda.sitting == sooner and on_agenda.kind == AgendaItem.Kind.MATTER
    assert item.agenda_body == "评审会"
    assert item.agenda_url == f"{sooner.get_absolute_url()}#item-{on_agenda.pk}"


def test_sending_it_again_does_not_put_it_on_the_agenda_twice(board, item):
    sitting = schedule(board, days=3)
    feedback.send_to_agenda(board.organiser, item, "评审会")
    feedback.send_to_agenda(board.organiser, item, "评审会")
    assert sitting.items.filter(subject_type="feedback.item", subject_id=item.pk).count() == 1
    item.refresh_from_db()
    assert item.agenda_url.startswith(sitting.get_absolute_url())


def test_without_a_meeting_to_come_the_item_keeps_the_name_and_says_what_happens(
    board, item, client
):
    past = schedule(board, days=-2)
    feedback.send_to_agenda(board.organiser, item, "评审会")
    item.refresh_from_db()
    assert item.agenda_body == "评审会" and item.agenda_url == ""
    assert not past.items.exists()
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert "Sent to 评审会: it goes on the agenda when the body next meets." in page.text


def test_an_unknown_body_name_only_records_the_name(board, item):
    schedule(board, days=3)
    feedback.send_to_agenda(board.organiser, item, "业委会")
    item.refresh_from_db()
    assert item.agenda_body == "业委会" and item.agenda_url == ""
    assert not AgendaItem.objects.filter(subject_type="feedback.item").exists()


def test_one_who_may_not_run_the_body_leaves_nothing_half_written(board, item, monkeypatch):
    sitting = schedule(board, days=3)

    def refuse(*args, **kwargs):
        raise Forbidden("governance.run_body")

    monkeypatch.setattr(services, "add_agenda_item", refuse)
    assert feedback_handoff.put_feedback_on_agenda(board.organiser, item, "评审会") is None
    assert not sitting.items.exists()


def test_the_routing_page_offers_the_bodies_by_name(board, item, client):
    client.force_login(board.organiser)
    page = client.get(
        f"/c/{item.community.slug}/feedback/manage/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    assert '<datalist id="id_body-suggestions"><option value="评审会"></option></datalist>' in (
        page.text
    )
    sitting = schedule(board, days=3)
    feedback.send_to_agenda(board.organiser, item, "评审会")
    page = client.get(f"/c/{item.community.slug}/feedback/manage/{item.pk}/")
    assert f'<a href="{sitting.get_absolute_url()}#item-' in page.text  # where it went


def test_a_resident_is_not_sent_to_an_agenda_only_the_body_may_read_yet(
    board, item, resident, client
):
    sitting = schedule(board, days=3)
    feedback.send_to_agenda(board.organiser, item, "评审会")
    item.refresh_from_db()
    assert feedback_handoff.may_read(resident, item) is False
    assert feedback_handoff.may_read(board.organiser, item) is True
    client.force_login(resident)
    page = client.get(item.get_absolute_url())  # in the resident's own language, Chinese
    assert "已列入议程：评审会，会议记录在会后公开。" in page.text
    assert sitting.get_absolute_url() not in page.text
    client.force_login(board.organiser)
    assert sitting.get_absolute_url() in client.get(item.get_absolute_url()).text


def test_the_responsible_party_is_named_once_in_either_language(item, organiser, client):
    """ "居委会" routed to the residents' committee by the name "居委会": the English label
    "residents' committee (居委会)" already says it."""
    from linli.feedback.models import Responsible

    feedback.route(organiser, item, Responsible.COMMITTEE, name="居委会")
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert "residents&#x27; committee (居委会)</dd>" in page.text
    assert "(居委会): 居委会" not in page.text
