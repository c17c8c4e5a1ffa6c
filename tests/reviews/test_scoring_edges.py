"""The edges of linli/reviews/scoring.py that the hand-worked cases in test_scoring.py do not
reach: an empty range, a reviewer whose totals barely differ, the default number of reviewers,
boards with nothing or one thing scored. Written against mutmut's survivors (issue 24)."""

from __future__ import annotations

import pytest

from linli.reviews.scoring import Criterion, ScoringError, combine, z_scores

ONE = [Criterion("q", 1, 0, 10)]


def test_a_range_whose_top_is_its_bottom_is_refused():
    with pytest.raises(
        ScoringError, match=r"^criterion 'x': the top of the range must be above the bottom$"
    ):
        Criterion("x", 1, 5, 5)
    assert Criterion("x", 0.5, 5, 6).high == 6


def test_small_differences_still_make_a_preference():
    # a standard deviation of 0.5 (below 1) is a preference like any other
    assert z_scores({"a": 1, "b": 2}) == {"a": -1.0, "b": 1.0}
    # the threshold itself (a standard deviation of exactly 1e-12) is not "no preference"
    assert z_scores({"a": 0.0, "b": 2e-12}) == {"a": -1.0, "b": 1.0}
    assert z_scores({"a": 0.0, "b": 1e-12}) == {"a": 0.0, "b": 0.0}


def test_three_reviewers_are_enough_by_default():
    scores = {(r, "A", "q"): 5 for r in ("R1", "R2", "R3")} | {("R1", "B", "q"): 5}
    by_app = {r.application: r for r in combine(ONE, ["A", "B"], scores).results}
    assert by_app["A"].too_few is False and by_app["B"].too_few is True


def test_a_board_where_nothing_was_scored():
    out = combine(ONE, ["A", "B"], {})
    assert (out.grand_mean, out.grand_sd, out.neutral_reviewers) == (0.0, 0.0, [])
    assert [(r.application, r.rank, r.decided_by) for r in out.results] == [
        ("A", 1, "score"),
        ("B", 2, "order"),
    ]
    a = out.results[0]
    assert (a.raw_mean, a.mean_z, a.normalised, a.spread, a.reviewers) == (
        None,
        None,
        None,
        0.0,
        [],
    )
    assert a.criterion_means == {} and a.spread_flag is False and a.too_few is True


def test_a_rubric_without_criteria_ranks_in_input_order():
    out = combine([], ["A", "B"], {})
    assert [r.application for r in out.results] == ["A", "B"]


def test_one_total_has_no_spread_and_an_unscored_application_comes_last():
    out = combine(ONE, ["A", "B"], {("R", "B", "q"): 7})
    assert (out.grand_mean, out.grand_sd) == (pytest.approx(70.0), 0.0)
    b, a = out.results
    assert (b.application, b.raw_mean, b.mean_z, b.spread, b.normalised) == (
        "B",
        pytest.approx(70.0),
        0.0,
        0.0,
        pytest.approx(70.0),
    )
    assert (a.application, a.raw_mean, a.mean_z, a.rank, a.decided_by) == (
        "A",
        None,
        None,
        2,
        "score",
    )
    assert (b.totals, b.z_scores, a.totals, a.z_scores) == (
        {"R": pytest.approx(70.0)},
        {"R": 0.0},
        {},
        {},
    )


def test_two_totals_have_their_spread():
    out = combine(ONE, ["A", "B"], {("R", "A", "q"): 2, ("R", "B", "q"): 6})
    # totals 20 and 60: mean 40, population standard deviation 20; z -1 and +1
    assert (out.grand_mean, out.grand_sd) == (pytest.approx(40.0), pytest.approx(20.0))
    assert [(r.application, r.normalised) for r in out.results] == [
        ("B", pytest.approx(60.0)),
        ("A", pytest.approx(20.0)),
    ]


def test_a_spread_of_exactly_the_limit_is_not_flagged():
    # two reviewers who disagree completely: z-scores +1 and -1, spread exactly 1.0
    scores = {("L", "A", "q"): 9, ("L", "B", "q"): 1, ("H", "A", "q"): 1, ("H", "B", "q"): 9}
    out = combine(ONE, ["A", "B"], scores, min_reviewers=2)
    assert [(r.spread, r.spread_flag) for r in out.results] == [(1.0, False), (1.0, False)]
    assert combine(ONE, ["A", "B"], scores, spread_limit=0.99).results[0].spread_flag is True


def test_the_mean_z_decides_before_the_raw_mean_even_when_they_differ_by_less_than_one():
    # L spreads A and B far apart; M and N prefer B by one point. Raw means: A 66.7, B 34;
    # mean z-scores: A -1/3, B +1/3. The normalised order puts B first.
    scores = {
        ("L", "A", "q"): 10,
        ("L", "B", "q"): 0,
        ("M", "A", "q"): 5,
        ("M", "B", "q"): 6,
        ("N", "A", "q"): 5,
        ("N", "B", "q"): 6,
    }
    out = combine(ONE, ["A", "B"], scores)
    assert [(r.application, r.decided_by) for r in out.results] == [("B", "score"), ("A", "score")]
    assert out.results[0].mean_z == pytest.approx(1 / 3)


def test_equal_mean_z_the_higher_raw_mean_goes_first():
    # every reviewer is neutral (one gave both the same, the other scored A only): z all 0
    scores = {("R1", "A", "q"): 10, ("R1", "B", "q"): 10, ("R2", "A", "q"): 5}
    out = combine(ONE, ["A", "B"], scores)
    assert [(r.application, r.decided_by) for r in out.results] == [
        ("B", "score"),
        ("A", "raw_mean"),
    ]


def test_a_raw_mean_of_zero_is_below_any_other():
    wide = [Criterion("q", 1, 0, 100)]
    # neutral reviewers again: A's raw mean is 0, B's 0.5
    scores = {("R1", "A", "q"): 0, ("R1", "B", "q"): 0, ("R2", "B", "q"): 1}
    out = combine(wide, ["A", "B"], scores)
    assert [(r.application, r.raw_mean, r.decided_by) for r in out.results] == [
        ("B", 0.5, "score"),
        ("A", 0.0, "raw_mean"),
    ]


def test_the_heavier_criterion_separates_means_closer_than_one_point():
    crit = [Criterion("big", 3, 0, 10), Criterion("small", 1, 0, 10)]
    # one reviewer, equal totals (50) everywhere: A is 0.4 better on the heavier criterion
    scores = {
        ("R", "B", "big"): 5,
        ("R", "B", "small"): 5,
        ("R", "A", "big"): 5.4,
        ("R", "A", "small"): 3.8,
    }
    out = combine(crit, ["B", "A"], scores, min_reviewers=1)
    assert [(r.application, r.decided_by) for r in out.results] == [
        ("A", "score"),
        ("B", "top_criterion"),
    ]


def test_equal_in_everything_else_more_reviewers_go_first():
    scores = {("R1", "A", "q"): 5, ("R1", "B", "q"): 5, ("R2", "B", "q"): 5}
    out = combine(ONE, ["A", "B"], scores)
    assert [(r.application, r.rank, r.decided_by) for r in out.results] == [
        ("B", 1, "score"),
        ("A", 2, "reviewers"),
    ]


def test_raw_means_equal_to_nine_decimals_are_a_tie():
    # one reviewer each (both neutral); B's raw mean is 3e-10 above A's: equal to 9 decimals,
    # so the tie goes on to the criterion, the reviewers and the input order
    scores = {("R1", "A", "q"): 5, ("R2", "B", "q"): 5 + 3e-11}
    out = combine(ONE, ["A", "B"], scores)
    assert out.results[1].raw_mean - out.results[0].raw_mean == pytest.approx(3e-10, rel=1e-3)
    assert [(r.application, r.decided_by) for r in out.results] == [("A", "score"), ("B", "order")]


# Rule 5's "equal to 9 decimals" at its edge: a difference that rounding to 9 decimals removes
# but rounding to 10 would keep (between 5e-11 and 5e-10, float noise no reviewer can mean) is a
# tie passed to the next rule; a difference rounding to 9 decimals keeps is a preference.


def _near_tie_on_mean_z(gap: float):
    # R1 gives A 10 - gap, B 10, C and D 0: his z-scores are about +1, +1, -1, -1, B's a hair
    # above A's. R2 scored only A (10) and R3 only B (0): both neutral (z 0), so each mean z is
    # about 1/2 while A's raw mean (about 100) is far above B's (50).
    scores = {
        ("R1", "A", "q"): 10 - gap,
        ("R1", "B", "q"): 10,
        ("R1", "C", "q"): 0,
        ("R1", "D", "q"): 0,
        ("R2", "A", "q"): 10,
        ("R3", "B", "q"): 0,
    }
    out = combine(ONE, ["A", "B", "C", "D"], scores)
    by_app = {r.application: r for r in out.results}
    return out, by_app["A"], by_app["B"]


def test_mean_z_scores_equal_to_nine_decimals_are_decided_by_the_raw_mean():
    out, a, b = _near_tie_on_mean_z(2e-9)
    # the inputs must keep testing the edge: B's mean z is 2e-10 above A's, the same number to
    # 9 decimals and a different one to 10
    assert b.mean_z - a.mean_z == pytest.approx(2e-10, rel=1e-3)
    assert round(a.mean_z, 9) == round(b.mean_z, 9)
    assert round(a.mean_z, 10) < round(b.mean_z, 10)
    assert a.raw_mean == pytest.approx(100.0) and b.raw_mean == pytest.approx(50.0)
    assert [(r.application, r.rank, r.decided_by) for r in out.results[:2]] == [
        ("A", 1, "score"),
        ("B", 2, "raw_mean"),
    ]


def test_mean_z_scores_apart_to_nine_decimals_are_decided_by_the_score():
    # 2e-9 apart: different to 9 decimals (the same number to 8)
    out, a, b = _near_tie_on_mean_z(2e-8)
    assert b.mean_z - a.mean_z == pytest.approx(2e-9, rel=1e-3)
    assert round(a.mean_z, 9) < round(b.mean_z, 9)
    assert round(a.mean_z, 8) == round(b.mean_z, 8)
    assert [(r.application, r.rank, r.decided_by) for r in out.results[:2]] == [
        ("B", 1, "score"),
        ("A", 2, "score"),
    ]


def _near_tie_on_the_heavier_criterion(gap: float):
    # one reviewer, the same total (50) for both: B is `gap` above A on the heavier criterion
    # and 3 x gap below on the lighter one; his totals are equal but for float noise (neutral)
    crit = [Criterion("big", 3, 0, 10), Criterion("small", 1, 0, 10)]
    scores = {
        ("R", "A", "big"): 5,
        ("R", "A", "small"): 5,
        ("R", "B", "big"): 5 + gap,
        ("R", "B", "small"): 5 - 3 * gap,
    }
    out = combine(crit, ["A", "B"], scores, min_reviewers=1)
    by_app = {r.application: r for r in out.results}
    a, b = by_app["A"], by_app["B"]
    assert (a.mean_z, b.mean_z) == (0.0, 0.0)
    assert round(a.raw_mean, 9) == round(b.raw_mean, 9) == 50.0
    return out, a.criterion_means["big"], b.criterion_means["big"]


def test_heavier_criterion_means_equal_to_nine_decimals_go_on_to_the_input_order():
    out, a_big, b_big = _near_tie_on_the_heavier_criterion(2e-10)
    assert b_big - a_big == pytest.approx(2e-10, rel=1e-3)
    assert round(a_big, 9) == round(b_big, 9)
    assert round(a_big, 10) < round(b_big, 10)
    assert [(r.application, r.rank, r.decided_by) for r in out.results] == [
        ("A", 1, "score"),
        ("B", 2, "order"),
    ]


def test_heavier_criterion_means_apart_to_nine_decimals_decide():
    # 2e-9 apart: different to 9 decimals (the same number to 8)
    out, a_big, b_big = _near_tie_on_the_heavier_criterion(2e-9)
    assert b_big - a_big == pytest.approx(2e-9, rel=1e-3)
    assert round(a_big, 9) < round(b_big, 9)
    assert round(a_big, 8) == round(b_big, 8)
    assert [(r.application, r.rank, r.decided_by) for r in out.results] == [
        ("B", 1, "score"),
        ("A", 2, "top_criterion"),
    ]


def test_a_skipped_score_does_not_stop_the_reading_of_the_rest():
    # a recused pair, or an application not on the list, read first: the scores after it count
    rest = {("R1", "A", "q"): 2, ("R1", "B", "q"): 9}
    for first, recused in (({("R2", "A", "q"): 10}, [("R2", "A")]), ({("R1", "Z", "q"): 3}, [])):
        out = combine(ONE, ["A", "B"], first | rest, recused, min_reviewers=1)
        assert [(r.application, r.reviewers, r.raw_mean) for r in out.results] == [
            ("B", ["R1"], pytest.approx(90.0)),
            ("A", ["R1"], pytest.approx(20.0)),
        ]
