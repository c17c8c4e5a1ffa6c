"""One run of the Method of Equal Shares as a compiled loop (Numba), for :mod:`.rules`.

Why compiled: a run is a few hundred rounds of "find the cheapest affordable project, make its
supporters pay", each touching a few hundred numbers. In NumPy every round is dozens of calls on
small arrays, so the time went into per-call overhead (Add1U on a city file is hundreds of runs;
on a small file, one run costs more in overhead than the arithmetic). A plain loop compiled by
Numba does the same arithmetic with none of that overhead. See docs/decisions.md.

The kernel decides only what floats decide for certain. Whenever a comparison that matters is
closer than ``rel`` (a project's supporters have almost exactly its cost; two prices almost
equal and not provably a plain tie) it gives up and returns ``BAIL``; :mod:`.rules` then runs its
NumPy engine, which settles such cases with exact fractions. Ties that are exact for certain are
settled here with integers (see :func:`_plain_den`).

Layout: the supporters of project ``j`` are entries ``start[j]:stop[j]`` of ``ballot``
(distinct-ballot index) and ``pts`` (her points; 1 for cost and cardinality utilities), so her
utility is ``scale[j] * pts[e]`` (``scale``: the cost for cost utilities, else 1); ``ipts`` is
``pts`` as integers, the unit the exact comparison counts in. ``weight``/``iweight``: how many
voters cast each distinct ballot. Per project: ``cost``, ``total`` (sum of weight * utility),
``unit_num`` (numerator of the exact price per integer unit: 1 for cost utilities, whose utility
*is* the cost, else the cost as an integer), ``id_rank`` (the order of project ids as strings:
the last tie-break) and ``active``. Entries are the profile's own, shared by every rule. The
kernels take all of these as one tuple, ``election``, in the order :func:`run` unpacks them;
Add1U's verdict reads ``judging``: the budget, the cost of the free projects, the pool that must
be exhausted, the free projects and the whole costs.
No Django, no Fractions: plain arrays in, plain arrays out.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

OK = 0
BAIL = 1


@njit(cache=True)
def _price(j, start, stop, ballot, pts, scale, weight, money, cost, total, rel):  # type: ignore[no-untyped-def]
    """Price per unit of utility at which project ``j``'s supporters, each paying
    ``min(money, price * utility)``, pay exactly its cost (the project is affordable).

    Newton's method on a concave, increasing, piecewise linear function, started from the
    price nobody is short at: each step stays at or below the root and adds the supporters
    newly short of money, so it ends, exactly at a kink, in a few steps (as in ``rules``)."""
    a, b = start[j], stop[j]
    price = cost[j] / total[j]
    lowest = math.inf
    for e in range(a, b):
        ratio = money[ballot[e]] / (scale[j] * pts[e])
        if ratio < lowest:
            lowest = ratio
    if lowest >= price * (1 + rel):  # nobody is short: the common case
        return price
    for _ in range(b - a + 1):
        paid = 0.0
        short_util = 0.0
        changed = False
        for e in range(a, b):
            g = ballot[e]
            if money[g] < price * scale[j] * pts[e]:
                paid += weight[g] * money[g]
                short_util += weight[g] * scale[j] * pts[e]
        rest = total[j] - short_util
        if rest <= 0:  # every supporter pays all she has: only at the affordability edge
            highest = 0.0
            for e in range(a, b):
                ratio = money[ballot[e]] / (scale[j] * pts[e])
                if ratio > highest:
                    highest = ratio
            return highest
        new = (cost[j] - paid) / rest
        for e in range(a, b):
            g = ballot[e]
            if (money[g] < new * scale[j] * pts[e]) != (money[g] < price * scale[j] * pts[e]):
                changed = True
                break
        price = new
        if not changed:
            break
    return price


@njit(cache=True)
def _plain_den(j, price, start, stop, ballot, pts, ipts, scale, iweight, money, zero, rel):  # type: ignore[no-untyped-def]
    """The exact price of ``j`` is ``unit_num[j] / den`` when it is *plain*: the supporters
    short of ``price`` are exactly those known to have nothing left, and every other one has
    money to spare by a margin of ``rel``. Returns ``den`` (the integer utility of the others),
    or -1 when the price is not plain."""
    den = 0
    for e in range(start[j], stop[j]):
        g = ballot[e]
        ratio = money[g] / (scale[j] * pts[e])
        if ratio < price:
            if not zero[g]:
                return -1
        else:
            if zero[g] or ratio < price * (1 + rel):
                return -1
            den += iweight[g] * ipts[e]
    return den


@njit(cache=True)
def run(per_voter, election):  # type: ignore[no-untyped-def]
    """MES with every voter starting with ``per_voter``. Returns ``(status, chosen, price,
    top_payment, leftover, round_out)``: the funded projects in order with each one's price per
    unit of utility and the most one supporter paid; for projects found unaffordable, the
    money their supporters had then and the round (1-based) it happened in (0: never)."""
    (
        start,
        stop,
        ballot,
        pts,
        ipts,
        scale,
        weight,
        iweight,
        cost,
        total,
        unit_num,
        id_rank,
        active,
        rel,
    ) = election
    projects = cost.shape[0]
    money = np.full(weight.shape[0], per_voter)
    zero = np.zeros(weight.shape[0], dtype=np.bool_)
    dust = 1e-12 * per_voter
    lower = np.empty(projects)
    remaining = active.copy()
    for j in range(projects):
        lower[j] = cost[j] / total[j] if active[j] else math.inf
    popped = np.zeros(projects, dtype=np.bool_)
    tried = np.empty(projects, dtype=np.int64)
    chosen = np.empty(projects, dtype=np.int64)
    price = np.empty(projects)
    top = np.empty(projects)
    leftover = np.zeros(projects)
    round_out = np.zeros(projects, dtype=np.int64)
    count = 0
    while True:
        best = math.inf
        n_tried = 0
        popped[:] = False
        while True:
            # The remaining project with the smallest lower bound, then the smallest index:
            # the order a heap of (bound, index) pops them in.
            j = -1
            bound = math.inf
            for k in range(projects):
                if remaining[k] and not popped[k] and lower[k] < bound:
                    bound = lower[k]
                    j = k
            if j < 0 or bound > best * (1 + rel):
                break
            popped[j] = True
            have = 0.0
            for e in range(start[j], stop[j]):
                g = ballot[e]
                have += money[g] * weight[g]
            short = cost[j] - have
            if abs(short) <= rel * cost[j]:
                return BAIL, chosen[:count], price[:count], top[:count], leftover, round_out
            if short > 0:  # its supporters cannot pay for it now, nor ever again
                remaining[j] = False
                leftover[j] = have
                round_out[j] = count + 1
                continue
            rho = _price(j, start, stop, ballot, pts, scale, weight, money, cost, total, rel)
            lower[j] = rho
            tried[n_tried] = j
            n_tried += 1
            if rho < best:
                best = rho
        if n_tried == 0:
            break
        winner = -1
        ties = 0
        for i in range(n_tried):
            if lower[tried[i]] <= best * (1 + rel):
                ties += 1
                winner = tried[i]
        if ties > 1:
            # Only a tie between plain prices is settled here: compare unit_num / den exactly
            # (cross-multiplied integers), then the id.
            winner = -1
            win_num = 0
            win_den = 1
            for i in range(n_tried):
                j = tried[i]
                if lower[j] > best * (1 + rel):
                    continue
                den = _plain_den(
                    j, lower[j], start, stop, ballot, pts, ipts, scale, iweight, money, zero, rel
                )
                if den <= 0:
                    return BAIL, chosen[:count], price[:count], top[:count], leftover, round_out
                if winner < 0:
                    better = True
                else:
                    left = unit_num[j] * win_den
                    right = win_num * den
                    better = left < right or (left == right and id_rank[j] < id_rank[winner])
                if better:
                    winner, win_num, win_den = j, unit_num[j], den
        remaining[winner] = False
        rho = lower[winner]
        most = 0.0
        for e in range(start[winner], stop[winner]):
            g = ballot[e]
            due = rho * scale[winner] * pts[e]
            if money[g] < due * (1 - rel):
                zero[g] = True  # surely paid all she had: exactly nothing left
            pay = money[g] if money[g] < due else due
            if pay > most:
                most = pay
            money[g] -= pay
            if money[g] <= dust:
                money[g] = 0.0
        chosen[count] = winner
        price[count] = rho
        top[count] = most
        count += 1
    return OK, chosen[:count], price[:count], top[:count], leftover, round_out


@njit(cache=True)
def certify(higher, winners, low_prices, shared, rho0_class, election):  # type: ignore[no-untyped-def]
    """Whether MES funds ``winners`` in this order (at prices ``low_prices``) at every
    per-voter budget from the run's own up to ``higher``; see ``_EqualShares.certify_numpy`` in
    :mod:`.rules`, which this mirrors step for step. Returns ``(proven, prices at higher)``.

    ``shared[p, q]``: projects p and q have a supporter in common; ``rho0_class[j]``: equal
    for projects whose plain prices (cost / total utility) are exactly equal."""
    start, stop, ballot, pts, _, scale, weight, _, cost, total, _, id_rank, active, rel = election
    projects = cost.shape[0]
    rounds = winners.shape[0]
    # A project funded later may come earlier at some budget without changing anything when it
    # shares no supporter with the projects funded in between: from round ``free_from[j]`` on.
    position = np.full(projects, -1, dtype=np.int64)
    free_from = np.zeros(projects, dtype=np.int64)
    plain_winner = np.zeros(rounds, dtype=np.bool_)
    for t in range(rounds):
        j = winners[t]
        position[j] = t
        back = t - 1
        while back >= 0 and not shared[j, winners[back]]:
            back -= 1
        free_from[j] = back + 1
        plain = cost[j] / total[j]
        plain_winner[t] = abs(low_prices[t] - plain) <= rel * low_prices[t]
    projects = cost.shape[0]
    money = np.full(weight.shape[0], higher)
    lower = np.empty(projects)
    remaining = active.copy()
    for j in range(projects):
        lower[j] = cost[j] / total[j] if active[j] else math.inf
    popped = np.zeros(projects, dtype=np.bool_)
    prices = np.empty(winners.shape[0])
    for t in range(winners.shape[0]):
        winner = winners[t]
        remaining[winner] = False
        limit = low_prices[t] * (1 + rel)
        popped[:] = False
        while True:
            j = -1
            bound = math.inf
            for k in range(projects):
                if remaining[k] and not popped[k] and lower[k] < bound:
                    bound = lower[k]
                    j = k
            if j < 0 or bound > limit:
                break
            popped[j] = True
            have = 0.0
            for e in range(start[j], stop[j]):
                g = ballot[e]
                have += money[g] * weight[g]
            if have < cost[j] * (1 - rel):
                remaining[j] = False  # unaffordable at ``higher``, hence at every budget below
                continue
            rho = _price(j, start, stop, ballot, pts, scale, weight, money, cost, total, rel)
            lower[j] = rho
            if rho > limit:
                continue
            if position[j] > t and free_from[j] <= t:
                continue  # funded later anyway, and commutes with what is funded in between
            near = False
            for e in range(start[j], stop[j]):
                if money[ballot[e]] < rho * scale[j] * pts[e] * (1 + rel):
                    near = True
                    break
            # Too close: only a tie that is exact at both ends and broken the same way.
            if (
                near
                or not plain_winner[t]
                or rho0_class[j] != rho0_class[winner]
                or id_rank[winner] > id_rank[j]
            ):
                return False, prices
        rho = _price(winner, start, stop, ballot, pts, scale, weight, money, cost, total, rel)
        prices[t] = rho
        for e in range(start[winner], stop[winner]):
            g = ballot[e]
            left = money[g] - rho * scale[winner] * pts[e]
            money[g] = left if left > 0.0 else 0.0
    for j in range(projects):
        if remaining[j]:
            have = 0.0
            for e in range(start[j], stop[j]):
                g = ballot[e]
                have += money[g] * weight[g]
            if have >= cost[j] * (1 - rel):
                return False, prices
    return True, prices


GO_ON = 0
OVERSPENT = 1
EXHAUSTIVE = 2
GAVE_UP = 3


@njit(cache=True)
def walk(shares, previous, judging, election):  # type: ignore[no-untyped-def]
    """Add1U's runs at ``shares``, in order, each with its verdict, as ``_add1u`` in
    :mod:`.rules` gives it: the funded projects (and the free ones) cost more than ``budget``
    (OVERSPENT), or no project of ``pool`` that is not funded fits in what is left (EXHAUSTIVE),
    or go on. Returns ``(index, verdict, changes, chosen, prices)`` at the first share whose
    verdict is not GO_ON or whose run :func:`run` gives up on (GAVE_UP: ``chosen``/``prices``
    are then the last run's before it); otherwise the last share's run with GO_ON. ``changes``:
    how many runs funded something else than the run before them (``previous`` for the first).
    Costs and budget are whole numbers (``icost``), so the verdict is exact."""
    changes = 0
    last_chosen = previous.copy()
    last_prices = np.empty(0)
    for i in range(shares.shape[0]):
        status, chosen, prices, _, _, _ = run(shares[i], election)
        if status != OK:
            return i, GAVE_UP, changes, last_chosen, last_prices
        same = chosen.shape[0] == last_chosen.shape[0]
        if same:
            for t in range(chosen.shape[0]):
                if chosen[t] != last_chosen[t]:
                    same = False
                    break
        if not same:
            changes += 1
        last_chosen = chosen.copy()
        last_prices = prices.copy()
        verdict = _verdict(chosen, judging)
        if verdict != GO_ON:
            return i, verdict, changes, last_chosen, last_prices
    return shares.shape[0] - 1, GO_ON, changes, last_chosen, last_prices


@njit(cache=True)
def _share(base, unit, over, k):  # type: ignore[no-untyped-def]
    """``(base + k * unit) / over`` as a float, correctly rounded (every number below 2**53)."""
    return (base + k * unit) / over


@njit(cache=True)
def _verdict(chosen, judging):  # type: ignore[no-untyped-def]
    """OVERSPENT, EXHAUSTIVE or GO_ON for the funded ``chosen`` (see :func:`walk`)."""
    budget, free_cost, pool, free, icost = judging
    spent = free_cost
    taken = free.copy()
    for j in chosen:
        spent += icost[j]
        taken[j] = True
    if spent > budget:
        return OVERSPENT
    left = budget - spent
    for j in range(icost.shape[0]):
        if pool[j] and not taken[j] and icost[j] <= left:
            return GO_ON
    return EXHAUSTIVE


@njit(cache=True)
def search(base, unit, over, last_k, batch_first, batch_max, judging, shared, rho0_class, election):  # type: ignore[no-untyped-def]
    """Add1U's stopping ``k`` (shares ``(base + k * unit) / over``), found exactly as
    ``_add1u`` in :mod:`.rules` finds it - the same gallop of certificates and walks of single
    runs - in one compiled call. Returns ``(k, True)``, or ``(0, False)`` when a run needed the
    exact engine or ``k`` would pass ``last_k`` (where the numbers stop being exact floats):
    then the Python search does it all."""
    status, first, first_prices, _, _, _ = run(_share(base, unit, over, 0), election)
    if status != OK:
        return 0, False
    chosen = first.copy()
    prices = first_prices.copy()
    verdict = _verdict(chosen, judging)
    if verdict == OVERSPENT:
        return 0, True
    if verdict == EXHAUSTIVE:
        return 0, True
    k = 0
    step = 1
    batch = batch_first
    while True:
        if step > 1:
            if k + step > last_k:
                step //= 2
                continue
            proven, higher_prices = certify(
                _share(base, unit, over, k + step), chosen, prices, shared, rho0_class, election
            )
            if proven:
                k += step
                prices = higher_prices
                step *= 2
            else:
                step //= 2
            continue
        if k + batch > last_k:
            return 0, False
        shares = np.empty(batch)
        for x in range(batch):
            shares[x] = _share(base, unit, over, k + 1 + x)
        at, code, changes, walked, walked_prices = walk(shares, chosen, judging, election)
        if code == OVERSPENT:
            return k + at, True
        if code == EXHAUSTIVE:
            return k + 1 + at, True
        if code == GAVE_UP:
            return 0, False
        chosen = walked
        prices = walked_prices
        k += batch
        if 4 * changes <= batch:  # few changes: the certificate may jump further
            step = 2
        batch = min(2 * batch, batch_max)
