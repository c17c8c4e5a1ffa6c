"""Survey result filters cannot be combined to isolate one person (differencing attack)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from linli.surveys.disclosure import DIFFERENCE, REMAINDER, TOO_SMALL, refusal

K = 5


def rows(*groups: tuple[int, dict[str, str]]) -> list[dict[str, str]]:
    return [dict(facts) for n, facts in groups for _ in range(n)]


def test_it_refuses_two_groups_of_six_and_five_differing_by_one():
    # Courtyard A: 5 women and 1 man; courtyard B: 10 people (only B's size keeps the rest safe).
    data = rows(
        (5, {"area_id": "A", "gender": "f"}),
        (1, {"area_id": "A", "gender": "m"}),
        (10, {"area_id": "B", "gender": "f"}),
        (10, {"area_id": "B", "gender": "m"}),
    )
    assert refusal(data, {"area_id": "A", "gender": "f"}, K) == DIFFERENCE
    # Men of B (10) differ from all men (11) by A's one man: refused as well.
    assert refusal(data, {"area_id": "B", "gender": "m"}, K) == DIFFERENCE
    # Courtyard B (20) is safe: the rest (A, 6) is large enough.
    assert refusal(data, {"area_id": "B"}, K) is None


def test_it_refuses_a_group_whose_unshowable_rest_is_small():
    # Courtyards A and B 12 each, C 3: whole minus A minus B would reveal C.
    data = rows((12, {"area_id": "A"}), (12, {"area_id": "B"}), (3, {"area_id": "C"}))
    assert refusal(data, {"area_id": "A"}, K) == REMAINDER
    assert refusal(data, {"area_id": "C"}, K) == TOO_SMALL


def test_people_without_an_answer_count_in_the_rest():
    data = rows((10, {"gender": "f"}), (10, {"gender": "m"}), (2, {"gender": ""}))
    assert refusal(data, {"gender": "f"}, K) == REMAINDER


def test_the_whole_survey_is_always_shown():
    assert refusal(rows((1, {"area_id": "A"})), {}, K) is None


facts = st.fixed_dictionaries(
    {"area_id": st.sampled_from("AB"), "gender": st.sampled_from(["f", "m", ""])}
)


@given(st.lists(facts, max_size=40))
def test_no_two_shown_groups_differ_by_fewer_than_k(data):
    """Property: for any two nested filters that are both shown, the difference is 0 or >= K."""
    filters = [{}] + [
        {name: value for name, value in wanted.items() if value is not None}
        for wanted in (
            {"area_id": a, "gender": g} for a in ["A", "B", None] for g in ["f", "m", None]
        )
    ]
    shown = [f for f in filters if refusal(data, f, K) is None]

    def size(f):  # type: ignore[no-untyped-def]
        return sum(1 for row in data if all(row.get(k) == v for k, v in f.items()))

    for narrow in shown:
        for wide in shown:
            if set(wide.items()) < set(narrow.items()):
                assert size(wide) - size(narrow) == 0 or size(wide) - size(narrow) >= K
