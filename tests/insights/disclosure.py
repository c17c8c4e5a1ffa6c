"""An independent check for the suppression tests: which figures can a reader work out?"""

from __future__ import annotations

import numpy as np

from linli.insights.suppression import is_small, known_figures


def fixed_by_svd(values, sums, shown):
    """The unknown figures whose coordinate vanishes in every null-space vector of the sums
    (shown figures being constants), found by singular value decomposition rather than the
    module's own elimination."""
    unknown = [k for k in values if k not in shown]
    at = {k: i for i, k in enumerate(unknown)}
    rows = []
    for s in sums:
        row = np.zeros(len(unknown))
        for key, sign in [(s.total, 1), *((part, -1) for part in s.parts)]:
            if key in at:
                row[at[key]] += sign
        rows.append(row)
    if not unknown or not rows:
        return set()
    _, singular, vt = np.linalg.svd(np.array(rows))
    null_space = vt[int((singular > 1e-9).sum()) :]
    return {k for k in unknown if np.all(np.abs(null_space[:, at[k]]) < 1e-9)}


def assert_nothing_small_can_be_worked_out(values, sums, shown):
    assert not any(is_small(values[key]) for key in shown)
    assert not any(is_small(values[key]) for key in fixed_by_svd(values, sums, shown))
    known = known_figures(sums, set(shown))
    for s in sums:
        if s.total in known:
            assert not is_small(sum(values[p] for p in s.parts if p not in known))
