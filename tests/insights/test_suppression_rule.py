"""Small-cell suppression: counts of 1-4 people are withheld, and so is every figure from which
one could be worked out by adding and subtracting."""

from __future__ import annotations

from linli.insights.suppression import Sum, determined, known_figures, suppress


def test_it_withholds_counts_of_one_to_four_and_shows_zero():
    values = {"a": 3, "b": 0, "c": 5, "d": 4, "e": 1}
    assert suppress(values, []) == {"a", "d", "e"}


def test_it_withholds_a_second_cell_when_the_total_would_give_the_first_away():
    values = {"total": 40, "owners": 20, "tenants": 17, "others": 3}
    withheld = suppress(values, [Sum("total", ("owners", "tenants", "others"))])
    # 40 - 20 - 17 = 3: the smallest other cell goes too, so 3 + 17 = 20 is all one can learn.
    assert withheld == {"others", "tenants"}


def test_it_withholds_the_total_when_no_other_cell_can_hide_it():
    values = {"total": 12, "owners": 0, "others": 3, "tenants": 9}
    withheld = suppress(values, [Sum("total", ("owners", "others", "tenants"))])
    assert "others" in withheld
    assert "tenants" in withheld
    values = {"total": 3, "owners": 0, "others": 3}
    assert suppress(values, [Sum("total", ("owners", "others"))]) == {"total", "others"}


def test_it_protects_differences_between_filters():
    # 12 tenants took part, 9 of them online: the 3 who took part another way would show.
    values = {"tenants": 12, "tenants online": 9, "tenants not online": 3}
    withheld = suppress(
        values,
        [Sum("tenants", ("tenants online", "tenants not online"))],
        published=["tenants", "tenants online"],
    )
    assert withheld == {"tenants online"}


def test_it_allows_differences_of_zero_or_at_least_five():
    values = {"tenants": 12, "online": 12, "not online": 0, "owners": 20, "o online": 15}
    values["o not online"] = 5
    sums = [Sum("tenants", ("online", "not online")), Sum("owners", ("o online", "o not online"))]
    assert suppress(values, sums, published=["tenants", "online", "owners", "o online"]) == set()


def test_the_linear_audit_catches_what_adding_up_one_sum_at_a_time_misses():
    # x + y, x + z and y + z are shown: x = (13 + 13 - 20) / 2 = 3 although every sum has two
    # unknowns.
    values = {"x": 3, "y": 10, "z": 10, "x+y": 13, "x+z": 13, "y+z": 20}
    sums = [Sum("x+y", ("x", "y")), Sum("x+z", ("x", "z")), Sum("y+z", ("y", "z"))]
    published = ["x+y", "x+z", "y+z"]
    assert "x" not in known_figures(sums, set(published))
    assert "x" in determined(values, sums, published)
    withheld = suppress(values, sums, published)
    assert withheld
    shown = [k for k in published if k not in withheld]
    assert "x" not in determined(values, sums, shown)


def test_it_treats_a_figure_worked_out_elsewhere_as_known():
    # The whole community's 30 tenants minus 26 who took part: 4 did not. The page shows both
    # counts, so one of them goes.
    values = {"tenants": 30, "took part": 26, "did not": 4}
    withheld = suppress(
        values, [Sum("tenants", ("took part", "did not"))], published=["tenants", "took part"]
    )
    assert len(withheld) == 1
