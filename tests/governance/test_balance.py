from linli.governance.balance import imbalances, would_exceed


def test_imbalances_name_each_constituency_outside_the_plan():
    plan = {"courtyard": [3, 5], "staff": [0, 1], "party": [1, 2]}
    found = imbalances(plan, {"courtyard": 2, "staff": 2, "party": 1})
    assert [(i.constituency, i.too_few) for i in found] == [("courtyard", True), ("staff", False)]


def test_would_exceed_only_for_a_named_constituency_at_its_most():
    plan = {"staff": [0, 1]}
    assert would_exceed(plan, {"staff": 1}, "staff")
    assert not would_exceed(plan, {"staff": 0}, "staff")
    assert not would_exceed(plan, {"expert": 9}, "expert")
