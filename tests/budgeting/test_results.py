"""Results: the same as rules.py on the same ballots, caps and sub-budgets respected, and a
sentence for each project that a resident understands."""

from __future__ import annotations

import pytest

from linli.budgeting import counting, explain, rules, services
from linli.budgeting.models import Process

from .conftest import (
    add_project,
    cast,
    closed_process,
    english_client,
    make_process,
    make_voters,
    shift,
)


@pytest.mark.django_db
def test_outcome_matches_rules_on_the_same_ballots(community, organiser) -> None:  # type: ignore[no-untyped-def]
    process, ideas = closed_process(community, organiser, make_voters(community, 8))
    outcome = services.outcome_of(process)
    assert outcome is not None and outcome.ballots == 8
    ballots = services.ballots_as_projects(process)
    direct = rules.equal_shares(
        [rules.Project(i.key, i.cost) for i in ideas],
        process.budget,
        rules.Profile.from_approvals(ballots),
        utility="cost",
        completion="add1u",
    )
    assert outcome.selected == direct.selected
    assert outcome.computed_by == organiser


@pytest.mark.django_db
def test_results_page_explains_every_project(community, organiser, resident) -> None:  # type: ignore[no-untyped-def]
    process, _ideas = closed_process(community, organiser, make_voters(community, 8))
    page = english_client(resident).get(process.get_absolute_url() + "results/").content.decode()
    assert "Funded: 6 neighbours supported it and their equal shares covered its ¥60,000." in page
    assert "Not funded" in page
    assert "10 comes before 9" in page  # the tie-break in words
    assert "<table" in page  # the bars have a table


@pytest.mark.django_db
def test_project_cap_keeps_costly_projects_off_the_ballot(process, organiser, resident) -> None:  # type: ignore[no-untyped-def]
    from linli.budgeting.models import Idea
    from linli.core.services import ServiceError

    process.project_cap = 40_000
    process.save()
    idea = services.submit_idea(resident, process, Idea(title="凉亭", body="凉亭"))
    with pytest.raises(ServiceError, match="cap"):
        services.review_idea(organiser, idea, feasible=True, note="", cost=50_000)


@pytest.mark.django_db
def test_area_cap_and_sub_budget_are_respected(community, organiser) -> None:  # type: ignore[no-untyped-def]
    from linli.core.services import place_path

    north = place_path(community, ["梧桐院"], "old_courtyard").area
    south = place_path(community, ["银杏院"], "old_courtyard").area
    process = make_process(
        community, organiser, phase="ideas", area_cap=50_000, rule="greedy_votes"
    )
    services.set_sub_budget(organiser, process, 20_000, area=south)
    a = add_project(process, "梧桐院健身角", 30_000, area=north)
    b = add_project(process, "梧桐院雨棚", 30_000, area=north)
    c = add_project(process, "银杏院花园", 25_000, area=south)
    d = add_project(process, "银杏院灯", 10_000, area=south)
    shift(process, "review")
    services.open_vote(organiser, process)
    shift(process, "vote")
    for voter in make_voters(community, 3):
        cast(process, voter, [a, b, c])
    shift(process, "results")
    outcome = services.compute_outcome(organiser, process)
    codes = {e["project"]: e["code"] for e in outcome.data["explanations"]}
    assert codes[str(b.pk)] == "over_group_cap"  # 梧桐院 would pass ¥50,000
    assert codes[str(c.pk)] == "over_group_cap"  # 银杏院's sub-budget is ¥20,000
    assert str(a.pk) in outcome.selected and str(d.pk) in outcome.selected
    labels = services.group_labels(process)
    numbers = next(e["numbers"] for e in outcome.data["explanations"] if e["project"] == str(b.pk))
    assert explain.sentence("over_group_cap", numbers, labels) == (
        "Not funded: over the ¥50,000 cap for 梧桐院."
    )


def test_sentences() -> None:
    assert explain.sentence("did_not_fit", {"cost": 5000, "remaining_budget": 2100}, {}) == (
        "Not funded: it did not fit in the ¥2,100 left."
    )
    assert explain.sentence("shares_ran_out", {"cost": 18000, "supporters_money": 13700}, {}) == (
        "Not funded: its supporters' shares ran out after funding projects they liked more; "
        "it would have needed ¥4,300 more."
    )
    assert explain.sentence("funded_equal_shares", {"cost": 18000, "supporters": 312}, {}) == (
        "Funded: 312 neighbours supported it and their equal shares covered its ¥18,000."
    )


def test_rules_for_each_ballot() -> None:
    projects = [rules.Project("1", 10), rules.Project("2", 10), rules.Project("3", 10)]
    ranked = [["1", "2"], ["2", "1"], ["2", "3"]]
    assert counting.compute(projects, 10, "ranked", "greedy_borda", ranked).selected == ["2"]
    assert counting.compute(
        projects, 10, "ranked", "greedy_first", [["1"], ["1"], ["2"]]
    ).selected == ["1"]
    points = [{"1": 3, "2": 1}, {"2": 2}, {"3": 1}]
    assert counting.compute(projects, 10, "cumulative", "greedy_votes", points).selected == ["1"]
    with pytest.raises(ValueError, match=r"^rule mes_cost does not go with ranked ballots$"):
        counting.compute(projects, 10, "ranked", "mes_cost", ranked)
    assert set(counting.RULES_FOR_BALLOT) == set(Process.BallotType.values)
