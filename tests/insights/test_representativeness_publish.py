"""Published representativeness: small counts, the rates and scores that rest on them, and
differences with a filtered view are withheld; zero is shown."""

from __future__ import annotations

import numpy as np

from linli.insights.representativeness import assess, publish, tabulate

BASELINE = {"tenure": {"owner": 300, "tenant": 200}, "language": {"zh": 470, "bo": 30}}
TOOK_PART = {"tenure": {"owner": 90, "tenant": 22}, "language": {"zh": 109, "bo": 3}}


def group(page, dimension, name):
    table = next(d for d in page["dimensions"] if d["dimension"] == dimension)
    return next(g for g in table["groups"] if g["group"] == name)


def test_it_withholds_a_small_count_and_what_would_give_it_away():
    page = publish(assess(BASELINE, TOOK_PART))
    bo = group(page, "language", "bo")
    zh = group(page, "language", "zh")
    assert bo["participants"] is None and bo["rate"] is None and bo["flagged"] is None
    # 112 took part in all; showing 109 Chinese speakers would give away the 3.
    assert zh["participants"] is None
    language = next(d for d in page["dimensions"] if d["dimension"] == "language")
    assert language["score"] is None
    assert page["overall"] is None
    tenant = group(page, "tenure", "tenant")
    assert tenant == {
        "group": "tenant",
        "baseline": 200,
        "participants": 22,
        "rate": 0.11,
        "counted": True,
        "ratio": 0.11 / 0.3,
        "flagged": True,
    }


def test_it_shows_a_group_where_nobody_took_part():
    took = {"tenure": {"owner": 90, "tenant": 0}}
    page = publish(assess({"tenure": {"owner": 300, "tenant": 200}}, took))
    tenant = group(page, "tenure", "tenant")
    assert tenant["participants"] == 0 and tenant["rate"] == 0 and tenant["flagged"] is True
    assert page["overall"] == 0


def test_it_withholds_the_difference_between_the_whole_and_a_filter():
    tenure = np.array(["owner"] * 60 + ["tenant"] * 40)
    took = np.zeros(100, dtype=bool)
    took[:30] = True  # 30 owners
    took[60:72] = True  # 12 tenants
    online = np.zeros(100, dtype=bool)
    online[:20] = True  # 20 owners online
    online[60:69] = True  # 9 tenants online: 3 took part another way
    whole = assess(*tabulate({"tenure": tenure}, took)[:2])
    by_web = assess(*tabulate({"tenure": tenure}, took & online)[:2])
    page = publish(whole, {"online": by_web})
    shown_whole = group(page, "tenure", "tenant")["participants"]
    online_table = page["filters"]["online"]["dimensions"][0]
    shown_online = next(g for g in online_table["groups"] if g["group"] == "tenant")
    assert not (shown_whole == 12 and shown_online["participants"] == 9)
    assert shown_online["participants"] is None


def test_a_courtyard_view_and_the_joint_table_are_published_together():
    rng = np.random.default_rng(11)
    size = 600
    roster = {
        "tenure": rng.choice(["owner", "tenant"], size, p=[0.6, 0.4]),
        "language": rng.choice(["zh", "bo"], size, p=[0.9, 0.1]),
    }
    took = rng.random(size) < np.where(roster["tenure"] == "tenant", 0.1, 0.4)
    courtyard = rng.random(size) < 0.3
    joint = ("tenure", "language")
    whole = assess(
        *tabulate(roster, took, joint=joint)[:2], joint=tabulate(roster, took, joint=joint)[2]
    )
    inside = {k: v[courtyard] for k, v in roster.items()}
    b, t, j = tabulate(inside, took[courtyard], joint=joint)
    page = publish(whole, {"橡树湾": assess(b, t, joint=j)})
    view = page["filters"]["橡树湾"]
    assert view["dimensions"][0]["baseline"] == int(courtyard.sum())
    assert page["joint"]["dimension"] == "joint"
    for table in [*page["dimensions"], page["joint"], *view["dimensions"], view["joint"]]:
        for row in table["groups"]:
            for count in (row["baseline"], row["participants"]):
                assert count is None or count == 0 or count >= 5
