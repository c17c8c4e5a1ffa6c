"""Each phase allows its own actions: time is frozen inside each phase (time-machine)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from linli.budgeting import services
from linli.budgeting.models import Idea, Process
from linli.core.services import ServiceError

from .conftest import add_project

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DAY = timedelta(days=1)
# A moment inside each phase of the process below.
MOMENTS = {
    "upcoming": T0 - DAY,
    "ideas": T0 + DAY,
    "review": T0 + 11 * DAY,
    "vote": T0 + 21 * DAY,
    "results": T0 + 31 * DAY,
    "implementation": T0 + 41 * DAY,
}


@pytest.fixture
def dated(community, organiser, time_machine) -> Process:  # type: ignore[no-untyped-def]
    time_machine.move_to(T0 - 2 * DAY, tick=False)
    process = Process(
        community=community,
        title="2026 微更新",
        budget=100_000,
        ideas_open_at=T0,
        review_starts_at=T0 + 10 * DAY,
        vote_opens_at=T0 + 20 * DAY,
        vote_closes_at=T0 + 30 * DAY,
        implementation_starts_at=T0 + 40 * DAY,
    )
    services.save_process(organiser, process)
    services.publish(organiser, process)
    return process


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(MOMENTS))
def test_phase_by_date(dated, phase, time_machine) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(MOMENTS[phase], tick=False)
    assert dated.phase == phase


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(MOMENTS))
def test_ideas_only_while_collecting(dated, phase, resident, time_machine) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(MOMENTS[phase], tick=False)
    idea = Idea(title="长椅", body="加长椅")
    if phase == "ideas":
        services.submit_idea(resident, dated, idea)
    else:
        with pytest.raises(
            ServiceError, match=r"^Ideas are collected only during the idea phase\.$"
        ):
            services.submit_idea(resident, dated, idea)


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(MOMENTS))
def test_review_until_the_vote(dated, phase, organiser, time_machine) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(MOMENTS["ideas"], tick=False)
    idea = Idea.objects.create(process=dated, title="灯", body="灯")
    time_machine.move_to(MOMENTS[phase], tick=False)
    if phase in ("ideas", "review", "vote") and phase != "vote":
        services.review_idea(organiser, idea, feasible=True, note="", cost=1000)
    else:
        with pytest.raises(ServiceError, match=r"^Ideas are reviewed before the vote opens\.$"):
            services.review_idea(organiser, idea, feasible=True, note="", cost=1000)


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(MOMENTS))
def test_vote_opens_in_review_or_vote_phase(dated, phase, organiser, time_machine) -> None:  # type: ignore[no-untyped-def]
    add_project(dated, "健身角", 60_000)
    add_project(dated, "雨棚", 30_000)
    time_machine.move_to(MOMENTS[phase], tick=False)
    if phase in ("review", "vote"):
        vote = services.open_vote(organiser, dated)
        assert vote.closes_at == dated.vote_closes_at
        assert vote.ledger_method == "budget_ballot"
    else:
        with pytest.raises(
            ServiceError,
            match=r"^The vote can be opened after the idea phase and before it closes\.$",
        ):
            services.open_vote(organiser, dated)


@pytest.mark.django_db
def test_appeal_closes_when_the_vote_opens(dated, organiser, resident, time_machine) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(MOMENTS["ideas"], tick=False)
    idea = services.submit_idea(resident, dated, Idea(title="停车场", body="停车"))
    services.review_idea(organiser, idea, feasible=False, note="消防通道", cost=None)
    time_machine.move_to(MOMENTS["vote"], tick=False)
    with pytest.raises(ServiceError, match="until the vote opens"):
        services.appeal(resident, idea, "请再看看")


@pytest.mark.django_db
def test_phases_must_follow_each_other(community, organiser) -> None:  # type: ignore[no-untyped-def]
    process = Process(
        community=community,
        title="x",
        budget=1000,
        ideas_open_at=T0,
        review_starts_at=T0 + DAY,
        vote_opens_at=T0 + 5 * DAY,
        vote_closes_at=T0 + 4 * DAY,
        implementation_starts_at=T0 + 9 * DAY,
    )
    with pytest.raises(ServiceError, match="follow each other"):
        services.save_process(organiser, process)


@pytest.mark.django_db
def test_rule_must_fit_the_ballot(community, organiser) -> None:  # type: ignore[no-untyped-def]
    process = Process(
        community=community,
        title="x",
        budget=1000,
        ideas_open_at=T0,
        review_starts_at=T0 + DAY,
        vote_opens_at=T0 + 2 * DAY,
        vote_closes_at=T0 + 4 * DAY,
        implementation_starts_at=T0 + 9 * DAY,
        ballot_type="ranked",
        rule="mes_cost",
    )
    with pytest.raises(
        ServiceError,
        match=r"^This way of finding the funded projects does not work with this ballot\.$",
    ):
        services.save_process(organiser, process)
