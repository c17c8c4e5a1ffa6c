"""linli/votes/counting.py without a database: each kind of answer checked, counted, exported and
typed on paper, with exact results and exact refusals.

These are the tests bench/mutation.py runs against each mutant of the counting (issue 24); the
vote pages reach the same lines through whole requests in the other files of tests/votes."""

from __future__ import annotations

import pytest

from linli.votes import counting
from linli.votes.counting import (
    QuestionSpec,
    check_answer,
    count,
    export_rows,
    paper_line,
    parse_paper_line,
)
from linli.votes.tally import BallotError

PLURALITY = QuestionSpec(1, "plurality", [10, 11, 12])
APPROVAL = QuestionSpec(2, "approval", [20, 21, 22], max_choices=2)
SCORE = QuestionSpec(3, "score", [30, 31], max_score=5)
IRV = QuestionSpec(4, "irv", [40, 41, 42])
SCHULZE = QuestionSpec(5, "schulze", [50, 51, 52])
KNAPSACK = QuestionSpec(6, "knapsack", [60, 61, 62], costs={60: 5, 61: 3, 62: 2}, budget_limit=5)
CUMULATIVE = QuestionSpec(7, "cumulative", [70, 71, 72], points_total=5, max_points_per_option=3)


def refused(call, code, message):
    with pytest.raises(BallotError, match=message) as error:
        call()
    assert error.value.code == code


def test_an_options_number_is_its_place_on_the_ballot():
    assert [APPROVAL.number(o) for o in (20, 21, 22)] == [1, 2, 3]


def test_points_are_whole_numbers_given_as_numbers_or_digits():
    assert counting._whole(3) == 3
    assert counting._whole(" 4 ") == 4
    assert counting._whole("-2") == -2  # a negative is refused by the count with its own words
    for bad in (True, 1.5, "1.5", "", None, "X5", "5X"):
        refused(
            lambda b=bad: counting._whole(b),
            "points_not_whole",
            r"^Points are whole numbers of 0 or more\.$",
        )


def test_answers_come_back_in_stored_form_in_ballot_order():
    assert check_answer(PLURALITY, ["11"]) == [11]
    assert check_answer(PLURALITY, []) == []
    assert check_answer(APPROVAL, (22, "20")) == [20, 22]
    assert check_answer(SCORE, {"31": "4", 30: 0}) == {"30": 0, "31": 4}
    assert check_answer(IRV, [42, 40]) == [42, 40]
    assert check_answer(KNAPSACK, [62, 61]) == [61, 62]
    assert check_answer(CUMULATIVE, {"72": 2, "70": "3", "71": 0}) == {"70": 3, "72": 2}


def test_bad_answers_are_refused_with_their_reason():
    cases = [
        (CUMULATIVE, [70], "malformed", r"^A cumulative ballot gives points per option\.$"),
        (CUMULATIVE, {"a": 1}, "malformed", r"^Options are given by their number\.$"),
        (CUMULATIVE, {"70": 4}, "over_per_option", r"^At most 3 points may go to one option\.$"),
        (
            CUMULATIVE,
            {"70": 3, "71": 3},
            "over_points",
            r"^6 points were given; there are 5 to share\.$",
        ),
        (SCORE, [30], "malformed", r"^A score ballot gives a score per option\.$"),
        (SCORE, {"30": "x"}, "malformed", r"^Scores must be whole numbers\.$"),
        (SCORE, {"30": 6}, "score_out_of_range", r"^Scores go from 0 to 5\.$"),
        (IRV, "40", "malformed", r"^This answer must be a list of options\.$"),
        (IRV, [None], "malformed", r"^Options are given by their number\.$"),
        (IRV, ["x"], "malformed", r"^Options are given by their number\.$"),
        (PLURALITY, [10, 11], "too_many", r"^Choose one option only\.$"),
        (PLURALITY, [13], "unknown_option", r"^Option 13 is not in this vote\.$"),
        (APPROVAL, [20, 21, 22], "too_many", r"^At most 2 options may be approved\.$"),
        (KNAPSACK, [60, 62], "over_budget", r"^The choices cost 7; the budget is 5\.$"),
        (SCHULZE, [50, 50], "repeated_option", r"^An option may appear only once in a ranking"),
    ]
    for spec, value, code, message in cases:
        refused(lambda s=spec, v=value: check_answer(s, v), code, message)


def test_a_question_without_a_budget_or_points_allows_nothing():
    no_budget = QuestionSpec(8, "knapsack", [80], costs={80: 1})
    refused(lambda: check_answer(no_budget, [80]), "over_budget", r"^The choices cost 1; the")
    no_points = QuestionSpec(9, "cumulative", [90])
    refused(lambda: check_answer(no_points, {"90": 1}), "over_points", r"^1 points were given; ")


def test_blank_means_empty():
    assert [counting.is_blank(v) for v in ([], {}, None, [1], {"1": 0})] == [
        True,
        True,
        True,
        False,
        False,
    ]


# --- counting ------------------------------------------------------------------------------

SPOILED = {"_spoiled": True, "1": ["10"]}


def test_plurality_counts_blank_and_spoiled_apart():
    ballots = [{"1": ["10"]}, SPOILED, {"1": ["11"]}, {"1": ["11"]}, {"1": []}, {}, SPOILED]
    found = count(PLURALITY, ballots)
    assert (found.id, found.method, found.ballots, found.blank, found.spoiled) == (
        1,
        "plurality",
        3,
        2,
        2,
    )
    assert found.counts == {10: 1, 11: 2, 12: 0}
    assert found.winners == (11,) and found.winner == 11
    assert (found.rounds, found.pairwise, found.ranking, found.condorcet) == ([], [], (), None)
    assert found.supporters == {}


def test_approval_and_knapsack_counts():
    ballots = [{"2": [20, 21]}, {"2": ["21"]}]
    found = count(APPROVAL, ballots)
    assert found.counts == {20: 1, 21: 2, 22: 0} and found.winners == (21,)
    assert found.supporters == {}
    found = count(KNAPSACK, [{"6": [61, 62]}, {"6": ["60"]}, {"6": [62]}])
    assert found.counts == {60: 1, 61: 1, 62: 2} and found.winners == (62,)
    assert found.supporters == {60: 1, 61: 1, 62: 2}


def test_score_and_cumulative_counts():
    found = count(SCORE, [{"3": {"30": 5, "31": 1}}, {"3": {"31": 4}}, {"3": {"31": 4}}])
    assert found.counts == {30: 5, 31: 9} and found.winners == (31,) and found.ballots == 3
    assert found.supporters == {}
    ballots = [{"7": {"70": 3, "71": 2}}, {"7": {"71": 1, "72": 0}}, {"7": {"71": 1, "72": 0}}]
    found = count(CUMULATIVE, ballots)
    assert found.counts == {70: 3, 71: 4, 72: 0} and found.winners == (71,)
    # supporters: ballots giving the option any points (0 is no support)
    assert found.supporters == {70: 1, 71: 3, 72: 0}


def test_instant_runoff_counts_rounds_and_first_preferences():
    ballots = [{"4": [40]}, {"4": [40]}, {"4": [41, 42]}, {"4": [42, 41]}, {"4": [42, 41]}]
    found = count(IRV, ballots)
    assert [(r.eliminated, r.elected) for r in found.rounds] == [(41, None), (None, 42)]
    assert found.winners == (42,) and found.counts == {40: 2, 41: 1, 42: 2}
    empty = count(QuestionSpec(4, "irv", []), ballots)
    assert (empty.winners, empty.counts, empty.rounds) == ((), {}, [])


def test_schulze_counts_pairs_ranking_and_first_preferences():
    ballots = [{"5": [51, 50]}, {"5": [51]}, {"5": [50, 52]}]
    found = count(SCHULZE, ballots)
    assert found.pairwise == [[0, 1, 2], [2, 0, 2], [0, 1, 0]]
    assert {type(n) for row in found.pairwise for n in row} == {int}  # "2" in JSON, not "2.0"
    assert found.winners == (51,) and found.ranking == (51, 50, 52) and found.condorcet == 51
    assert found.counts == {50: 1, 51: 2, 52: 0}


# --- the export ----------------------------------------------------------------------------


def test_the_export_uses_option_numbers_sorted_without_blank_or_spoiled():
    assert export_rows(IRV, [{"4": [42, 40]}, {"4": [41]}, {"4": []}, {}, SPOILED]) == [
        "2",
        "3>1",
    ]
    assert export_rows(APPROVAL, [{"2": [22, 20]}, {"2": None}]) == ["3;1"]
    assert export_rows(KNAPSACK, [{"6": [61]}]) == ["2"]
    assert export_rows(SCORE, [{"3": {"31": "4", "30": 1}}]) == ["2=4;1=1"]
    assert export_rows(CUMULATIVE, [{"7": {"72": 2}}]) == ["3=2"]
    spoiled_with_answer = {"_spoiled": True, "4": [40]}
    assert export_rows(IRV, [spoiled_with_answer]) == []


# --- paper lines ---------------------------------------------------------------------------

SPECS = [IRV, APPROVAL, SCORE]


def test_paper_lines_for_every_kind_and_back():
    ballot = parse_paper_line(SPECS, "  3 1 / 1、3 / 5，0  ")
    assert ballot == {"4": [42, 40], "2": [20, 22], "3": {"30": 5}}
    assert paper_line(SPECS, ballot) == "3 1 / 1 3 / 5 0"
    assert parse_paper_line(SPECS, "X") == {"_spoiled": True}
    assert parse_paper_line(SPECS, " × ") == {"_spoiled": True}
    assert paper_line(SPECS, {"_spoiled": True}) == "x"
    assert parse_paper_line(SPECS, "-/ /-") == {"4": [], "2": [], "3": {}}
    assert paper_line(SPECS, {"4": [], "3": {}}) == "- / - / -"
    assert parse_paper_line([CUMULATIVE], "0 3 2") == {"7": {"71": 3, "72": 2}}
    assert paper_line([CUMULATIVE], {"7": {"71": 3}}) == "0 3 0"
    assert parse_paper_line([PLURALITY], "") == {"1": []}


def test_bad_paper_lines_say_what_is_wrong():
    cases = [
        ("1 / 1", "question_count", r"^Expected answers to 3 question\(s\), found 2\.$"),
        ("", "question_count", r"^Expected answers to 3 question\(s\), found 1\.$"),
        ("1 / 1 / 5 0 1", "score_count", r"^Give one score for each of the 2 options\.$"),
        ("1 / 4 / -", "unknown_option", r"^Options are numbered 1 to 3\.$"),
        ("0 / - / -", "unknown_option", r"^Options are numbered 1 to 3\.$"),
        ("1 / 1 / -1 0", "malformed", r"^Only numbers, '-' or 'x' are allowed: '-1 0'\.$"),
        ("1 / 1 2 3 / -", "too_many", r"^At most 2 options may be approved\.$"),
    ]
    for line, code, message in cases:
        refused(lambda li=line: parse_paper_line(SPECS, li), code, message)


def test_differences_between_two_officers_entries():
    assert counting.differences(["a", "b", "c"], ["a", "x", "c"]) == [2]
    assert counting.differences(["a"], ["a", "b", "c"]) == [2, 3]
    assert counting.differences(["a", "b"], ["a"]) == [2]
    assert counting.differences([], []) == []


def test_answers_are_stored_in_the_ballots_order_not_by_option_id():
    approval = QuestionSpec(12, "approval", [22, 20, 21])
    assert check_answer(approval, [20, 22]) == [22, 20]
    knapsack = QuestionSpec(
        16, "knapsack", [62, 60, 61], costs={60: 1, 61: 1, 62: 1}, budget_limit=3
    )
    assert check_answer(knapsack, [61, 60, 62]) == [62, 60, 61]
    score = QuestionSpec(13, "score", [31, 30], max_score=5)
    assert list(check_answer(score, {"30": 1, "31": 2})) == ["31", "30"]
    cumulative = QuestionSpec(17, "cumulative", [71, 70], points_total=5)
    assert list(check_answer(cumulative, {"70": 1, "71": 2})) == ["71", "70"]


def test_a_knapsack_question_keeps_its_limit_on_choices():
    limited = QuestionSpec(
        6, "knapsack", [60, 61, 62], costs={60: 1, 61: 1, 62: 1}, budget_limit=5, max_choices=2
    )
    assert check_answer(limited, [60, 61]) == [60, 61]
    refused(
        lambda: check_answer(limited, [60, 61, 62]),
        "too_many",
        r"^At most 2 options may be approved\.$",
    )


def test_the_export_of_knapsack_choices_and_blanks_before_answers():
    assert export_rows(KNAPSACK, [{"6": []}, {"6": [61, 62]}]) == ["2;3"]
    assert export_rows(IRV, [{}, SPOILED, {"4": [40, 41]}]) == ["1>2"]
