"""Portfolio selection: the best set of creators within a budget, a count limit and diversity rules."""

import ctypes
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from tools.kol.fraud import high_risk_threshold
from tools.kol.models import Match, Money, normalize_handle
from tools.kol.reference import convert, load_data


@dataclass(frozen=True)
class Candidate:
    """A scored creator plus what diversity needs: its profile embedding."""

    match: Match
    embedding: np.ndarray

    def cost_in(self, currency: str) -> float | None:
        """Estimated cost in `currency`, None when unknown."""
        cost = self.match.estimated_cost
        return None if cost is None else convert(cost.amount, cost.currency, currency)

    def value(self) -> float:
        """What the portfolio maximises: fit-weighted expected reach, discounted by fraud risk."""
        reach = self.match.expected_reach or 0
        return self.match.fit_score * (1 - self.match.fraud_risk) * reach


def conflicts(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """Pairs that may not both be picked: same handle on two platforms, or near-duplicate profiles."""
    if len(candidates) < 2:
        return []
    threshold = float(load_data("scoring")["selection"]["diversity_cosine"])
    handles = np.array([normalize_handle(c.match.handle) for c in candidates], dtype=object)
    matrix = np.stack([c.embedding for c in candidates])
    clash = (matrix @ matrix.T > threshold) | (handles[:, None] == handles[None, :])
    rows, cols = np.nonzero(np.triu(clash, k=1))
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]


def _eligible(candidates: list[Candidate], allow_high_risk: bool) -> list[Candidate]:
    threshold = high_risk_threshold()
    return [c for c in candidates if allow_high_risk or c.match.fraud_risk < threshold]


def _clashes(candidate: Candidate, picked: list[Candidate]) -> bool:
    """True when `candidate` conflicts with any creator already picked."""
    threshold = float(load_data("scoring")["selection"]["diversity_cosine"])
    handle = normalize_handle(candidate.match.handle)
    return any(
        normalize_handle(p.match.handle) == handle or float(p.embedding @ candidate.embedding) > threshold
        for p in picked
    )


def _greedy(candidates: list[Candidate], limit: int) -> list[Candidate]:
    """Best combined score first, skipping anyone who conflicts with a creator already picked."""
    picked: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: -c.match.score):
        if len(picked) >= limit:
            break
        if not _clashes(candidate, picked):
            picked.append(candidate)
    return picked


_STDOUT_LOCK = threading.Lock()


def _flush_c_stdio() -> None:
    """Flush C stdio buffers so nothing printed under the redirect reaches the real stdout later."""
    with suppress(OSError, AttributeError):  # no C library handle on this platform
        ctypes.CDLL(None).fflush(None)


@contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """Send file descriptor 1 to /dev/null: HiGHS sometimes printf's a debug line that would corrupt --json output."""
    with _STDOUT_LOCK:
        sys.stdout.flush()
        saved, sink = os.dup(1), os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(sink, 1)
            yield
        finally:
            _flush_c_stdio()
            os.dup2(saved, 1)
            os.close(saved)
            os.close(sink)


def _solve(pool: list[Candidate], costs: np.ndarray, budget: float, limit: int) -> list[int]:
    """Indices chosen by a 0/1 integer program (HiGHS via scipy.optimize.milp)."""
    n = len(pool)
    rows = [costs, np.ones(n)]
    upper = [budget, float(limit)]
    for i, j in conflicts(pool):
        row = np.zeros(n)
        row[[i, j]] = 1.0
        rows.append(row)
        upper.append(1.0)
    rules = load_data("scoring")["selection"]
    values = np.array([c.value() for c in pool])
    scale = values.max() if values.max() > 0 else 1.0
    with _native_stdout_silenced():
        result = milp(
            c=-values / scale,
            constraints=LinearConstraint(np.vstack(rows), -np.inf, np.array(upper)),
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            options={
                "time_limit": float(rules["time_limit_s"]),
                "mip_rel_gap": float(rules["mip_rel_gap"]),
                "presolve": bool(rules["presolve"]),
            },
        )
    if result.x is None:
        return []
    return [i for i in range(n) if result.x[i] > 0.5]


def select_portfolio(
    candidates: list[Candidate], budget: Money | None, limit: int, allow_high_risk: bool = False
) -> list[Match]:
    """Creators to book: most fit-weighted reach within budget and limit; else best score first."""
    rules = load_data("scoring")["selection"]
    eligible = _eligible(candidates, allow_high_risk)
    if budget is None:
        return [c.match for c in _greedy(eligible, limit)]
    priced = [(c, c.cost_in(budget.currency)) for c in eligible if c.match.fit_score >= rules["min_fit"]]
    affordable = [(c, cost) for c, cost in priced if cost is not None and cost <= budget.amount]
    affordable.sort(key=lambda item: -item[0].value())
    affordable = affordable[: int(rules["pool"])]
    if not affordable or limit <= 0:
        return []
    pool = [c for c, _ in affordable]
    costs = np.array([cost for _, cost in affordable], dtype=np.float64)
    chosen = _solve(pool, costs, budget.amount, limit)
    # The solver works to a tolerance; drop the least valuable picks until the budget holds exactly.
    chosen.sort(key=lambda i: -pool[i].value())
    while chosen and costs[chosen].sum() > budget.amount:
        chosen.pop()
    return [m.match for m in sorted((pool[i] for i in chosen), key=lambda c: -c.match.score)]
