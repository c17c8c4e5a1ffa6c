"""A consultation measured against the baselines: households by courtyard from the roster, people
by tenure and language from imported margins, the joint table, flags and suppression."""

from __future__ import annotations

from linli.insights import queries
from linli.insights.subjects import subject


def _table(measured, name):
    return next(t for t in measured.published["dimensions"] if t["dimension"] == name)


def _row(table, group):
    return next(r for r in table["groups"] if r["group"] == group)


def test_it_counts_households_by_courtyard_from_the_roster(fair_world):
    measured = queries.measure(
        fair_world.community, subject(fair_world.community, f"project:{fair_world.project.pk}")
    )
    area = _table(measured, "area")
    assert _row(area, "梧桐院")["baseline"] == 20 and _row(area, "梧桐院")["participants"] == 12
    assert _row(area, "橡树湾")["participants"] == 5
    assert _row(area, "橡树湾")["flagged"] is True and _row(area, "梧桐院")["flagged"] is False
    assert area["score"] == 5 / 12


def test_it_compares_people_by_tenure_and_language_with_the_imported_margins(fair_world):
    measured = queries.measure(
        fair_world.community, subject(fair_world.community, f"project:{fair_world.project.pk}")
    )
    tenure = _table(measured, "tenure")
    assert _row(tenure, "owner")["baseline"] == 50 and _row(tenure, "owner")["participants"] == 12
    assert _row(tenure, "tenant")["baseline"] == 70 and _row(tenure, "tenant")["flagged"] is True
    language = _table(measured, "language")
    assert _row(language, "bo")["participants"] == 0 and _row(language, "bo")["flagged"] is True
    assert measured.published["overall"] == 0.0  # the lowest dimension: nobody speaking Tibetan


def test_it_shows_the_joint_table_by_courtyard_and_tenure(fair_world):
    measured = queries.measure(
        fair_world.community, subject(fair_world.community, f"project:{fair_world.project.pk}")
    )
    assert measured.joint_dimension == "tenure"
    joint = measured.published["joint"]
    labels = {row["group"] for row in joint["groups"]}
    assert "courtyard=橡树湾 · tenure=tenant" in labels


def test_it_withholds_small_counts(fair_world):
    from tests.insights.conftest import take_part

    take_part(fair_world, fair_world.xiangshu[:2], source="other")  # two Tibetan speakers
    measured = queries.measure(
        fair_world.community, subject(fair_world.community, f"project:{fair_world.project.pk}")
    )
    bo = _row(_table(measured, "language"), "bo")
    assert bo["participants"] is None and bo["flagged"] is None


def test_a_stricter_ratio_flags_more_groups(fair_world):
    key = f"project:{fair_world.project.pk}"
    lenient = queries.measure(
        fair_world.community, subject(fair_world.community, key), flag_below=0.2
    )
    strict = queries.measure(
        fair_world.community, subject(fair_world.community, key), flag_below=0.9
    )
    assert len(queries.flagged_groups(lenient)) < len(queries.flagged_groups(strict))


def test_a_period_counts_every_act_in_it(fair_world):
    from datetime import date

    key = f"period:{date.today().year}-01-01:{date.today().isoformat()}"
    measured = queries.measure(fair_world.community, subject(fair_world.community, key))
    assert _row(_table(measured, "area"), "梧桐院")["participants"] == 12
