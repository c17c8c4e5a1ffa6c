"""What residents ask for to take part, the organiser's totals, arranged or not, and bad input."""

from __future__ import annotations

import re

import pytest

from linli.core.services import ServiceError
from linli.meetings import services
from linli.meetings.models import Accommodation
from linli.meetings.services import Need
from tests.conftest import make_person

from .conftest import english_client, member


def test_totals_by_kind_with_languages_and_ages(community, organiser, meeting, resident, leader):
    third = make_person(community, "third@test.org")
    services.register(
        resident,
        meeting,
        member(resident),
        [Need("interpreter", "藏语"), Need("childcare", "3, 7"), Need("wheelchair")],
    )
    services.register(leader, meeting, member(leader), [Need("interpreter", "藏语")])
    services.register(third, meeting, member(third), [Need("interpreter", "English")])
    totals = {t.kind: t for t in services.accommodation_totals(meeting)}
    assert totals["interpreter"].count == 3
    assert totals["interpreter"].details == [("藏语", 2), ("English", 1)]
    assert totals["childcare"].details == [("3, 7", 1)]
    assert totals["wheelchair"].count == 1 and "sign_language" not in totals
    assert services.unarranged(meeting) == 5


def test_marking_arranged_clears_the_warning(community, organiser, meeting, resident):
    services.register(resident, meeting, member(resident), [Need("transport", "槐树院门口")])
    client = english_client(organiser)
    page = client.get(f"/c/{community.slug}/meetings/{meeting.pk}/people/").content.decode()
    assert "1 request for help is not arranged yet" in page
    need = Accommodation.objects.get()
    client.post(f"/c/{community.slug}/meetings/{meeting.pk}/needs/{need.pk}/", {"arranged": "1"})
    need.refresh_from_db()
    assert need.is_arranged and need.arranged_by == organiser
    assert services.unarranged(meeting) == 0
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "not arranged yet" not in page
    # the resident sees it is arranged
    page = english_client(member(resident).user).get(meeting.get_absolute_url()).content.decode()
    assert "arranged" in page


def test_changing_a_request_reopens_it_and_keeps_the_others(
    community, meeting, organiser, resident
):
    registration = services.register(
        resident, meeting, member(resident), [Need("interpreter", "藏语"), Need("large_print")]
    )
    for need in registration.accommodations.all():
        services.mark_arranged(organiser, need)
    services.update_needs(
        resident, registration, [Need("interpreter", "彝语"), Need("large_print")]
    )
    by_kind = {a.kind: a for a in registration.accommodations.all()}
    assert not by_kind["interpreter"].is_arranged and by_kind["interpreter"].detail == "彝语"
    assert by_kind["large_print"].is_arranged


@pytest.mark.parametrize(
    "data, message",
    [
        ({"interpreter": "on"}, "which language"),
        ({"childcare": "on", "childcare_ages": "  "}, "children&#x27;s ages"),
    ],
)
def test_a_request_without_its_detail_is_refused_and_nothing_is_lost(
    community, meeting, resident, data, message
):
    data = {**data, "wheelchair": "on"}
    response = english_client(resident).post(meeting.get_absolute_url(), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    (wheelchair,) = re.findall(r'<input[^>]*name="wheelchair"[^>]*>', page)
    assert re.search(r"\schecked(\s|>|=)", wheelchair), wheelchair  # the box stays ticked
    assert not meeting.registrations.exists()


def test_unknown_or_repeated_needs_are_refused(meeting, resident):
    with pytest.raises(ServiceError, match=r"^This kind of help is not known\.$"):
        services.register(resident, meeting, member(resident), [Need("helicopter")])
    with pytest.raises(ServiceError, match=r"^Each kind of help can be asked for once\.$"):
        services.register(
            resident, meeting, member(resident), [Need("wheelchair"), Need("wheelchair")]
        )


def test_only_organisers_mark_arranged(community, meeting, resident, leader):
    services.register(resident, meeting, member(resident), [Need("wheelchair")])
    need = Accommodation.objects.get()
    for user in (resident, leader):
        response = english_client(user).post(
            f"/c/{community.slug}/meetings/{meeting.pk}/needs/{need.pk}/", {"arranged": "1"}
        )
        assert response.status_code == 403
    need.refresh_from_db()
    assert not need.is_arranged
