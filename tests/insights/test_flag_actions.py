"""From a flag, act: letters, a call list, a message in each resident's language, a follow-up
recorded - each a POST to a command, each kept with the flag's ratio at that moment."""

from __future__ import annotations

import pytest
from django.utils import timezone

from linli.core.kit import Refused
from linli.core.models import AuditEntry, OutboundEmail
from linli.insights import services
from linli.insights.models import Flag, FollowUp
from tests.conftest import client_for


@pytest.fixture
def bo_flag(fair_world):
    services.sweep()
    return Flag.objects.get(dimension="language", group="bo")


def _url(flag, action=""):
    return f"/c/{flag.community.slug}/insights/flags/{flag.pk}/{action}"


def test_the_flag_page_lists_the_missing_households_and_writes_nothing(fair_world, bo_flag):
    page = client_for(fair_world.organiser).get(_url(bo_flag))
    assert page.status_code == 200
    assert page.context["missing_count"] == 8  # the Tibetan-speaking households of 橡树湾
    assert not FollowUp.objects.exists()


def test_printing_letters_gives_a_pdf_and_records_it(fair_world, bo_flag):
    response = client_for(fair_world.organiser).post(
        _url(bo_flag, "letters/"), {"language": "zh-hans"}
    )
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    follow_up = FollowUp.objects.get()
    assert (follow_up.kind, follow_up.households, follow_up.done_by) == (
        "letters",
        8,
        fair_world.organiser,
    )
    assert follow_up.ratio_before == 0.0
    assert AuditEntry.objects.filter(action="insights.follow_up.letters").exists()


def test_the_call_list_has_every_missing_household_and_no_formulas(fair_world, bo_flag):
    response = client_for(fair_world.organiser).post(_url(bo_flag, "call-list/"))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 8
    assert "'=1+1" in text  # a phone number that looked like a formula
    assert FollowUp.objects.get().kind == "call_list"


def test_the_message_goes_only_to_those_households_in_their_language(fair_world, bo_flag):
    client_for(fair_world.organiser).post(_url(bo_flag, "message/"), {"note": "周六有藏语志愿者"})
    mails = OutboundEmail.objects.filter(kind="insights_invitation")
    assert mails.count() == 8
    missing = {fair_world.members[h.pk].email for h in fair_world.xiangshu[:8]}
    assert set(mails.values_list("to", flat=True)) == missing
    english = mails.get(to=fair_world.members[fair_world.xiangshu[1].pk].email)
    assert english.language == "en" and "Your voice is missing" in english.subject
    chinese = mails.get(to=fair_world.members[fair_world.xiangshu[0].pk].email)
    assert "周六有藏语志愿者" in chinese.text and "Your voice" not in chinese.subject
    assert FollowUp.objects.get().kind == "message"


def test_a_follow_up_is_recorded_with_its_note(fair_world, bo_flag):
    client = client_for(fair_world.organiser)
    response = client.post(
        _url(bo_flag, "follow-up/"), {"kind": "visits", "households": 6, "note": "上门"}
    )
    assert response.status_code == 302
    assert FollowUp.objects.get().note == "上门"
    bad = client.post(_url(bo_flag, "follow-up/"), {"kind": "letters", "households": -1})
    assert bad.status_code == 400 and FollowUp.objects.count() == 1


def test_a_get_never_acts(fair_world, bo_flag):
    client = client_for(fair_world.organiser)
    for action in ("letters/", "call-list/", "message/", "follow-up/"):
        assert client.get(_url(bo_flag, action)).status_code == 405
    assert not FollowUp.objects.exists()


def test_a_closed_flag_is_kept_but_not_acted_on(fair_world, bo_flag):
    Flag.objects.filter(pk=bo_flag.pk).update(closed_at=timezone.now())
    bo_flag.refresh_from_db()
    with pytest.raises(Refused, match=r"^这项征询已结束；提醒留作记录。$"):
        services.call_list(fair_world.organiser, bo_flag)
    page = client_for(fair_world.organiser).get(_url(bo_flag))
    assert page.status_code == 200 and not page.context["can_act"]
