"""Response curves fitted on the seller's own ad history (scipy.optimize.curve_fit)."""

import math
import warnings
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field
from scipy.optimize import OptimizeWarning, curve_fit

from tools.campaign.curves import CellEconomics, Spread, benchmark_spreads, saturation_daily_usd
from tools.campaign.money import usd_rate
from tools.campaign.reference import benchmark, channel_name, channels, get_currency, planning
from tools.errors import BadInput
from tools.markets import get_market


class AdHistoryRow(BaseModel):
    """One day (or one row of an ads export) of one platform in one market."""

    date: date
    platform: str
    market: str
    spend: Decimal = Field(ge=0)
    impressions: int = Field(ge=0)
    clicks: int = Field(ge=0)
    conversions: float = Field(ge=0)
    conversion_value: Decimal = Field(default=Decimal(0), ge=0)
    currency: str


class FittedCurve(BaseModel):
    """A cell's curve learned from history: daily scale and rates, money in `currency`."""

    market: str
    channel: str
    currency: str
    cpm: float
    ctr: float
    cvr: float
    aov: float | None
    daily_scale: float
    days: int
    method: Literal["curve_fit", "calibrated"]


def _impressions(spend: np.ndarray, cpm: float, scale: float) -> np.ndarray:
    return scale * 1000.0 / cpm * -np.expm1(-spend / scale)


def _fit_shape(spend: np.ndarray, impressions: np.ndarray) -> tuple[float, float] | None:
    """(CPM at zero spend, daily scale) by least squares, or None when the data cannot pin them down."""
    top = float(spend.max())
    if len(spend) < planning().fit["min_points"] or top < 1.5 * float(spend.min()):
        return None
    start = (1000.0 * float(spend.sum()) / max(float(impressions.sum()), 1.0), 3.0 * top)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", OptimizeWarning)
            params, _ = curve_fit(
                _impressions,
                spend,
                impressions,
                p0=start,
                bounds=([1e-9, 0.2 * top], [np.inf, 1000.0 * top]),
                maxfev=5000,
            )
    except (RuntimeError, ValueError, OptimizeWarning):
        return None
    cpm, scale = float(params[0]), float(params[1])
    return (cpm, scale) if math.isfinite(cpm) and math.isfinite(scale) else None


def _check_rows(history: list[AdHistoryRow]) -> str:
    currencies = {row.currency.strip().upper() for row in history}
    if len(currencies) != 1:
        raise BadInput(f"ad history must be in one currency; got {', '.join(sorted(currencies))}")
    currency = currencies.pop()
    get_currency(currency)
    return currency


def _fit_cell(market: str, channel: str, currency: str, rows: list[AdHistoryRow]) -> FittedCurve:
    daily: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for row in rows:
        daily[row.date][0] += float(row.spend)
        daily[row.date][1] += row.impressions
    points = np.array([v for _, v in sorted(daily.items()) if v[0] > 0 and v[1] > 0], dtype=float).reshape(
        -1, 2
    )
    spend, impressions = float(sum(r.spend for r in rows)), sum(r.impressions for r in rows)
    clicks, orders = sum(r.clicks for r in rows), sum(r.conversions for r in rows)
    value = float(sum(r.conversion_value for r in rows))
    bench = benchmark(channel, market)
    prior = planning().fit["prior_clicks"]
    ctr_prior, cvr_prior = bench.ctr_pct[1] / 100, bench.cvr_pct[1] / 100
    ctr = (clicks + prior) / (impressions + prior / ctr_prior)
    cvr = (orders + prior * cvr_prior) / (clicks + prior)
    fitted = _fit_shape(points[:, 0], points[:, 1]) if len(points) else None
    days = max(len(points), 1)
    if fitted is not None:
        cpm, scale = fitted
        method: Literal["curve_fit", "calibrated"] = "curve_fit"
    else:
        scale = saturation_daily_usd(market, channel) * usd_rate(currency)
        mean = spend / days / scale
        observed = 1000.0 * spend / impressions if impressions else bench.cpm[1] * usd_rate(currency)
        # the observed CPM is an average along the curve; the curve needs the CPM of the first unit of spend
        cpm = observed * (-math.expm1(-mean) / mean if mean > 0 else 1.0)
        method = "calibrated"
    return FittedCurve(
        market=market,
        channel=channel,
        currency=currency,
        cpm=cpm,
        ctr=ctr,
        cvr=cvr,
        aov=value / orders if orders > 0 and value > 0 else None,
        daily_scale=scale,
        days=days,
        method=method,
    )


def fit_curves(history: list[AdHistoryRow]) -> dict[tuple[str, str], FittedCurve]:
    """One fitted curve per (market, channel) found in the history; empty history gives {}."""
    if not history:
        return {}
    currency = _check_rows(history)
    cells: dict[tuple[str, str], list[AdHistoryRow]] = defaultdict(list)
    for row in history:
        cells[(get_market(row.market).code, channel_name(row.platform))].append(row)
    return {key: _fit_cell(key[0], key[1], currency, cells[key]) for key in sorted(cells)}


def history_economics(fit: FittedCurve, currency: str, days: int) -> CellEconomics:
    """Cell economics from a fitted curve, in the budget currency for a campaign of `days` days."""
    fx = usd_rate(currency) / usd_rate(fit.currency)
    shrink = planning().fit["range_shrink"]
    row = benchmark(fit.channel, fit.market)
    impressions, conversions = benchmark_spreads(row)
    ctr_pct = fit.ctr * 100
    ctr_low, ctr_mid, ctr_high = row.ctr_pct
    return CellEconomics(
        market=fit.market,
        channel=fit.channel,
        cpm=fit.cpm * fx,
        ctr=fit.ctr,
        cvr=fit.cvr,
        reach_per_impression=channels().channels[fit.channel].reach_per_impression,
        aov=None if fit.aov is None else fit.aov * fx,
        scale=fit.daily_scale * days * fx,
        impressions_spread=Spread(low=impressions.low**shrink, high=impressions.high**shrink),
        conversions_spread=Spread(low=conversions.low**shrink, high=conversions.high**shrink),
        ctr_pct_range=(
            ctr_pct * (ctr_low / ctr_mid) ** shrink,
            ctr_pct,
            ctr_pct * (ctr_high / ctr_mid) ** shrink,
        ),
        source="history",
        note=f"fitted on {fit.days} days of the seller's {fit.channel} ads in {fit.market} ({fit.method})",
    )
