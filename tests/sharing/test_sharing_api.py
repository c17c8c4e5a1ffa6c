"""The API: the board for anyone (flats only for residents), one item, my loans, asking to borrow."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from .conftest import english_client, today


@pytest.mark.django_db
def test_board_and_item(community, item, borrower):
    anonymous = english_client(None).get(f"/api/communities/{community.slug}/sharing/items").json()
    assert anonymous[0]["name"] == "电钻" and anonymous[0]["box"] == ""
    assert anonymous[0]["building"] == "2栋" and anonymous[0]["unit"] == "1单元"
    mine = (
        english_client(borrower)
        .get(f"/api/communities/{community.slug}/sharing/items?category=tools")
        .json()
    )
    assert mine[0]["box"] == "301"
    assert (
        english_client(borrower)
        .get(f"/api/communities/{community.slug}/sharing/items?category=books")
        .json()
        == []
    )
    one = english_client(None).get(f"/api/communities/{community.slug}/sharing/items/{item.pk}")
    assert one.json()["availability"] == "available"


@pytest.mark.django_db
def test_request_and_my_loans(community, item, borrower, owner, outsider):
    url = f"/api/communities/{community.slug}/sharing/items/{item.pk}/loans"
    body = {"starts_on": today().isoformat(), "due_on": (today() + timedelta(days=1)).isoformat()}
    assert (
        english_client(None)
        .post(url, json.dumps(body), content_type="application/json")
        .status_code
        == 401
    )
    assert (
        english_client(outsider)
        .post(url, json.dumps(body), content_type="application/json")
        .status_code
        == 403
    )
    response = english_client(borrower).post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "requested"
    again = english_client(borrower).post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 400 and "already has a request" in again.json()["detail"]
    loans = english_client(owner).get(f"/api/communities/{community.slug}/sharing/loans").json()
    assert loans[0]["role"] == "owner" and loans[0]["waiting_for"] == "owner"
    assert (
        english_client(outsider).get(f"/api/communities/{community.slug}/sharing/loans").status_code
        == 403
    )
