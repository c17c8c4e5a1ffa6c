"""Property: whatever the counts, suppression never lets a reader work out a count of 1-4 people,
neither from one table nor by differencing the whole and a filtered view of it."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from linli.insights.representativeness import assess, figures, tabulate
from linli.insights.suppression import is_small, known_figures, suppress


@st.composite
def rosters(draw):
    size = draw(st.integers(5, 80))
    tenure = draw(
        st.lists(st.sampled_from(["owner", "tenant", "other"]), min_size=size, max_size=size)
    )
    language = draw(st.lists(st.sampled_from(["zh", "bo", "en"]), min_size=size, max_size=size))
    took = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    online = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    with_joint = draw(st.booleans())
    return tenure, language, np.array(took), np.array(online), with_joint


def fixed_by_svd(values, sums, shown):
    """An independent check of the module's elimination: the unknown figures whose coordinate
    vanishes in every null-space vector of the sums (shown figures being constants), found by
    singular value decomposition."""
    unknown = [k for k in values if k not in shown]
    at = {k: i for i, k in enumerate(unknown)}
    rows = []
    for s in sums:
        row = np.zeros(len(unknown))
        for key, sign in [(s.total, 1), *((part, -1) for part in s.parts)]:
            if key in at:
                row[at[key]] += sign
        rows.append(row)
    _, singular, vt = np.linalg.svd(np.array(rows))
    null_space = vt[int((singular > 1e-9).sum()) :]
    return {k for k in unknown if np.all(np.abs(null_space[:, at[k]]) < 1e-9)}


@settings(max_examples=60)
@given(rosters())
def test_no_small_count_can_be_worked_out(roster):
    tenure, language, took, online, with_joint = roster
    groups = {"tenure": tenure, "language": language}
    joint = ("tenure", "language") if with_joint else ()
    base, took_part, joint_counts = tabulate(groups, took, joint=joint)
    whole = assess(base, took_part, joint=joint_counts)
    base_f, took_f, joint_f = tabulate(groups, took & online, joint=joint)
    online_view = assess(base_f, took_f, joint=joint_f)
    values, sums, published = figures(whole, {"online": online_view})
    withheld = suppress(values, sums, published)
    shown = {key for key in published if key not in withheld}

    assert not any(is_small(values[key]) for key in shown)
    fixed = fixed_by_svd(values, sums, shown)
    assert not any(is_small(values[key]) for key in fixed)
    known = known_figures(sums, shown)
    for s in sums:
        if s.total in known:
            hidden = sum(values[p] for p in s.parts if p not in known)
            assert not is_small(hidden)
