"""Add1U reference outcomes from an independent exact implementation (issue 24).

pabutools did not finish Add1U on these elections in 300 s (it needs hours a case on this
machine), so this script computes them once, without linli's code, and writes
``<file>.mes_<utility>_add1.json`` beside it for ``tests/budgeting/test_rules_pabulib.py``:

    nice -n 19 .venv/bin/python tests/data/pabulib_add1u/reference.py Poland_Lodz_2022.pb:card

Each argument is ``FILE:UTILITY`` (``cost`` or ``card``), one case each; several may be given
(``A.pb:cost B.pb:card``). ``--check`` alone reruns the cases pabutools finished.

Straight from the definition: every share ``budget / n + k`` for ``k = 0, 1, 2, ...`` in turn
(no skipping, unlike linli's search), MES run at each, until the outcome is exhaustive (no other
supported project fits) or overspends (then ``k - 1``), then the leftover filled greedily with the
same utility. To be quick enough, many shares run side by side as rows of a NumPy matrix in
floats; a row whose run comes within a relative 1e-9 of a decision (two prices nearly equal, a
project's supporters' money nearly its cost) is rerun exactly in Fractions. Verdicts compare
integer costs, so they are exact. ``--check`` reruns the cases pabutools did finish and compares.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from fractions import Fraction
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent.parent / "shared" / "data" / "pabulib"
REL = 1e-9
CELLS = 1_500_000  # rows x ballot groups in one batch


def parse(path: Path):
    """costs {id: Fraction}, budget, ballots [frozenset of ids] (ordinal and cumulative ballots
    count every listed project as approved)."""
    meta: dict[str, str] = {}
    costs: dict[str, Fraction] = {}
    ballots: list[frozenset[str]] = []
    section = None
    header: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";"):
            if not row:
                continue
            if row[0].strip() in {"META", "PROJECTS", "VOTES"}:
                section, header = row[0].strip(), []
                continue
            if not header:
                header = [h.strip() for h in row]
                continue
            record = dict(zip(header, row, strict=False))
            if section == "META":
                meta[row[0].strip()] = row[1].strip()
            elif section == "PROJECTS":
                costs[record["project_id"].strip()] = Fraction(record["cost"].strip())
            elif section == "VOTES":
                vote = record.get("vote", "").strip()
                ballots.append(frozenset(v.strip() for v in vote.split(",") if v.strip()))
    return costs, Fraction(meta["budget"]), ballots


class Case:
    def __init__(self, name: str, utility: str) -> None:
        self.name, self.utility = name, utility
        costs, self.budget, ballots = parse(DATA / name)
        self.n = len(ballots)
        self.ids = sorted(costs)  # string order: the tie-break
        self.cost = [costs[p] for p in self.ids]
        index = {p: j for j, p in enumerate(self.ids)}
        groups = Counter(ballots)
        self.groups = [sorted(index[p] for p in g) for g in groups]
        self.weight = np.array([groups[g] for g in groups], dtype=np.float64)
        self.votes = [0] * len(self.ids)
        for g, w in zip(self.groups, self.weight, strict=True):
            for j in g:
                self.votes[j] += int(w)
        self.util = [c if utility == "cost" else Fraction(1) for c in self.cost]
        self.active = [j for j in range(len(self.ids)) if self.votes[j] > 0 and self.cost[j] > 0]
        self.free = [j for j in range(len(self.ids)) if self.votes[j] > 0 and self.cost[j] == 0]
        self.supporters = {
            j: np.array([i for i, g in enumerate(self.groups) if j in g]) for j in self.active
        }
        self.start = self.budget / self.n

    # --- floats, many shares at once --------------------------------------------------------
    def batch(self, shares: list[Fraction]):
        """The funded lists at each share, or None for a row to redo exactly."""
        rows = len(shares)
        money = np.repeat(np.array([float(s) for s in shares])[:, None], len(self.groups), axis=1)
        done = np.zeros(rows, dtype=bool)
        doubtful = np.zeros(rows, dtype=bool)
        taken = np.zeros((rows, len(self.ids)), dtype=bool)
        chosen: list[list[int]] = [[] for _ in range(rows)]
        while not done.all():
            live = np.flatnonzero(~done)
            prices = np.full((len(live), len(self.ids)), np.inf)
            capped = np.zeros((len(live), len(self.ids)), dtype=bool)
            for j in self.active:
                sup = self.supporters[j]
                u = float(self.util[j])
                c = float(self.cost[j])
                m = money[np.ix_(live, sup)]
                w = self.weight[sup]
                have = (m * w).sum(axis=1)
                near = np.abs(have - c) <= REL * c
                doubtful[live[near]] = True
                ok = (have >= c) & ~taken[live, j]
                if not ok.any():
                    continue
                order = np.argsort(m, axis=1, kind="stable")  # same utility for all: m/u order
                ms = np.take_along_axis(m, order, axis=1)
                ws = w[order]
                paid = np.concatenate(
                    [np.zeros((len(live), 1)), np.cumsum(ms * ws, axis=1)[:, :-1]], axis=1
                )
                util_after = (
                    ws.sum(axis=1)[:, None]
                    - np.concatenate(
                        [np.zeros((len(live), 1)), np.cumsum(ws, axis=1)[:, :-1]], axis=1
                    )
                ) * u
                rho = (c - paid) / util_after
                fits = rho * u <= ms
                first = np.argmax(fits, axis=1)
                rho_cut = rho[np.arange(len(live)), first]
                prices[ok, j] = rho_cut[ok]
                capped[ok, j] = first[ok] > 0
            best = np.argmin(prices, axis=1)  # first in id order among equal floats
            low = prices[np.arange(len(live)), best]
            finished = ~np.isfinite(low)
            done[live[finished]] = True
            # a near tie that floats cannot settle: another price within REL, or an equal one
            # where a supporter was capped (then equal floats need not be equal prices)
            other = prices.copy()
            other[np.arange(len(live)), best] = np.inf
            second = other.min(axis=1)
            with np.errstate(invalid="ignore"):
                gap = second - low
            close = np.isfinite(low) & (gap <= REL * low)
            exact_tie = close & (gap == 0)
            both_plain = exact_tie & ~capped[np.arange(len(live)), best]
            if both_plain.any():
                for r in np.flatnonzero(both_plain):
                    ties = np.flatnonzero(prices[r] == low[r])
                    if capped[r, ties].any():
                        both_plain[r] = False
            doubtful[live[close & ~both_plain]] = True
            for r in np.flatnonzero(~finished):
                row, j = live[r], best[r]
                chosen[row].append(int(j))
                taken[row, j] = True
                sup = self.supporters[j]
                pay = np.minimum(money[row, sup], low[r] * float(self.util[j]))
                money[row, sup] -= pay
        return [None if doubtful[r] else chosen[r] for r in range(rows)]

    # --- exact, one share -------------------------------------------------------------------
    def exact(self, share: Fraction) -> list[int]:
        money = [share] * len(self.groups)
        weight = [int(w) for w in self.weight]
        left = set(self.active)
        chosen: list[int] = []
        while True:
            best = None
            for j in sorted(left):
                sup = self.supporters[j]
                u, c = self.util[j], self.cost[j]
                if sum(money[i] * weight[i] for i in sup) < c:
                    continue
                paid, total = Fraction(0), sum(weight[i] for i in sup) * u
                for i in sorted(sup, key=lambda i: money[i]):
                    rho = (c - paid) / total
                    if rho * u <= money[i]:
                        break
                    paid += money[i] * weight[i]
                    total -= weight[i] * u
                if best is None or rho < best[0]:
                    best = (rho, j)
            if best is None:
                return chosen
            rho, j = best
            chosen.append(j)
            left.discard(j)
            for i in self.supporters[j]:
                money[i] -= min(money[i], rho * self.util[j])

    def verdict(self, chosen: list[int]) -> str:
        spent = sum(self.cost[j] for j in chosen) + sum(self.cost[j] for j in self.free)
        if spent > self.budget:
            return "overspent"
        left = self.budget - spent
        taken = set(chosen) | set(self.free)
        if any(j not in taken and self.cost[j] <= left for j in self.active):
            return "continue"
        return "exhaustive"

    def greedy_fill(self, chosen: list[int]) -> list[int]:
        funded = list(self.free) + list(chosen)
        left = self.budget - sum(self.cost[j] for j in funded)

        def density(j: int) -> Fraction:
            total = self.votes[j] * self.util[j]
            return total / self.cost[j] if self.cost[j] else Fraction(10**30)

        order = sorted(range(len(self.ids)), key=lambda j: (-density(j), self.ids[j]))
        for j in order:
            if j not in funded and self.cost[j] <= left:
                funded.append(j)
                left -= self.cost[j]
        return funded

    def run(self) -> dict:
        started = time.monotonic()
        most = max(1, min(4096, CELLS // max(1, len(self.groups))))
        rows, k, previous, redone = min(16, most), 0, None, 0
        while True:
            shares = [self.start + k + x for x in range(rows)]
            outcomes = self.batch(shares)
            for x, outcome in enumerate(outcomes):
                if outcome is None:
                    outcome = self.exact(shares[x])
                    redone += 1
                verdict = self.verdict(outcome)
                if verdict == "continue":
                    previous = (k + x, outcome)
                    continue
                if verdict == "exhaustive":
                    final = (k + x, outcome)
                else:
                    final = previous if previous is not None else (0, self.exact(self.start))
                selected = self.greedy_fill(final[1])
                return {
                    "file": self.name,
                    "rule": f"mes_{self.utility}_add1",
                    "selected": sorted(self.ids[j] for j in selected),
                    "k": final[0],
                    "stopped_by": verdict,
                    "shares_tried": k + x + 1,
                    "rerun_exactly": redone,
                    "seconds": round(time.monotonic() - started, 1),
                    "computed_with": "tests/data/pabulib_add1u/reference.py (every share in turn; "
                    "floats with exact reruns near ties; not linli's code)",
                }
            k += rows
            rows = min(2 * rows, most)
            print(
                f"  {self.name} {self.utility}: k={k} ({time.monotonic() - started:.0f} s)",
                file=sys.stderr,
                flush=True,
            )


def check() -> None:
    """Rerun the Add1U cases pabutools finished and compare (validates this script)."""
    expected = json.loads((DATA / "expected_pabutools.json").read_text())
    for entry in expected:
        for utility in ("cost", "card"):
            outcome = entry["rules"].get(f"mes_{utility}_add1")
            if not outcome or outcome["status"] != "ok":
                continue
            got = Case(entry["file"], "cost" if utility == "cost" else "card").run()
            same = sorted(got["selected"]) == sorted(outcome["selected"])
            print(entry["file"], utility, "same" if same else "DIFFERENT", got["k"], flush=True)


def main(name: str, utility: str) -> None:
    result = Case(name, utility).run()
    (HERE / f"{name}.mes_{utility}_add1.json").write_text(json.dumps(result, indent=1) + "\n")
    print(name, utility, result["k"], result["seconds"], flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        check()
    else:
        for case in sys.argv[1:]:
            file, utility = case.rsplit(":", 1)
            main(file, utility)
