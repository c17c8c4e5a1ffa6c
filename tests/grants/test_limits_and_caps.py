"""Per-project and per-community limits: refused with the limit named, also under concurrency."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone, translation

from linli.core.models import Member
from linli.core.services import ServiceError
from linli.grants import services
from linli.grants.models import COMMUNITY_CAP, PROJECT_CAP, Application, Call
from tests.conftest import make_household, make_person

from .helpers import draft, make_call, submitted


def test_defaults_follow_seed_004(call):
    assert call.project_cap == PROJECT_CAP == 100_000
    assert call.community_cap == COMMUNITY_CAP == 300_000
    assert [c.weight for c in call.criteria.all()] == [3, 3, 2, 1, 1]


def test_a_budget_over_the_project_limit_is_refused_naming_the_limit(call, resident):
    lead = Member.objects.get(user=resident)
    application = draft(call, lead, amount=90_000)
    with pytest.raises(ServiceError, match="100,000 yuan"):
        services.add_budget_line(lead.user, application, "other", "更多", 20_000)
    assert application.requested() == 90_000


def test_the_call_form_refuses_caps_above_the_seed(community, organiser):
    from linli.grants.forms import CallForm

    form = CallForm({"project_cap": 150_000, "community_cap": 400_000}, community=community)
    assert not form.is_valid()
    assert "project_cap" in form.errors and "community_cap" in form.errors


def test_award_is_at_most_what_was_asked_and_the_project_cap(call, organiser, resident, neighbours):
    lead = Member.objects.get(user=resident)
    application = submitted(call, lead, neighbours, amount=50_000)
    services.step(organiser, call, "review")
    application.refresh_from_db()
    with pytest.raises(ServiceError, match="50,000 yuan asked for"):
        services.award(organiser, application, 60_000)
    services.award(organiser, application, 45_000)
    application.refresh_from_db()
    assert application.status == "awarded" and application.award_amount == 45_000


def _group(community, n, tag):  # type: ignore[no-untyped-def]
    return [
        Member.objects.get(
            user=make_person(
                community,
                f"{tag}{i}@test.org",
                household=make_household(community, ["桂花院", "1栋", "1单元", f"{tag}{i}"]),
            )
        )
        for i in range(n)
    ]


def test_the_community_total_never_passes_its_cap(call, organiser, community):
    apps = []
    for k in range(4):
        people = _group(community, 3, f"g{k}")
        apps.append(submitted(call, people[0], people[1:], amount=90_000, title=f"项目{k}"))
    services.step(organiser, call, "review")
    for a in apps[:3]:
        services.award(organiser, Application.objects.get(pk=a.pk), 90_000)
    with pytest.raises(ServiceError, match="over the limit of 300,000 yuan; 30,000 yuan are left"):
        services.award(organiser, Application.objects.get(pk=apps[3].pk), 90_000)
    services.award(organiser, Application.objects.get(pk=apps[3].pk), 30_000)
    assert services.community_awarded(community, call.year) == 300_000


def test_caps_cannot_be_lowered_below_what_is_already_awarded(call, organiser, community):
    people = _group(community, 3, "c")
    app = submitted(call, people[0], people[1:], amount=90_000)
    services.step(organiser, call, "review")
    services.award(organiser, Application.objects.get(pk=app.pk), 90_000)
    edited = Call.objects.get(pk=call.pk)
    edited.community_cap = 80_000
    edited.project_cap = 80_000
    with pytest.raises(ServiceError, match="90,000 yuan is already awarded") as refused:
        services.save_call(organiser, edited)
    assert refused.value.field == "community_cap"
    edited.community_cap = 200_000
    with pytest.raises(ServiceError, match="already awarded 90,000 yuan") as refused:
        services.save_call(organiser, edited)
    assert refused.value.field == "project_cap"
    stored = Call.objects.get(pk=call.pk)
    assert (stored.community_cap, stored.project_cap) == (COMMUNITY_CAP, PROJECT_CAP)
    edited.project_cap = 90_000
    services.save_call(organiser, edited)
    assert Call.objects.get(pk=call.pk).community_cap == 200_000


def test_two_calls_in_one_year_share_the_community_cap(call, organiser, community, panelists):
    people = _group(community, 3, "a")
    first = submitted(call, people[0], people[1:], amount=100_000)
    services.step(organiser, call, "review")
    services.award(organiser, Application.objects.get(pk=first.pk), 100_000)
    second_call = make_call(
        community, organiser, panelists, today=call.opens_on, title="第二批", community_cap=150_000
    )
    others = _group(community, 3, "b")
    second = submitted(second_call, others[0], others[1:], amount=60_000)
    services.step(organiser, second_call, "review")
    with pytest.raises(ServiceError, match="150,000"):
        services.award(organiser, Application.objects.get(pk=second.pk), 60_000)


@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_never_pass_the_community_cap(community, organiser, panelists):
    call = make_call(community, organiser, panelists, today=timezone.localdate())
    apps = []
    for k in range(8):
        people = _group(community, 3, f"c{k}")
        apps.append(submitted(call, people[0], people[1:], amount=60_000, title=f"并发{k}"))
    services.step(organiser, Call.objects.get(pk=call.pk), "review")
    start = threading.Barrier(len(apps))
    outcomes: list[str] = []
    messages: list[str] = []

    def award(pk: int) -> None:
        translation.activate("en")  # each thread has its own language
        start.wait()
        try:
            # SQLite makes writers wait their turn and may give up ("database is locked"); an
            # organiser would press again, so the test does too.
            for _attempt in range(500):
                try:
                    services.award(organiser, Application.objects.get(pk=pk), 60_000)
                    outcomes.append("awarded")
                    return
                except ServiceError as error:
                    outcomes.append("refused")
                    messages.append(str(error.message))
                    return
                except OperationalError:  # the test database is shared in-memory: "table is locked"
                    time.sleep(0.02)
                    close_old_connections()
                    connection.close()
            outcomes.append("busy")
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=len(apps)) as pool:
        list(pool.map(award, [a.pk for a in apps]))
    # The database decides (an award can commit and its notification then meet a locked table):
    assert "busy" not in outcomes
    assert all("300,000" in m or "under review" in m for m in messages), messages
    assert services.community_awarded(community, call.year) <= 300_000
    assert Application.objects.filter(status="awarded").count() == 5
