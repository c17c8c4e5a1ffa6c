"""The 公示 of a grant award on the application's page: the period, objections and answers, and
the day it became final (issue 19)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from linli.core.models import Member
from linli.disclosure import queries, services
from tests.conftest import client_for

from .test_flow import _awarded


@pytest.fixture
def lead(resident):  # type: ignore[no-untyped-def]
    return Member.objects.get(user=resident)


def test_the_award_page_shows_its_publicity(
    call, organiser, lead, neighbours, panelists, en_client_for
):
    application = _awarded(call, organiser, lead, neighbours, panelists)
    notice = queries.publicity_for("grants.award", application)
    assert notice is not None
    page = en_client_for(None).get(application.get_absolute_url()).content.decode()
    assert "Public notice (公示)" in page and "once every objection is answered" in page
    assert notice.get_absolute_url() in page
    objection = services.object_to(panelists[0].user, notice, "预算偏高")
    page = en_client_for(None).get(application.get_absolute_url()).content.decode()
    assert "0 answered in public, 1 waiting for an answer" in page
    services.answer_objection(organiser, notice, objection, "报价单已公开。")
    later = timezone.now() + timedelta(days=8)
    with time_machine.travel(later):
        assert services.finalise_due() == 1
        page = en_client_for(None).get(application.get_absolute_url()).content.decode()
    assert later.strftime("%Y-%m-%d") in page and "once every objection" not in page
    assert client_for(None).get(application.get_absolute_url()).status_code == 200
