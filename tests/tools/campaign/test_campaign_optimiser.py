"""Budget optimiser properties: conservation, constraints, optimality, monotonicity, determinism."""

import math
import random
from decimal import Decimal

import pytest

from tools.campaign import Cell, Constraints, ResponseCurve, allocate
from tools.campaign.money import largest_remainder
from tools.errors import BadInput

MARKETS = ["US", "DE", "JP", "ID"]
CHANNELS = ["meta", "google_search", "tiktok"]


def make_cells(seed: int = 7, unavailable: tuple[tuple[str, str], ...] = ()) -> list[Cell]:
    rng = random.Random(seed)
    cells = []
    for market in MARKETS:
        for channel in CHANNELS:
            scale = rng.uniform(500, 20000)
            cost_per_result = rng.uniform(5, 60)
            cells.append(
                Cell(
                    market=market,
                    channel=channel,
                    curve=ResponseCurve(ceiling=scale / cost_per_result, scale=scale),
                    available=(market, channel) not in unavailable,
                )
            )
    return cells


def total(allocations: list, cells: list[Cell]) -> float:
    curves = {(c.market, c.channel): c.curve for c in cells}
    return math.fsum(curves[(a.market, a.channel)].value(float(a.amount)) for a in allocations)


def objective(shares: list[float], budget: float, cells: list[Cell]) -> float:
    return math.fsum(c.curve.value(s * budget) for s, c in zip(shares, cells, strict=True))


def group_share(allocations: list, budget: Decimal, field: str, key: str) -> Decimal:
    return sum((a.amount for a in allocations if getattr(a, field) == key), Decimal(0)) / budget


@pytest.mark.parametrize(
    "budget, currency",
    [
        (Decimal("1000.01"), "USD"),
        (Decimal("123457"), "JPY"),
        (Decimal("150000000"), "IDR"),
        (Decimal("0.05"), "EUR"),
        (Decimal("99999999.99"), "BRL"),
    ],
)
def test_allocations_sum_exactly_to_the_budget_in_minor_units(budget: Decimal, currency: str) -> None:
    allocations = allocate(budget, currency, make_cells())
    assert sum(a.amount for a in allocations) == budget
    places = 0 if currency in ("JPY", "IDR") else 2
    for a in allocations:
        assert a.amount >= 0
        assert a.amount == a.amount.quantize(Decimal(1).scaleb(-places))


def test_largest_remainder_is_exact_for_random_weights() -> None:
    rng = random.Random(3)
    for _ in range(200):
        weights = [rng.random() ** 3 for _ in range(rng.randint(1, 12))]
        budget = Decimal(rng.randint(1, 10**9)) / 100
        parts = largest_remainder(budget, weights, "USD")
        assert sum(parts) == budget
        exact = [float(budget) * w / sum(weights) for w in weights]
        assert all(abs(float(p) - e) < 0.01 + 1e-9 for p, e in zip(parts, exact, strict=True))


def test_unconstrained_split_equalises_marginal_returns() -> None:
    cells = make_cells()
    allocations = allocate(Decimal("30000.00"), "USD", cells)
    curves = {(c.market, c.channel): c.curve for c in cells}
    funded = [curves[(a.market, a.channel)].marginal(float(a.amount)) for a in allocations if a.amount > 1]
    unfunded = [curves[(a.market, a.channel)].marginal(0.0) for a in allocations if a.amount == 0]
    level = funded[0]
    assert all(abs(m - level) / level < 1e-3 for m in funded)
    assert all(m <= level * (1 + 1e-3) for m in unfunded)


def test_no_random_split_beats_the_optimum() -> None:
    cells = make_cells()
    budget = 30000.0
    best = total(allocate(Decimal("30000.00"), "USD", cells), cells)
    rng = random.Random(11)
    for _ in range(300):
        raw = [rng.expovariate(1.0) for _ in cells]
        assert objective([r / sum(raw) for r in raw], budget, cells) <= best + 1e-6


def test_constraints_hold_and_the_constrained_optimum_beats_feasible_splits() -> None:
    cells = make_cells()
    budget = Decimal("50000.00")
    rules = Constraints(
        channel_max_share={"meta": 0.3},
        channel_min_share={"tiktok": 0.25},
        market_min_share={"ID": 0.2, "JP": 0.1},
        market_max_share={"US": 0.4},
    )
    allocations = allocate(budget, "USD", cells, rules)
    slack = Decimal("0.0001")  # rounding moves each cell by less than one cent
    assert group_share(allocations, budget, "channel", "meta") <= Decimal("0.3") + slack
    assert group_share(allocations, budget, "channel", "tiktok") >= Decimal("0.25") - slack
    assert group_share(allocations, budget, "market", "ID") >= Decimal("0.2") - slack
    assert group_share(allocations, budget, "market", "JP") >= Decimal("0.1") - slack
    assert group_share(allocations, budget, "market", "US") <= Decimal("0.4") + slack
    best = total(allocations, cells)
    rng = random.Random(5)
    checked = 0
    while checked < 100:
        raw = [rng.expovariate(1.0) for _ in cells]
        shares = [r / sum(raw) for r in raw]
        by = {(c.market, c.channel): s for c, s in zip(cells, shares, strict=True)}
        meta = sum(s for (_, ch), s in by.items() if ch == "meta")
        tiktok = sum(s for (_, ch), s in by.items() if ch == "tiktok")
        market = {m: sum(s for (mk, _), s in by.items() if mk == m) for m in MARKETS}
        if (
            meta <= 0.3
            and tiktok >= 0.25
            and market["ID"] >= 0.2
            and market["JP"] >= 0.1
            and market["US"] <= 0.4
        ):
            checked += 1
            assert objective(shares, float(budget), cells) <= best + 1e-6


def test_unavailable_cells_are_left_out() -> None:
    cells = make_cells(unavailable=(("ID", "meta"), ("JP", "tiktok")))
    allocations = allocate(Decimal("10000.00"), "USD", cells)
    keys = {(a.market, a.channel) for a in allocations}
    assert ("ID", "meta") not in keys and ("JP", "tiktok") not in keys
    assert len(keys) == len(cells) - 2


@pytest.mark.parametrize(
    "constraints", [None, Constraints(channel_max_share={"google_search": 0.2}, market_min_share={"DE": 0.3})]
)
def test_more_budget_never_lowers_the_expected_total(constraints: Constraints | None) -> None:
    cells = make_cells()
    totals = [
        total(allocate(Decimal(b), "USD", cells, constraints), cells)
        for b in ("100.00", "1000.00", "5000.00", "20000.00", "80000.00", "300000.00")
    ]
    assert totals == sorted(totals)
    assert totals[-1] > totals[0]


def test_without_constraints_no_cell_loses_budget_when_the_budget_grows() -> None:
    cells = make_cells()
    small = {(a.market, a.channel): a.amount for a in allocate(Decimal("5000.00"), "USD", cells)}
    large = {(a.market, a.channel): a.amount for a in allocate(Decimal("50000.00"), "USD", cells)}
    assert all(large[k] >= small[k] for k in small)


def test_same_input_gives_the_same_allocation() -> None:
    rules = Constraints(channel_max_share={"meta": 0.35})
    first = allocate(Decimal("12345.67"), "EUR", make_cells(), rules)
    second = allocate(Decimal("12345.67"), "EUR", make_cells(), rules)
    assert first == second


@pytest.mark.parametrize(
    "budget, currency, constraints, message",
    [
        (Decimal("0"), "USD", None, "positive"),
        (Decimal("-5"), "USD", None, "positive"),
        (Decimal("1000.5"), "JPY", None, "decimal places"),
        (Decimal("1000"), "XYZ", None, "unknown currency"),
        (Decimal("1000"), "USD", Constraints(market_min_share={"US": 0.6, "DE": 0.6}), "cannot all hold"),
        (Decimal("1000"), "USD", Constraints(channel_max_share={"meta": 1.5}), "between 0 and 1"),
        (Decimal("1000"), "USD", Constraints(channel_min_share={"amazon_ads": 0.1}), "no available cell"),
    ],
)
def test_bad_input(budget: Decimal, currency: str, constraints: Constraints | None, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        allocate(budget, currency, make_cells(), constraints)


def test_no_available_cell_is_bad_input() -> None:
    cells = [c.model_copy(update={"available": False}) for c in make_cells()]
    with pytest.raises(BadInput, match="no available"):
        allocate(Decimal("100"), "USD", cells)
