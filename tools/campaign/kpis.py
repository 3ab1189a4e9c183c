"""Expected results per allocation and the plan's KPI targets, all derived from the same curves.

Totals are sums of the rounded per-allocation figures, and ratios are computed from those totals
(ROAS = revenue / budget, CPA = budget / orders, CPM = budget / impressions × 1000), so the KPIs
can be checked against the allocation exactly.
"""

from decimal import Decimal

from pydantic import BaseModel

from tools.campaign.curves import CellEconomics
from tools.campaign.models import KPIs, Range
from tools.campaign.money import quantize, round_to

CONVERSION_PLACES = 1
RATIO_PLACES = 2


class CellResult(BaseModel):
    """Expected results of one allocation (floats, before rounding)."""

    amount: Decimal
    economics: CellEconomics
    aov: float
    impressions: float
    reach: float
    clicks: float
    conversions: float

    @property
    def revenue(self) -> float:
        """Orders × order value."""
        return self.conversions * self.aov


def cell_result(amount: Decimal, economics: CellEconomics, aov: float) -> CellResult:
    """Impressions, clicks and orders that `amount` buys in a cell."""
    impressions = economics.impressions.value(float(amount))
    clicks = impressions * economics.ctr
    return CellResult(
        amount=amount,
        economics=economics,
        aov=aov,
        impressions=impressions,
        reach=impressions * economics.reach_per_impression,
        clicks=clicks,
        conversions=clicks * economics.cvr,
    )


def rounded_conversions(value: float) -> Decimal:
    """Orders as shown in a plan."""
    return round_to(value, CONVERSION_PLACES)


def rounded_revenue(result: CellResult, currency: str) -> Decimal:
    """Revenue of one allocation as shown in a plan."""
    return quantize(result.revenue, currency)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return round_to(numerator / denominator, RATIO_PLACES) if denominator else Decimal(0)


def derive_kpis(results: list[CellResult], budget: Decimal, currency: str) -> KPIs:
    """KPI targets of a plan from its allocations' results."""
    impressions_mid = sum(round(r.impressions) for r in results)
    conversions_mid = sum((rounded_conversions(r.conversions) for r in results), Decimal(0))
    revenue_mid = sum((rounded_revenue(r, currency) for r in results), Decimal(0))
    conv_low = rounded_conversions(sum(r.conversions * r.economics.conversions_spread.low for r in results))
    conv_high = rounded_conversions(sum(r.conversions * r.economics.conversions_spread.high for r in results))
    revenue_low = quantize(sum(r.revenue * r.economics.conversions_spread.low for r in results), currency)
    revenue_high = quantize(sum(r.revenue * r.economics.conversions_spread.high for r in results), currency)
    clicks = sum(round(r.clicks) for r in results)
    weight = sum(r.impressions for r in results) or 1.0
    ctr_low = sum(r.impressions * r.economics.ctr_pct_range[0] for r in results) / weight
    ctr_high = sum(r.impressions * r.economics.ctr_pct_range[2] for r in results) / weight
    cpa = None
    if conv_low > 0:
        cpa = Range(
            low=quantize(budget / conv_high, currency),
            mid=quantize(budget / conversions_mid, currency),
            high=quantize(budget / conv_low, currency),
        )
    return KPIs(
        currency=currency,
        roas=Range(
            low=_ratio(revenue_low, budget),
            mid=_ratio(revenue_mid, budget),
            high=_ratio(revenue_high, budget),
        ),
        cpa=cpa,
        ctr=Range(
            low=round_to(ctr_low, 2),
            mid=round_to(100 * clicks / max(impressions_mid, 1), 2),
            high=round_to(ctr_high, 2),
        ),
        cpm=quantize(budget * 1000 / impressions_mid, currency) if impressions_mid else Decimal(0),
        expected_impressions=Range(
            low=Decimal(round(sum(r.impressions * r.economics.impressions_spread.low for r in results))),
            mid=Decimal(impressions_mid),
            high=Decimal(round(sum(r.impressions * r.economics.impressions_spread.high for r in results))),
        ),
        expected_reach=sum(round(r.reach) for r in results),
        expected_clicks=clicks,
        expected_conversions=Range(low=conv_low, mid=conversions_mid, high=conv_high),
        expected_revenue=Range(low=revenue_low, mid=revenue_mid, high=revenue_high),
        average_order_value=quantize(revenue_mid / conversions_mid, currency)
        if conversions_mid
        else Decimal(0),
    )
