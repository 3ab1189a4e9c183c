"""Budget allocation across market × channel cells with concave response curves.

Without binding constraints the optimum equalises marginal returns exactly (water-filling, closed
form for exponential curves). With binding share constraints, SLSQP solves the same concave problem
from that point. Amounts are then rounded to the currency's minor unit by largest remainder, so they
sum exactly to the budget.
"""

import math
from decimal import Decimal

import numpy as np
from pydantic import BaseModel
from scipy.optimize import linprog, minimize

from tools.campaign.curves import ResponseCurve
from tools.campaign.models import Constraints
from tools.campaign.money import check_budget, largest_remainder, round_to
from tools.errors import BadInput

TOLERANCE = 1e-9
SOLVER_TOLERANCE = 1e-11  # relative to the objective, which is scaled to about 1


class Cell(BaseModel):
    """One market × channel the budget may go to; `curve` is what the allocation maximises."""

    market: str
    channel: str
    curve: ResponseCurve
    available: bool = True


class Allocation(BaseModel):
    market: str
    channel: str
    amount: Decimal
    share: Decimal
    expected: float


class _Groups(BaseModel):
    """Share constraints as rows of A x <= b over the cells' shares x."""

    rows: list[list[float]]
    bounds: list[float]
    labels: list[str]


def _group_rows(cells: list[Cell], constraints: Constraints) -> _Groups:
    groups = _Groups(rows=[], bounds=[], labels=[])
    limits = [
        ("channel", constraints.channel_min_share, -1.0),
        ("channel", constraints.channel_max_share, 1.0),
        ("market", constraints.market_min_share, -1.0),
        ("market", constraints.market_max_share, 1.0),
    ]
    for field, table, sign in limits:
        for key, share in sorted(table.items()):
            if not 0.0 <= share <= 1.0:
                raise BadInput(f"{field} share for {key} must be between 0 and 1; got {share}")
            member = [1.0 if getattr(c, field) == key else 0.0 for c in cells]
            if sign < 0 and share > 0 and not any(member):
                raise BadInput(f"a minimum share is set for {field} {key}, but no available cell has it")
            groups.rows.append([sign * m for m in member])
            groups.bounds.append(sign * share)
            groups.labels.append(f"{field} {key} {'min' if sign < 0 else 'max'} {share}")
    return groups


def _feasible_point(groups: _Groups, n: int) -> np.ndarray:
    """Any shares meeting the constraints; BadInput when none exist."""
    result = linprog(
        c=np.zeros(n),
        A_ub=np.array(groups.rows) if groups.rows else None,
        b_ub=np.array(groups.bounds) if groups.rows else None,
        A_eq=np.ones((1, n)),
        b_eq=np.array([1.0]),
        bounds=[(0.0, 1.0)] * n,
        method="highs",
    )
    if result.status != 0:
        raise BadInput("the share constraints cannot all hold together: " + "; ".join(groups.labels))
    return np.asarray(result.x, dtype=float)


def water_fill(budget: float, curves: list[ResponseCurve]) -> list[float]:
    """Spends that equalise marginal returns across curves and sum to the budget (no constraints)."""
    log_m = [math.log(c.ceiling / c.scale) if c.ceiling > 0 else -math.inf for c in curves]
    order = sorted(range(len(curves)), key=lambda i: (-log_m[i], i))
    if log_m[order[0]] == -math.inf:
        return [budget / len(curves)] * len(curves)
    weighted, scales = 0.0, 0.0
    log_lambda = log_m[order[0]]
    for k, i in enumerate(order):
        if log_m[i] == -math.inf:
            break
        weighted += curves[i].scale * log_m[i]
        scales += curves[i].scale
        log_lambda = (weighted - budget) / scales
        following = log_m[order[k + 1]] if k + 1 < len(order) else -math.inf
        if log_lambda >= following:
            break
    return [max(0.0, c.scale * (lm - log_lambda)) for c, lm in zip(curves, log_m, strict=True)]


def _satisfies(x: np.ndarray, groups: _Groups, slack: float = TOLERANCE) -> bool:
    if abs(float(x.sum()) - 1.0) > slack or float(x.min()) < -slack:
        return False
    return all(float(np.dot(r, x)) <= b + slack for r, b in zip(groups.rows, groups.bounds, strict=True))


def _solve(budget: float, curves: list[ResponseCurve], groups: _Groups) -> np.ndarray:
    """Shares maximising the summed curves under the group constraints."""
    n = len(curves)
    start = np.array(water_fill(budget, curves)) / budget
    if _satisfies(start, groups):
        return start
    ceilings = np.array([c.ceiling for c in curves])
    rates = np.array([budget / c.scale for c in curves])
    # scale the objective to about 1 at the unconstrained optimum, so the tolerance is relative
    norm = max(float(np.sum(ceilings * -np.expm1(-rates * start))), 1e-300)

    def loss(x: np.ndarray) -> float:
        return -float(np.sum(ceilings * -np.expm1(-rates * x))) / norm

    def grad(x: np.ndarray) -> np.ndarray:
        return -(ceilings * rates * np.exp(-rates * x)) / norm

    rules = [{"type": "eq", "fun": lambda x: np.sum(x) - 1.0, "jac": lambda x: np.ones(n)}]
    if groups.rows:
        a, b = np.array(groups.rows), np.array(groups.bounds)
        rules.append({"type": "ineq", "fun": lambda x: b - a @ x, "jac": lambda x: -a})
    feasible = _feasible_point(groups, n)
    for x0 in (np.clip(start, 0.0, 1.0), feasible):  # the second start only if the first fails
        result = minimize(
            loss,
            x0,
            jac=grad,
            bounds=[(0.0, 1.0)] * n,
            constraints=rules,
            method="SLSQP",
            options={"ftol": SOLVER_TOLERANCE, "maxiter": 1000},
        )
        x = np.clip(np.asarray(result.x, dtype=float), 0.0, 1.0)
        x = x / x.sum()
        if _satisfies(x, groups, slack=1e-7):
            return x if loss(x) <= loss(feasible) else feasible
    return feasible


def allocate(
    budget: Decimal, currency: str, cells: list[Cell], constraints: Constraints | None = None
) -> list[Allocation]:
    """Split the budget over the available cells to maximise the sum of their curves.

    Unavailable cells are left out; amounts are in the currency's minor unit and sum exactly to the budget.
    """
    check_budget(budget, currency)
    live = [c for c in cells if c.available]
    if not live:
        raise BadInput("no available market × channel cell to allocate the budget to")
    keys = [(c.market, c.channel) for c in live]
    if len(set(keys)) != len(keys):
        raise BadInput("each market × channel cell may appear only once")
    groups = _group_rows(live, constraints or Constraints())
    shares = _solve(float(budget), [c.curve for c in live], groups)
    amounts = largest_remainder(budget, [float(s) for s in shares], currency)
    return [
        Allocation(
            market=c.market,
            channel=c.channel,
            amount=amount,
            share=round_to(amount / budget, 4),
            expected=c.curve.value(float(amount)),
        )
        for c, amount in zip(live, amounts, strict=True)
    ]
