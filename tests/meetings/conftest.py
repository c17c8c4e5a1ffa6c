"""Messages are checked in English here; a meeting helper for every test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from linli.core.models import Member
from linli.meetings import services
from linli.meetings.models import Meeting


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def make_meeting(community, organiser, publish: bool = True, **fields) -> Meeting:  # type: ignore[no-untyped-def]
    starts = fields.pop("starts_at", timezone.now() + timedelta(days=5))
    meeting = Meeting(
        community=community,
        kind=fields.pop("kind", Meeting.Kind.BRIEFING),
        title=fields.pop("title", "梧桐院宣讲会"),
        place=fields.pop("place", "梧桐院院坝"),
        starts_at=starts,
        ends_at=fields.pop("ends_at", starts + timedelta(hours=2)),
        **fields,
    )
    services.save_meeting(organiser, meeting)
    if publish:
        services.publish(organiser, meeting)
    return meeting


def member(user) -> Member:  # type: ignore[no-untyped-def]
    return Member.objects.get(user=user)


def english_client(user):  # type: ignore[no-untyped-def]
    """A browser that chose English, so pages can be checked against the English messages."""
    from tests.conftest import client_for

    client = client_for(user)
    client.cookies["linli_language"] = "en"
    return client


@pytest.fixture
def meeting(community, organiser) -> Meeting:
    return make_meeting(community, organiser)
