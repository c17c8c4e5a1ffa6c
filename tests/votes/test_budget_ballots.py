"""Knapsack and cumulative ballots (participatory budgeting): checks, casting online, on paper and
through the API, counting, the recount file, the organiser's question form and the ledger."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from linli.core.models import Member, Role
from linli.core.services import ServiceError
from linli.participation.models import Act
from linli.votes import counting, recount, services
from linli.votes.counting import QuestionSpec
from linli.votes.forms import parse_option_lines
from linli.votes.models import Ballot, Question, Vote
from linli.votes.tally import BallotError
from tests.conftest import client_for, make_person
from tests.votes.helpers import (
    close,
    make_cumulative_vote,
    make_knapsack_vote,
    make_vote,
    mark_paper_voters,
    option_ids,
    qkey,
)

KNAPSACK = QuestionSpec(
    1,
    "knapsack",
    [11, 12, 13, 14],
    costs={11: 6000, 12: 4500, 13: 3000, 14: 2500},
    budget_limit=10000,
)
CUMULATIVE = QuestionSpec(2, "cumulative", [21, 22, 23], points_total=10, max_points_per_option=6)


def member(user, community):
    return Member.objects.get(user=user, community=community)


# --- checking one answer -----------------------------------------------------------------


def test_a_knapsack_answer_must_fit_the_budget():
    assert counting.check_answer(KNAPSACK, [14, 12, 13]) == [12, 13, 14]  # exactly 10,000
    with pytest.raises(
        BallotError, match=r"^The choices cost 13500; the budget is 10000\.$"
    ) as refused:
        counting.check_answer(KNAPSACK, [11, 12, 13])
    assert refused.value.code == "over_budget"
    assert refused.value.details == {"total": 13500, "limit": 10000}
    message = services.ballot_error_message(refused.value)
    assert message == (
        "Your choices cost ¥13,500; the budget is ¥10,000. Remove a project and try again."
    )
    with pytest.raises(BallotError, match="once"):
        counting.check_answer(KNAPSACK, [12, 12])
    capped = QuestionSpec(
        1, "knapsack", [11, 12, 13, 14], 1, costs=KNAPSACK.costs, budget_limit=10000
    )
    with pytest.raises(BallotError, match=r"^At most 1 options may be approved\.$") as too_many:
        counting.check_answer(capped, [13, 14])
    assert too_many.value.code == "too_many"


def test_a_knapsack_option_without_a_cost_cannot_be_chosen():
    spec = QuestionSpec(1, "knapsack", [11, 12], costs={11: 100, 12: None}, budget_limit=1000)
    with pytest.raises(BallotError, match=r"^An option chosen has no cost\.$") as refused:
        counting.check_answer(spec, [12])
    assert refused.value.code == "no_cost"


def test_cumulative_points_are_whole_within_the_total_and_the_cap():
    assert counting.check_answer(CUMULATIVE, {"23": 4, "21": "6", "22": 0}) == {"21": 6, "23": 4}
    whole = r"^Points are whole numbers of 0 or more\.$"
    for bad, code, message in [
        ({"21": 6, "22": 5}, "over_points", r"^11 points were given; there are 10 to share\.$"),
        ({"21": 7}, "over_per_option", r"^At most 6 points may go to one option\.$"),
        ({"21": -1}, "points_not_whole", whole),
        ({"21": "2.5"}, "points_not_whole", whole),
        ({"21": 2.5}, "points_not_whole", whole),
        ({"21": True}, "points_not_whole", whole),
        ({"21": "two"}, "points_not_whole", whole),
        ({"99": 1}, "unknown_option", r"^Option 99 is not in this vote\.$"),
        ([21], "malformed", r"^A cumulative ballot gives points per option\.$"),
    ]:
        with pytest.raises(BallotError, match=message) as refused:
            counting.check_answer(CUMULATIVE, bad)
        assert refused.value.code == code, bad
    with pytest.raises(
        BallotError, match=r"^11 points were given; there are 10 to share\.$"
    ) as over:
        counting.check_answer(CUMULATIVE, {"21": 6, "22": 5})
    assert services.ballot_error_message(over.value) == (
        "You gave 11 points; there are 10 to share. Take some away and try again."
    )
    assert counting.check_answer(CUMULATIVE, {"21": 0}) == {}  # nothing given: a blank answer


# --- counting ------------------------------------------------------------------------------


def test_knapsack_counts_voters_per_project_and_cumulative_sums_points():
    ballots = [
        {"1": [12, 13], "2": {"21": 6, "22": 4}},
        {"1": [11], "2": {"22": 10 - 6}},
        {"1": [], "2": {}},
        {counting.SPOILED: True},
    ]
    knapsack = counting.count(KNAPSACK, ballots)
    assert (knapsack.ballots, knapsack.blank, knapsack.spoiled) == (2, 1, 1)
    assert knapsack.counts == {11: 1, 12: 1, 13: 1, 14: 0}
    assert knapsack.supporters == {11: 1, 12: 1, 13: 1, 14: 0}
    cumulative = counting.count(CUMULATIVE, ballots)
    assert cumulative.ballots == 2  # voters giving any points
    assert cumulative.counts == {21: 6, 22: 8, 23: 0}
    assert cumulative.supporters == {21: 1, 22: 2, 23: 0}
    assert cumulative.winners == (22,)


# --- paper -------------------------------------------------------------------------------


def test_paper_lines_for_knapsack_and_cumulative_round_trip():
    specs = [KNAPSACK, CUMULATIVE]
    for line in ["2 3 4 / 6 0 4", "1 / -", "- / 0 5 5", "x"]:
        ballot = counting.parse_paper_line(specs, line)
        again = counting.parse_paper_line(specs, counting.paper_line(specs, ballot))
        assert again == ballot, line
    assert counting.parse_paper_line(specs, "4 2 / 1 0 2") == {
        "1": [12, 14],
        "2": {"21": 1, "23": 2},
    }


def test_a_paper_ballot_over_the_budget_is_a_line_error_the_officer_types_x_for(
    community, organiser, leader
):
    vote = make_knapsack_vote(community, organiser)
    mark_paper_voters(vote, leader, 3)
    batch = services.create_batch(leader, vote, "梧桐院 1号票箱", 3)
    with pytest.raises(
        ServiceError,
        match=r"^Line 2 \(“1 2 3”\): The projects marked cost ¥13,500, over the budget of ¥10,000: the ballot is spoiled\. Type x for it\.$",
    ) as refused:
        services.enter_batch(leader, batch, "2 3 4\n1 2 3\n1")
    message = refused.value.message
    assert "Line 2" in message and "¥13,500" in message and "¥10,000" in message
    assert "Type x" in message
    assert services.enter_batch(leader, batch, "2 3 4\nx\n1").status == "waiting"
    assert services.enter_batch(organiser, batch, "2 3 4\nx\n1").status == "counted"
    [(_q, result)] = services.results(vote)
    assert (result.ballots, result.spoiled) == (2, 1)


def test_cumulative_paper_batches_are_reconciled_like_any_other(community, organiser, leader):
    vote = make_cumulative_vote(community, organiser)
    mark_paper_voters(vote, leader, 2)
    batch = services.create_batch(leader, vote, "槐树院", 2)
    with pytest.raises(ServiceError, match="more than the 10 to share"):
        services.enter_batch(leader, batch, "6 6 0 0\n1 1 1 1")
    with pytest.raises(ServiceError, match="At most 6 points"):
        services.enter_batch(leader, batch, "7 0 0 0\n1 1 1 1")
    services.enter_batch(leader, batch, "6 4 0 0\n1 1 1 1")
    mismatch = services.enter_batch(organiser, batch, "6 4 0 0\n1 1 1 0")
    assert (mismatch.status, mismatch.differences) == ("mismatch", [2])
    assert services.mismatch_lines(batch, [2]) == [(2, "1 1 1 1", "1 1 1 0")]
    assert services.enter_batch(organiser, batch, "6 4 0 0\n1 1 1 1").status == "counted"
    a, b, c, d = option_ids(vote)
    [(_q, result)] = services.results(vote)
    assert result.counts == {a: 7, b: 5, c: 1, d: 1}


# --- casting online ----------------------------------------------------------------------


def test_knapsack_online_refuses_over_budget_and_takes_exactly_the_budget(
    community, organiser, resident
):
    vote = make_knapsack_vote(community, organiser)
    a, b, c, d = option_ids(vote)
    voter = member(resident, community)
    with pytest.raises(ServiceError, match="cost ¥13,500; the budget is ¥10,000"):
        services.cast(voter.user, vote, {qkey(vote): [a, b, c]})
    assert not Ballot.objects.exists()
    first = services.cast(voter.user, vote, {qkey(vote): [b, c, d]})
    assert Ballot.objects.get().choices == {qkey(vote): [b, c, d]}
    # the change code replaces it, and the budget still holds for the new ballot
    with pytest.raises(ServiceError, match="budget"):
        services.cast(voter.user, vote, {qkey(vote): [a, b]}, change_code=first.code)
    services.cast(voter.user, vote, {qkey(vote): [a, d]}, change_code=first.code)
    assert Ballot.objects.get().choices == {qkey(vote): [a, d]}


def test_cumulative_online_and_its_change_code(community, organiser, resident):
    vote = make_cumulative_vote(community, organiser)
    a, b, _c, d = option_ids(vote)
    voter = member(resident, community)
    with pytest.raises(ServiceError, match="You gave 11 points"):
        services.cast(voter.user, vote, {qkey(vote): {str(a): 6, str(b): 5}})
    first = services.cast(voter.user, vote, {qkey(vote): {str(a): 6, str(b): 4}})
    services.cast(voter.user, vote, {qkey(vote): {str(d): 3}}, change_code=first.code)
    assert Ballot.objects.get().choices == {qkey(vote): {str(d): 3}}


def test_casting_writes_the_votes_ledger_method(community, organiser, resident, leader):
    now = timezone.now()
    vote = services.create_vote(
        organiser,
        community,
        title="2027 年社区微基金",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=3),
        ledger_method="budget_ballot",
    )
    question = Question(
        text="选哪些项目？", ballot_type=Question.BallotType.KNAPSACK, budget_limit=10000
    )
    services.save_question(organiser, vote, question, ["彩绘", "花园"], costs=[6000, 4000])
    services.publish(organiser, vote)
    a, _b = option_ids(vote)
    services.cast(resident, vote, {qkey(vote): [a]})
    assert Act.objects.get(member__user=resident).method == "budget_ballot"
    paper_voter = make_person(
        community, "paper@test.org", Role.RESIDENT, member(leader, community).household
    )
    vote.officers.add(leader)
    services.mark_paper_voter(leader, vote, member(paper_voter, community))
    assert Act.objects.get(member__user=paper_voter).method == "budget_ballot"
    assert make_vote(community, organiser).ledger_method == "vote"


def test_create_vote_and_add_option_check_who_and_what(community, organiser, resident):
    now = timezone.now()
    kwargs = {"title": "t", "opens_at": now, "closes_at": now + timedelta(days=1)}
    with pytest.raises(PermissionDenied, match=r"^votes\.manage$"):
        services.create_vote(resident, community, **kwargs)
    with pytest.raises(ServiceError, match="close after"):
        services.create_vote(organiser, community, **{**kwargs, "closes_at": now})
    with pytest.raises(ServiceError, match="listed settings"):
        services.create_vote(organiser, community, **kwargs, unit="flat")
    with pytest.raises(ServiceError, match="Unknown"):
        services.create_vote(organiser, community, **kwargs, ledger_method="nonsense")
    vote = services.create_vote(organiser, community, **kwargs)
    question = Question(text="q", ballot_type="knapsack", budget_limit=5000)
    services.save_question(organiser, vote, question, ["甲 ", "乙"], costs=[1000, 2000])
    assert [(o.label, o.cost) for o in question.options.all()] == [("甲", 1000), ("乙", 2000)]
    with pytest.raises(ServiceError, match="needs a cost"):
        services.add_option(organiser, question, "丙")
    option = services.add_option(organiser, question, "丙", cost=3000)
    assert (option.position, option.cost) == (2, 3000)
    with pytest.raises(PermissionDenied, match=r"^votes\.edit_questions$"):
        services.add_option(resident, question, "丁", cost=1)


def test_save_question_needs_the_budget_costs_and_points(community, organiser):
    vote = make_vote(community, organiser, publish=False)
    with pytest.raises(ServiceError, match="budget"):
        services.save_question(
            organiser, vote, Question(text="q", ballot_type="knapsack"), ["a", "b"], costs=[1, 2]
        )
    with pytest.raises(ServiceError, match="needs a cost"):
        services.save_question(
            organiser,
            vote,
            Question(text="q", ballot_type="knapsack", budget_limit=9),
            ["a", "b"],
            costs=[1],
        )
    with pytest.raises(ServiceError, match="points each voter"):
        services.save_question(
            organiser, vote, Question(text="q", ballot_type="cumulative"), ["a", "b"]
        )
    with pytest.raises(ServiceError, match="between 1 and"):
        services.save_question(
            organiser,
            vote,
            Question(text="q", ballot_type="cumulative", points_total=5, max_points_per_option=6),
            ["a", "b"],
        )


def test_answers_for_gives_every_counted_answer_without_blanks(
    community, organiser, resident, leader
):
    vote = make_knapsack_vote(community, organiser)
    a, b, _c, d = option_ids(vote)
    question = vote.questions.get()
    services.cast(resident, vote, {qkey(vote): [b, d]})
    mark_paper_voters(vote, leader, 3)
    batch = services.create_batch(leader, vote, "bundle", 3)
    services.enter_batch(leader, batch, "1\n-\nx")
    services.enter_batch(organiser, batch, "1\n-\nx")
    close(vote)
    answers = services.answers_for(vote, question)
    assert sorted(answers) == sorted([[b, d], [a]])
    assert Vote.objects.get(pk=vote.pk).sealed_at is not None
    cumulative = make_cumulative_vote(community, organiser)
    services.cast(
        resident,
        cumulative,
        {qkey(cumulative): {str(option_ids(cumulative)[0]): 4}},
    )
    assert services.answers_for(cumulative, cumulative.questions.get()) == [
        {option_ids(cumulative)[0]: 4}
    ]
    with pytest.raises(ServiceError, match=r"^This question is not part of this vote\.$"):
        services.answers_for(vote, cumulative.questions.get())


# --- the recount file ----------------------------------------------------------------------


def test_the_recount_file_carries_costs_and_points_and_recounts(
    community, organiser, resident, leader, tmp_path
):
    vote = make_knapsack_vote(community, organiser)
    a, b, c, d = option_ids(vote)
    services.cast(resident, vote, {qkey(vote): [b, c, d]})
    services.cast(leader, vote, {qkey(vote): [a, d]})
    close(vote)
    question = vote.questions.get()
    data = services.ballot_file(vote, question).decode()
    assert data.splitlines()[0].endswith("; budget=10000; costs=1:6000,2:4500,3:3000,4:2500")
    path = tmp_path / "knapsack.csv"
    path.write_text(data, encoding="utf-8")
    counted = recount.recount(path, "knapsack")
    assert counted["counts"] == {"1": 1, "2": 1, "3": 1, "4": 2}
    assert (counted["budget"], counted["over_budget"]) == (10000, 0)
    assert recount.recount(path, "approval")["counts"] == counted["counts"]
    assert recount.main([str(path), "--method", "knapsack"]) == 0  # the command line too

    points = make_cumulative_vote(community, organiser)
    a, b, c, d = option_ids(points)
    services.cast(resident, points, {qkey(points): {str(a): 6, str(d): 4}})
    services.cast(leader, points, {qkey(points): {str(d): 5}})
    close(points)
    path = tmp_path / "cumulative.csv"
    path.write_bytes(services.ballot_file(points, points.questions.get()))
    counted = recount.recount(path, "cumulative")
    assert counted["counts"] == {"1": 6, "2": 0, "3": 0, "4": 9}
    assert counted["supporters"] == {"1": 1, "4": 2}
    assert counted["over_points"] == 0
    assert recount.recount(path, "score")["counts"] == counted["counts"]


def test_the_files_of_older_ballot_types_are_unchanged(community, organiser):
    vote = make_vote(community, organiser, ballot_type="score", options=("甲", "乙"))
    close(vote)
    header = services.ballot_file(vote, vote.questions.get()).decode().splitlines()[0]
    assert header == "# linli ballots; method=score; options=1:甲|2:乙; max=5"


# --- HTTP: the ballot form and the API -------------------------------------------------------


def _english(user):
    client = client_for(user)
    client.post("/language/", {"language": "en", "next": "/"})
    return client


def test_the_knapsack_form_states_costs_refuses_over_budget_and_keeps_choices(
    community, organiser, resident
):
    vote = make_knapsack_vote(community, organiser)
    a, b, c, d = option_ids(vote)
    q = qkey(vote)
    client = _english(resident)
    url = f"/c/{community.slug}/votes/{vote.pk}/"
    page = client.get(url).content.decode()
    assert "¥6,000" in page and "at most ¥10,000" in page and "ballot.js" in page
    response = client.post(url, {f"q{q}": [str(a), str(b), str(c)]})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Your choices cost ¥13,500; the budget is ¥10,000." in page
    for option in (a, b, c):
        assert f'value="{option}" data-amount' in page
        assert f'id="q{q}_o{option}" value="{option}" data-amount="' in page
    assert page.count("checked>") == 3
    assert not Ballot.objects.exists()
    assert client.post(url, {f"q{q}": [str(b), str(c), str(d)]}).status_code == 200
    assert Ballot.objects.get().choices == {q: [b, c, d]}


def test_the_cumulative_form_refuses_too_many_points_and_keeps_them(community, organiser, resident):
    vote = make_cumulative_vote(community, organiser)
    a, b, _c, _d = option_ids(vote)
    q = qkey(vote)
    client = _english(resident)
    url = f"/c/{community.slug}/votes/{vote.pk}/"
    assert 'type="number"' in client.get(url).content.decode()
    response = client.post(url, {f"q{q}_o{a}": "6", f"q{q}_o{b}": "5"})
    page = response.content.decode()
    assert response.status_code == 400 and "You gave 11 points" in page
    assert f'name="q{q}_o{a}" id="q{q}_o{a}" value="6"' in page
    response = client.post(url, {f"q{q}_o{a}": "2.5"})
    assert response.status_code == 400 and "whole numbers" in response.content.decode()
    assert client.post(url, {f"q{q}_o{a}": "6", f"q{q}_o{b}": "4"}).status_code == 200
    assert Ballot.objects.get().choices == {q: {str(a): 6, str(b): 4}}


def test_the_api_shows_costs_and_refuses_an_over_budget_ballot(community, organiser, resident):
    vote = make_knapsack_vote(community, organiser)
    points = make_cumulative_vote(community, organiser)
    a, b, c, d = option_ids(vote)
    resident.language = "en"
    resident.save()
    data = client_for(resident).get(f"/api/communities/{community.slug}/votes/{vote.pk}").json()
    question = data["questions"][0]
    assert (question["ballot_type"], question["budget_limit"]) == ("knapsack", 10000)
    assert [o["cost"] for o in question["options"]] == [6000, 4500, 3000, 2500]
    shown = client_for(resident).get(f"/api/communities/{community.slug}/votes/{points.pk}")
    assert shown.json()["questions"][0]["points_total"] == 10
    url = f"/api/communities/{community.slug}/votes/{vote.pk}/ballot"

    def post(target, answers):
        body = json.dumps({"answers": answers})
        return client_for(resident).post(target, body, content_type="application/json")

    over = post(url, {qkey(vote): [a, b, c]})
    assert over.status_code == 400 and "¥13,500" in over.json()["detail"]
    assert post(url, {qkey(vote): [b, c, d]}).status_code == 200
    points_url = f"/api/communities/{community.slug}/votes/{points.pk}/ballot"
    body = json.dumps({"answers": {qkey(points): {str(option_ids(points)[0]): 2.5}}})
    refused = client_for(resident).post(points_url, body, content_type="application/json")
    assert refused.status_code == 400
    body = json.dumps({"answers": {qkey(points): {str(option_ids(points)[0]): 6}}})
    assert (
        client_for(resident).post(points_url, body, content_type="application/json").status_code
        == 200
    )


# --- the organiser's question form ---------------------------------------------------------


def test_option_lines_read_costs_in_several_spellings():
    parsed, problems = parse_option_lines("彩绘 | 12000\n花园｜¥4,500\n\n凉亭 | 3 000元\n告示栏")
    assert parsed == [("彩绘", 12000), ("花园", 4500), ("凉亭", 3000), ("告示栏", None)]
    assert problems == []
    _parsed, problems = parse_option_lines("彩绘 | 一万")
    assert problems and "Line 1" in problems[0]


def test_the_organiser_sets_up_a_knapsack_question(community, organiser):
    vote = make_vote(community, organiser, publish=False)
    client = _english(organiser)
    url = f"/c/{community.slug}/votes/{vote.pk}/questions/"
    base = {
        "text": "2027 年微基金选哪些？",
        "ballot_type": "knapsack",
        "max_score": 5,
        "ranked_method": "irv",
    }
    response = client.post(url, {**base, "options": "彩绘 | 6000\n花园 | 4500"})
    assert "Give the budget" in response.content.decode()
    response = client.post(url, {**base, "budget_limit": 10000, "options": "彩绘 | 6000\n花园"})
    assert "Give a cost for: 花园" in response.content.decode()
    assert "彩绘 | 6000" in response.content.decode()  # nothing typed is lost
    response = client.post(
        url, {**base, "budget_limit": 10000, "options": "彩绘 | 6000\n花园 | ¥4,500"}
    )
    assert response.status_code == 302
    question = vote.questions.get(ballot_type="knapsack")
    assert [(o.label, o.cost) for o in question.options.all()] == [("彩绘", 6000), ("花园", 4500)]
    edit = client.get(f"{url}{question.pk}/").content.decode()
    assert "彩绘 | 6000\n花园 | 4500" in edit
    listing = client.get(url).content.decode()
    assert "budget ¥10,000" in listing and "¥4,500" in listing
    cumulative = {**base, "ballot_type": "cumulative", "options": "a\nb"}
    assert "points each voter" in client.post(url, cumulative).content.decode()
    assert client.post(url, {**cumulative, "points_total": 10}).status_code == 302


def test_results_show_costs_voters_and_points(community, organiser, resident, leader):
    vote = make_knapsack_vote(community, organiser, results_shown="live")
    points = make_cumulative_vote(community, organiser, results_shown="live")
    _a, b, c, d = option_ids(vote)
    services.cast(resident, vote, {qkey(vote): [b, c, d]})
    services.cast(resident, points, {qkey(points): {str(option_ids(points)[1]): 6}})
    close(vote)  # no count is shown while a secret vote is open
    close(points)
    client = _english(leader)
    page = client.get(f"/c/{community.slug}/votes/{vote.pk}/results/").content.decode()
    assert "Voters choosing each project" in page and "¥4,500" in page and "Budget: ¥10,000" in page
    page = client.get(f"/c/{community.slug}/votes/{points.pk}/results/").content.decode()
    assert "Points per option" in page and "Voters giving points" in page
    upcoming = make_knapsack_vote(community, organiser, opens_in=timedelta(days=1))
    page = client.get(f"/c/{community.slug}/votes/{upcoming.pk}/").content.decode()
    assert "budget ¥10,000" in page and "梧桐院彩绘 · ¥6,000" in page


def test_budget_ballot_pages_follow_the_vote_permissions(community, people, organiser):
    vote = make_knapsack_vote(community, organiser)
    a = option_ids(vote)[0]
    url = f"/c/{community.slug}/votes/{vote.pk}/"
    for role in ["community_admin", "organiser", "leader", "resident", "outsider", "anonymous"]:
        assert client_for(people[role]).get(url).status_code == 200, role
        assert client_for(people[role]).get(url + "results/").status_code == 403, role
    assert client_for(people["outsider"]).post(url, {f"q{qkey(vote)}": str(a)}).status_code == 403
    assert client_for(None).post(url, {f"q{qkey(vote)}": str(a)}).status_code == 302
    assert not Ballot.objects.exists()
