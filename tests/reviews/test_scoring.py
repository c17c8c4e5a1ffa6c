"""The pure scoring module: hand-computed cases and properties checked on random boards."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linli.reviews.scoring import Criterion, ScoringError, all_in, combine, weighted_total, z_scores

CRITERIA = [Criterion("design", 2, 0, 10), Criterion("support", 1, 1, 5)]


def test_weighted_total_by_hand():
    # design 8/10 -> 0.8 x 2 = 1.6; support 3 on 1-5 -> 0.5 x 1 = 0.5; (1.6 + 0.5) / 3 x 100 = 70
    assert weighted_total(CRITERIA, {"design": 8, "support": 3}) == pytest.approx(70)
    assert weighted_total(CRITERIA, {"design": 8}) is None


def test_z_scores_by_hand_and_neutral_reviewers():
    assert z_scores({"a": 60, "b": 80}) == {"a": -1.0, "b": 1.0}
    assert z_scores({"a": 50, "b": 50, "c": 50}) == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert z_scores({"a": 90}) == {"a": 0.0}


def test_a_harsh_and_a_lenient_reviewer_count_the_same():
    # lenient L: A 100, B 90, C 80.  harsh H: A 10, B 30, C 20 (one criterion 0-100, weight 1)
    crit = [Criterion("q", 1, 0, 100)]
    scores = {
        ("L", "A", "q"): 100,
        ("L", "B", "q"): 90,
        ("L", "C", "q"): 80,
        ("H", "A", "q"): 10,
        ("H", "B", "q"): 30,
        ("H", "C", "q"): 20,
    }
    out = combine(crit, ["A", "B", "C"], scores, min_reviewers=2)
    by_app = {r.application: r for r in out.results}
    # raw means: A 55, B 60, C 50.  z: L: A +1.2247, B 0, C -1.2247; H: A -1.2247, B +1.2247, C 0
    assert by_app["A"].raw_mean == pytest.approx(55)
    assert by_app["B"].mean_z == pytest.approx(math.sqrt(1.5) / 2)
    assert by_app["A"].mean_z == pytest.approx(0)
    assert by_app["C"].mean_z == pytest.approx(-math.sqrt(1.5) / 2)
    assert [r.application for r in out.results] == ["B", "A", "C"]
    # A: one reviewer at +1.22, the other at -1.22 -> spread 1.22 > 1: flagged
    assert by_app["A"].spread_flag and by_app["A"].spread == pytest.approx(math.sqrt(1.5))
    assert not by_app["B"].spread_flag  # L at 0, H at +1.22: spread 0.61
    # the grand mean of all six totals is 55; B shown on the 0-100 scale above it
    assert out.grand_mean == pytest.approx(55)
    assert by_app["B"].normalised > 55


def test_missing_reviewer_rule_is_the_mean_over_those_who_scored():
    crit = [Criterion("q", 1, 0, 10)]
    scores = {("R1", "A", "q"): 8, ("R2", "A", "q"): 6, ("R1", "B", "q"): 4}
    out = combine(crit, ["A", "B"], scores, recused=[("R2", "B")], min_reviewers=2)
    a, b = sorted(out.results, key=lambda r: r.application)
    assert a.raw_mean == pytest.approx(70) and a.reviewers == ["R1", "R2"]
    assert b.raw_mean == pytest.approx(40) and b.reviewers == ["R1"] and b.too_few
    # R2 scored only A: neutral, he moves nothing
    assert "R2" in out.neutral_reviewers


def test_recused_scores_are_never_used_even_if_entered():
    crit = [Criterion("q", 1, 0, 10)]
    scores = {("R1", "A", "q"): 2, ("R1", "B", "q"): 9, ("R2", "A", "q"): 10, ("R2", "B", "q"): 0}
    out = combine(crit, ["A", "B"], scores, recused=[("R2", "A"), ("R2", "B")])
    assert all("R2" not in r.reviewers for r in out.results)
    assert out.results[0].application == "B"


def test_ties_are_broken_by_the_stated_rules():
    crit = [Criterion("big", 3, 0, 10), Criterion("small", 1, 0, 10)]
    # same mean z and same raw total, but A is stronger on the heavier criterion
    scores = {
        ("R", "A", "big"): 6,
        ("R", "A", "small"): 2,
        ("R", "B", "big"): 5,
        ("R", "B", "small"): 5,
        ("R", "C", "big"): 5,
        ("R", "C", "small"): 5,
    }
    out = combine(crit, ["C", "B", "A"], scores, min_reviewers=1)
    # totals: A (18+2)/40 = 50; B = C = (15+5)/40 = 50 -> a single reviewer, all equal: neutral
    assert [r.application for r in out.results] == ["A", "C", "B"]
    assert [r.decided_by for r in out.results] == ["score", "top_criterion", "order"]


def test_out_of_range_scores_are_refused():
    with pytest.raises(ScoringError, match=r"^score 11 outside 0\-10 for 'design'$"):
        combine(CRITERIA, ["A"], {("R", "A", "design"): 11})
    with pytest.raises(ScoringError, match=r"^unknown criterion 'nope'$"):
        combine(CRITERIA, ["A"], {("R", "A", "nope"): 1})
    with pytest.raises(ScoringError, match=r"^criterion 'x': weight must be positive$"):
        Criterion("x", 0, 0, 10)


def test_all_in_skips_recused_pairs():
    assert all_in(["R1", "R2"], ["A"], ["q"], [("R1", "A", "q")], recused=[("R2", "A")])
    assert not all_in(["R1", "R2"], ["A"], ["q"], [("R1", "A", "q")])


boards = st.integers(min_value=2, max_value=5).flatmap(
    lambda n_apps: st.tuples(
        st.just(n_apps),
        st.lists(
            st.lists(
                st.integers(min_value=0, max_value=50), min_size=2 * n_apps, max_size=2 * n_apps
            ),
            min_size=2,
            max_size=6,
        ),
    )
)
WIDE = [Criterion("a", 2, 0, 100), Criterion("b", 1, 0, 100)]


def _scores(n_apps, rows):
    return {
        (r, a, c): row[2 * a + i]
        for r, row in enumerate(rows)
        for a in range(n_apps)
        for i, c in enumerate(["a", "b"])
    }


@settings(max_examples=150, deadline=None)
@given(boards, st.integers(min_value=1, max_value=50), st.data())
def test_adding_a_constant_to_one_reviewer_never_changes_the_normalised_ranking(board, c, data):
    n_apps, rows = board
    apps = list(range(n_apps))
    scores = _scores(n_apps, rows)
    who = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    shifted = {k: v + c if k[0] == who else v for k, v in scores.items()}
    before = combine(WIDE, apps, scores)
    after = combine(WIDE, apps, shifted)
    assert [r.application for r in before.results] == [r.application for r in after.results]
    for x, y in zip(before.results, after.results, strict=True):
        assert x.mean_z == pytest.approx(y.mean_z, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(boards, st.data())
def test_a_recused_members_scores_never_change_anything(board, data):
    n_apps, rows = board
    apps = list(range(n_apps))
    scores = _scores(n_apps, rows)
    who = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    recused = [(who, a) for a in apps]
    garbage = data.draw(st.integers(min_value=0, max_value=100))
    changed = {k: garbage if k[0] == who else v for k, v in scores.items()}
    one = combine(WIDE, apps, scores, recused)
    two = combine(WIDE, apps, changed, recused)
    without = combine(WIDE, apps, {k: v for k, v in scores.items() if k[0] != who})
    for x, y, z in zip(one.results, two.results, without.results, strict=True):
        assert x.application == y.application == z.application
        assert who not in x.reviewers
        assert x.mean_z == y.mean_z == z.mean_z
