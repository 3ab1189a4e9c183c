"""Diminishing-returns response curves per market × channel, from benchmarks or the seller's history.

A cell buys impressions along impressions(s) = ceiling · (1 − exp(−s / scale)): the first unit of
spend buys 1000 / CPM impressions, and returns flatten once spend nears `scale`. Clicks, orders and
people reached follow with the cell's CTR, CVR and reach per impression, so every KPI comes from the
same curve.
"""

import math
from typing import Literal

from pydantic import BaseModel

from tools.campaign.money import usd_rate
from tools.campaign.reference import Benchmark, benchmark, channels, market_weight, market_weights


class ResponseCurve(BaseModel):
    """value(s) = ceiling · (1 − exp(−s / scale)), concave and increasing in spend s."""

    ceiling: float
    scale: float

    def value(self, spend: float) -> float:
        """The curve's output at a spend."""
        return self.ceiling * -math.expm1(-spend / self.scale)

    def marginal(self, spend: float) -> float:
        """The derivative of value at a spend."""
        return self.ceiling / self.scale * math.exp(-spend / self.scale)


class Spread(BaseModel):
    """Multipliers on the mid estimate that give the low and high estimates."""

    low: float
    high: float


class CellEconomics(BaseModel):
    """Everything the planner knows about one market × channel, in the budget currency for the period."""

    market: str
    channel: str
    cpm: float
    ctr: float
    cvr: float
    reach_per_impression: float
    aov: float | None
    scale: float
    impressions_spread: Spread
    conversions_spread: Spread
    ctr_pct_range: tuple[float, float, float]
    source: Literal["benchmark", "history"]
    note: str

    @property
    def impressions(self) -> ResponseCurve:
        """Impressions bought by spend over the campaign."""
        return ResponseCurve(ceiling=self.scale * 1000.0 / self.cpm, scale=self.scale)

    @property
    def conversions(self) -> ResponseCurve:
        """Orders bought by spend over the campaign."""
        base = self.impressions
        return ResponseCurve(ceiling=base.ceiling * self.ctr * self.cvr, scale=base.scale)

    @property
    def reach(self) -> ResponseCurve:
        """People reached by spend over the campaign."""
        base = self.impressions
        return ResponseCurve(ceiling=base.ceiling * self.reach_per_impression, scale=base.scale)


def _log_spread(*ratios: float) -> float:
    """Combined spread of independent log-normal uncertainties (ranges added in quadrature)."""
    return math.exp(math.sqrt(math.fsum(math.log(r) ** 2 for r in ratios)))


def benchmark_spreads(row: Benchmark) -> tuple[Spread, Spread]:
    """Low/high multipliers for impressions (from CPM) and conversions (CPM, CTR and CVR together)."""
    (cpm_lo, cpm_mid, cpm_hi), (ctr_lo, ctr_mid, ctr_hi), (cvr_lo, cvr_mid, cvr_hi) = (
        row.cpm,
        row.ctr_pct,
        row.cvr_pct,
    )
    impressions = Spread(low=cpm_mid / cpm_hi, high=cpm_mid / cpm_lo)
    conversions = Spread(
        low=1 / _log_spread(cpm_hi / cpm_mid, ctr_mid / ctr_lo, cvr_mid / cvr_lo),
        high=_log_spread(cpm_mid / cpm_lo, ctr_hi / ctr_mid, cvr_hi / cvr_mid),
    )
    return impressions, conversions


def saturation_daily_usd(market: str, channel: str) -> float:
    """Daily spend (USD) at which the cell's returns have flattened by 63 %."""
    reference = channels().channels[channel].saturation_daily_usd
    return reference * market_weight(market) ** market_weights().saturation_exponent


def benchmark_economics(market: str, channel: str, currency: str, days: int) -> CellEconomics:
    """Cell economics from the public benchmark row for the market's region."""
    row = benchmark(channel, market)
    fx = usd_rate(currency)
    impressions, conversions = benchmark_spreads(row)
    return CellEconomics(
        market=market,
        channel=channel,
        cpm=row.cpm[1] * fx,
        ctr=row.ctr_pct[1] / 100,
        cvr=row.cvr_pct[1] / 100,
        reach_per_impression=channels().channels[channel].reach_per_impression,
        aov=None,
        scale=saturation_daily_usd(market, channel) * days * fx,
        impressions_spread=impressions,
        conversions_spread=conversions,
        ctr_pct_range=row.ctr_pct,
        source="benchmark",
        note=row.source,
    )
