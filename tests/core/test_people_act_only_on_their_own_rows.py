"""Ownership: a signed-in person acts only on their own rows, whoever else's id they send.

Written against behaviour, not the method a view accepts today: the other person's row is
unchanged and the answer is 404 (the row is not theirs to see), whether the request is a GET or a
POST. Removing ``user=request.user`` from either view makes these fail.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from linli.core.models import Demographics, Member, Notification
from tests.conftest import client_for


@pytest.fixture
def residents_answers(resident) -> Demographics:
    member = Member.objects.get(user=resident)
    return Demographics.objects.create(member=member, age_band="60-74", consented_at=timezone.now())


@pytest.mark.parametrize("intruder", ["leader", "organiser", "community_admin", "outsider"])
def test_nobody_else_can_delete_a_residents_demographics(request, residents_answers, intruder):
    user = request.getfixturevalue(intruder)
    url = f"/me/about-me/{residents_answers.member_id}/delete/"
    response = client_for(user).post(url)
    assert response.status_code == 404
    assert Demographics.objects.filter(pk=residents_answers.pk, age_band="60-74").exists()


def test_the_owner_can_delete_their_demographics(resident, residents_answers):
    response = client_for(resident).post(f"/me/about-me/{residents_answers.member_id}/delete/")
    assert response.status_code == 302
    assert not Demographics.objects.filter(pk=residents_answers.pk).exists()


@pytest.fixture
def residents_notification(resident) -> Notification:
    return Notification.objects.create(user=resident, kind="test", title="For the resident only")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("intruder", ["leader", "organiser", "community_admin", "site_admin"])
def test_nobody_else_can_mark_a_residents_notification_read(
    request, residents_notification, intruder, method
):
    user = request.getfixturevalue(intruder)
    client = client_for(user)
    response = getattr(client, method)(f"/me/notifications/{residents_notification.pk}/")
    # Someone else's notification is not found, to read or to mark read: never a change.
    assert response.status_code == 404
    residents_notification.refresh_from_db()
    assert residents_notification.read_at is None


def test_the_owner_can_mark_their_notification_read(resident, residents_notification):
    client = client_for(resident)
    url = f"/me/notifications/{residents_notification.pk}/"
    responses = [client.get(url), client.post(url)]
    assert any(response.status_code == 302 for response in responses)
    residents_notification.refresh_from_db()
    assert residents_notification.read_at is not None
