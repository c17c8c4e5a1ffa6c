"""The pure suggestion and award check (no database)."""

from __future__ import annotations

from linli.grants.funding import Ask, check_award, fund_down


def test_fund_down_passes_over_what_does_not_fit_and_tries_the_next():
    out = fund_down(
        [Ask("a", 100_000), Ask("b", 120_000), Ask("c", 90_000), Ask("d", 30_000)], 100_000, 220_000
    )
    assert [(s.key, s.amount, s.reason) for s in out] == [
        ("a", 100_000, "funded"),
        ("b", 100_000, "funded"),  # cut to the per-project cap
        ("c", 0, "does_not_fit"),
        ("d", 0, "does_not_fit"),
    ]
    assert out[-1].left_after == 20_000


def test_unscored_applications_are_never_suggested():
    out = fund_down([Ask("a", 10, scored=False), Ask("b", 10)], 100, 100)
    assert [s.reason for s in out] == ["not_scored", "funded"]


def test_check_award_names_the_limit_broken():
    assert check_award(0, 10, 100, 0, 300) == "positive"
    assert check_award(20, 10, 100, 0, 300) == "requested"
    assert check_award(150, 200, 100, 0, 300) == "project_cap"
    assert check_award(90, 100, 100, 250, 300) == "community_cap"
    assert check_award(50, 100, 100, 250, 300) == ""
