"""The resign route POSTed (issue 24: only its page had been requested): the member serving steps
down through it; a resident without a seat and an outsider are refused and no seat changes."""

from __future__ import annotations

import pytest

from linli.governance.models import Seat
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _statuses(board) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {
        name: Seat.objects.values_list("status", "left_how").get(pk=seat.pk)
        for name, seat in board.seats.items()
    }


def test_only_the_member_serving_steps_down(board, resident, outsider, community):
    url = f"/c/{community.slug}/governance/{board.body.pk}/resign/"
    before = _statuses(board)
    assert set(before.values()) == {("serving", "")}
    assert client_for(resident).post(url, {"note": "我来替他"}).status_code == 404  # no seat
    assert client_for(outsider).post(url, {"note": "我来替他"}).status_code == 403
    assert client_for(None).post(url, {"note": "x"})["Location"] == f"/accounts/login/?next={url}"
    assert _statuses(board) == before
    client = client_for(board.vice)
    client.cookies["linli_language"] = "en"
    response = client.post(url, {"note": "工作调动"}, follow=True)
    assert response.redirect_chain == [(board.body.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "You have stepped down. Thank you for your service."
    ]
    seat = Seat.objects.get(pk=board.seats["vice"].pk)
    assert (seat.status, seat.left_how, seat.left_note) == ("left", "resigned", "工作调动")
    assert _statuses(board) == before | {"vice": ("left", "resigned")}
    # stepped down, the page has no seat to offer her any more
    assert client.post(url, {"note": "again"}).status_code == 404
