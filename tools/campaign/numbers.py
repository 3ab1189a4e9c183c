"""Every number a narrative about a plan may state, for checking generated text against the plan."""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from tools.campaign.models import Plan, Range
from tools.campaign.money import round_to

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def numbers_in_text(text: str) -> set[Decimal]:
    """Numbers written in a text ("1,234.5" counts as 1234.5; a date gives its year, month and day)."""
    return {Decimal(match.replace(",", "")) for match in NUMBER.findall(text)}


def _share_forms(share: Decimal) -> set[Decimal]:
    """A share as a fraction and as a percent rounded to 0, 1 and 2 places."""
    return {share} | {round_to(share * 100, places) for places in (0, 1, 2)}


def _date_parts(days: Iterable[date | None]) -> set[Decimal]:
    return {Decimal(part) for d in days if d is not None for part in (d.year, d.month, d.day)}


def _range(r: Range | None) -> set[Decimal]:
    return set() if r is None else {r.low, r.mid, r.high}


def numbers_in_plan(plan: Plan) -> set[Decimal]:
    """Numbers a narrative may state: every figure in the plan, its percent forms, counts and dates."""
    found = {
        plan.budget.amount,
        Decimal((plan.end - plan.start).days + 1),
        Decimal(len(plan.markets)),
        Decimal(len(plan.allocations)),
        Decimal(len(plan.calendar)),
        Decimal(len(plan.phases)),
    }
    for a in plan.allocations:
        found |= {
            a.amount,
            Decimal(a.expected_impressions),
            Decimal(a.expected_reach),
            Decimal(a.expected_clicks),
            a.expected_conversions,
            a.expected_revenue,
        } | _share_forms(a.share)
    for p in plan.phases:
        found |= {p.amount} | _share_forms(p.share_of_budget)
    k = plan.kpis
    for r in (k.roas, k.cpa, k.ctr, k.expected_impressions, k.expected_conversions, k.expected_revenue):
        found |= _range(r)
    found |= {k.cpm, Decimal(k.expected_clicks), Decimal(k.expected_reach), k.average_order_value}
    found |= {Decimal(c.uncertainty_days) for c in plan.calendar}
    found |= _date_parts([plan.start, plan.end])
    found |= _date_parts(d for c in plan.calendar for d in (c.date, c.end_date))
    found |= _date_parts(d for p in plan.phases for d in (p.start, p.end))
    texts = [
        plan.summary,
        *plan.risks,
        *plan.assumptions,
        *(a.rationale for a in plan.allocations),
        *(c.action for c in plan.calendar),
        *(c.event for c in plan.calendar),
    ]
    for text in texts:
        found |= numbers_in_text(text)
    return found
