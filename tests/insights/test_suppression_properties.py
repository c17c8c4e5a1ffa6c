"""Property: whatever the counts, suppression never lets a reader work out a count of 1-4 people,
neither from one table nor by differencing the whole and filtered views of it (a channel, which
keeps the baseline, and a courtyard, which narrows it)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from linli.insights.representativeness import assess, figures, tabulate
from linli.insights.suppression import suppress
from tests.insights.disclosure import assert_nothing_small_can_be_worked_out


@st.composite
def rosters(draw):
    size = draw(st.integers(5, 80))
    tenure = draw(
        st.lists(st.sampled_from(["owner", "tenant", "other"]), min_size=size, max_size=size)
    )
    language = draw(st.lists(st.sampled_from(["zh", "bo", "en"]), min_size=size, max_size=size))
    took = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    online = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    courtyard = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    with_joint = draw(st.booleans())
    return tenure, language, np.array(took), np.array(online), np.array(courtyard), with_joint


@settings(max_examples=30)
@given(rosters())
def test_no_small_count_can_be_worked_out(roster):
    tenure, language, took, online, courtyard, with_joint = roster
    groups = {"tenure": np.array(tenure), "language": np.array(language)}
    joint = ("tenure", "language") if with_joint else ()
    base, took_part, joint_counts = tabulate(groups, took, joint=joint)
    whole = assess(base, took_part, joint=joint_counts)
    base_f, took_f, joint_f = tabulate(groups, took & online, joint=joint)
    online_view = assess(base_f, took_f, joint=joint_f)
    inside = {dim: labels[courtyard] for dim, labels in groups.items()}
    base_c, took_c, joint_c = tabulate(inside, took[courtyard], joint=joint)
    courtyard_view = assess(base_c, took_c, joint=joint_c)
    values, sums, published = figures(whole, {"online": online_view, "courtyard A": courtyard_view})
    withheld = suppress(values, sums, published)
    shown = {key for key in published if key not in withheld}
    assert_nothing_small_can_be_worked_out(values, sums, shown)
