"""A household's box (flat number or a chosen name), pending members, the open-now list and the
notification settings."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from linli.core.models import Member
from linli.core.notify import KINDS
from linli.core.open_now import open_items
from linli.core.services import ServiceError
from linli.sharing import services
from linli.sharing.models import Box
from tests.conftest import make_person

from .conftest import english_client, list_item


@pytest.mark.django_db
def test_a_household_chooses_a_name_for_its_box(community, owner, item):
    client = english_client(owner)
    page = client.post(
        f"/c/{community.slug}/sharing/mine/",
        {"show_name": "on", "display_name": "", "note": "晚上在家"},
    ).content.decode()
    assert "Give the name to show, or keep showing the flat." in page and "晚上在家" in page
    client.post(
        f"/c/{community.slug}/sharing/mine/",
        {"show_name": "on", "display_name": "罗嬢嬢家", "note": "晚上在家"},
    )
    box = Box.objects.get(household__flat__name="301")
    assert box.show_name and box.display_name == "罗嬢嬢家"
    page = english_client(None).get(f"/c/{community.slug}/sharing/").content.decode()
    assert "罗嬢嬢家" in page and "晚上在家" in page


@pytest.mark.django_db
def test_a_member_waiting_for_approval_cannot_lend_or_borrow(community, item):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    with pytest.raises(
        PermissionDenied, match=r"^sharing\.take_part$"
    ):  # refused before any rule of sharing
        services.request_loan(pending, item, services.today(), services.today())
    staff = make_person(community, "staff@test.org", role="organiser")
    with pytest.raises(ServiceError, match="with a household"):
        list_item(staff, community, "锤子")


@pytest.mark.django_db
def test_the_board_is_open_now_and_its_notifications_can_be_turned_off(community, item):
    titles = [entry.title for entry in open_items(community, None)]
    assert "Neighbours lend 1 item" in titles
    kinds = {kind for kind, _label in KINDS}
    assert {"sharing_loans", "sharing_reminders", "sharing_problems"} <= kinds
