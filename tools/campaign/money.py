"""Money arithmetic: minor units, benchmark conversion from USD and exact largest-remainder splits."""

import math
from decimal import ROUND_HALF_EVEN, Decimal

from tools.campaign.reference import get_currency
from tools.errors import BadInput


def minor_step(currency: str) -> Decimal:
    """The smallest amount of a currency (0.01 for USD, 1 for JPY)."""
    return Decimal(1).scaleb(-get_currency(currency).minor_unit)


def quantize(amount: Decimal | float, currency: str) -> Decimal:
    """An amount rounded (half-even) to the currency's minor unit."""
    return Decimal(str(amount)).quantize(minor_step(currency), rounding=ROUND_HALF_EVEN)


def round_to(value: float | Decimal, places: int) -> Decimal:
    """A number rounded half-even to `places` decimals, as a Decimal."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def check_budget(amount: Decimal, currency: str) -> None:
    """BadInput unless the budget is positive and fits the currency's minor unit."""
    get_currency(currency)
    if not amount.is_finite() or amount <= 0:
        raise BadInput(f"budget must be a positive amount; got {amount}")
    if amount != amount.quantize(minor_step(currency)):
        raise BadInput(
            f"{currency} amounts have {get_currency(currency).minor_unit} decimal places; got {amount}"
        )


def usd_rate(currency: str) -> float:
    """Units of `currency` per 1 USD (approximate reference rate)."""
    return float(get_currency(currency).per_usd)


def split_units(units: int, weights: list[float]) -> list[int]:
    """Split a whole number of units in proportion to `weights`, summing exactly to `units`.

    Floors every part, then hands the leftover units to the largest fractional parts (ties go to the
    earlier part), so the split is exact and deterministic.
    """
    weight_sum = math.fsum(max(w, 0.0) for w in weights)
    if weight_sum <= 0:
        raise BadInput("nothing to split the budget across")
    raw = [units * max(w, 0.0) / weight_sum for w in weights]
    floors = [math.floor(r) for r in raw]
    leftover = units - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[: max(leftover, 0)]:
        floors[i] += 1
    for i in reversed(order):  # float round-off can overshoot by a unit: take it back from the smallest
        if leftover >= 0:
            break
        if floors[i] > 0:
            floors[i] -= 1
            leftover += 1
    return floors


def largest_remainder(total: Decimal, weights: list[float], currency: str) -> list[Decimal]:
    """Split `total` in proportion to `weights`, in minor units, summing exactly to `total`."""
    step = minor_step(currency)
    return [Decimal(units) * step for units in split_units(int(total / step), weights)]
