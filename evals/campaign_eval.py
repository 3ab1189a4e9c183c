"""Campaign planner quality suite: `python -m evals.campaign_eval [--dataset FILE] [--out FILE]`.

Each request of the dataset is planned, then scored by `score_plan`, which any plan-shaped output
(for example a model-only baseline) can go through:
  budget_exact     allocations are in the currency's minor unit and sum exactly to the budget
  constraints_ok   requested markets/channels only, no unbuyable cell, the request's share limits hold
  calendar_recall  share of expected events found in the plan's calendar; the expected events are
                   computed here, independently of tools.calendar (holidays package + own rules)
  kpi_consistent   KPI totals and ratios follow from the allocations
  phases_ok        phases tile the campaign and their shares sum to 1
Exits 1 when a rate falls below its threshold.
"""

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import holidays
from hijridate import Gregorian, Hijri
from pydantic import ValidationError

from tools.campaign import Plan, PlanRequest, build_plan, parse_plan_request
from tools.campaign.reference import channel_name, get_currency, unavailable_reason
from tools.errors import BadInput

DATASET = Path(__file__).parent / "datasets" / "campaign_requests.jsonl"
THRESHOLDS = {
    "budget_exact": 1.0,
    "constraints_ok": 1.0,
    "kpi_consistent": 1.0,
    "phases_ok": 1.0,
    "calendar_recall": 0.95,
}
SEA = ("ID", "TH", "VN", "MY")
MUSLIM_MAJORITY = ("SA", "AE", "ID", "MY")
Expected = tuple[str, date, str, int]  # market, date, keyword in the event name ("" = any holiday), tolerance


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _hijri_dates(year: int, month: int, day: int) -> Iterator[date]:
    for hijri_year in range(
        Gregorian(year, 1, 1).to_hijri().year, Gregorian(year, 12, 31).to_hijri().year + 1
    ):
        found = date(*Hijri(hijri_year, month, day).to_gregorian().datetuple())
        if found.year == year:
            yield found


def _rule_events(year: int) -> Iterator[Expected]:
    """Key commerce and cultural dates by their public rules (not read from tools.calendar)."""
    black_friday = _nth_weekday(year, 11, 3, 4) + timedelta(days=1)
    yield ("US", black_friday, "black friday", 0)
    yield ("US", black_friday + timedelta(days=3), "cyber monday", 0)
    for market in ("GB", "DE", "FR", "ES", "IT", "BR", "MX"):
        yield (market, black_friday, "black friday", 0)
    for market in ("SA", "AE"):
        yield (market, black_friday, "white friday", 0)
    for market in SEA:
        yield (market, date(year, 11, 11), "11.11", 0)
        yield (market, date(year, 12, 12), "12.12", 0)
        yield (market, date(year, 9, 9), "9.9", 0)
        yield (market, date(year, 10, 10), "10.10", 0)
    yield ("MX", _nth_weekday(year, 11, 0, 3) - timedelta(days=3), "buen fin", 0)
    yield ("BR", _nth_weekday(year, 5, 6, 2), "mães", 0)
    yield ("BR", date(year, 6, 12), "namorados", 0)
    yield ("US", _nth_weekday(year, 5, 6, 2), "mother", 0)
    yield ("JP", date(year, 4, 29), "golden week", 0)
    for market in ("US", "GB", "DE", "FR", "ES", "IT", "JP", "KR"):
        yield (market, date(year, 2, 14), "valentine", 0)
    for market in MUSLIM_MAJORITY:
        for start in _hijri_dates(year, 9, 1):
            yield (market, start, "ramadan", 1)
        for start in _hijri_dates(year, 10, 1):
            yield (market, start, "eid al-fitr", 1)
    announced_prime_day = {2024: date(2024, 7, 16), 2025: date(2025, 7, 8)}
    if year in announced_prime_day:
        yield ("US", announced_prime_day[year], "prime day", 0)


def expected_events(request: PlanRequest) -> list[Expected]:
    """Events a plan for this request must list."""
    markets = {m.upper() for m in request.markets}
    found: list[Expected] = []
    for year in range(request.start.year, request.end.year + 1):
        for market in sorted(markets):
            found += [(market, day, "", 0) for day in holidays.country_holidays(market, years=year)]
        found += [e for e in _rule_events(year) if e[0] in markets]
    return sorted({e for e in found if request.start <= e[1] <= request.end})


def calendar_recall(request: PlanRequest, plan: Plan) -> tuple[float, list[str]]:
    """Share of expected events that the plan's calendar lists (same market, date within tolerance)."""
    expected = expected_events(request)
    missing = []
    for market, day, keyword, tolerance in expected:
        hit = any(
            entry.market == market
            and entry.date - timedelta(days=tolerance)
            <= day
            <= (entry.end_date or entry.date) + timedelta(days=tolerance)
            and (keyword in entry.event.lower() if keyword else entry.kind == "holiday")
            for entry in plan.calendar
        )
        if not hit:
            missing.append(f"{market} {day} {keyword or 'public holiday'}")
    return (1.0 if not expected else 1 - len(missing) / len(expected)), missing


def _budget_exact(request: PlanRequest, plan: Plan) -> list[str]:
    step = Decimal(1).scaleb(-get_currency(request.budget.currency).minor_unit)
    problems = [
        f"{a.market} {a.channel} {a.amount} is not in minor units"
        for a in plan.allocations
        if a.amount != a.amount.quantize(step)
    ]
    total = sum((a.amount for a in plan.allocations), Decimal(0))
    if total != request.budget.amount:
        problems.append(f"allocations sum to {total}, budget is {request.budget.amount}")
    return problems


def _constraints_ok(request: PlanRequest, plan: Plan) -> list[str]:
    budget = request.budget.amount
    markets = {m.upper() for m in request.markets}
    channels = {channel_name(c) for c in request.channels} if request.channels is not None else None
    problems = []
    for a in plan.allocations:
        if a.amount < 0 or a.market not in markets or (channels is not None and a.channel not in channels):
            problems.append(f"{a.market} {a.channel} {a.amount} is outside the request")
        if unavailable_reason(a.channel, a.market):
            problems.append(f"{a.channel} cannot be bought in {a.market}")
    slack = Decimal(len(plan.allocations)) * Decimal(1).scaleb(
        -get_currency(request.budget.currency).minor_unit
    )
    limits = request.constraints
    if limits is None:
        return problems
    for field, table, lower in (
        ("channel", limits.channel_min_share, True),
        ("channel", limits.channel_max_share, False),
        ("market", limits.market_min_share, True),
        ("market", limits.market_max_share, False),
    ):
        for key, share in table.items():
            name = channel_name(key) if field == "channel" else key.upper()
            spent = sum((a.amount for a in plan.allocations if getattr(a, field) == name), Decimal(0))
            bound = Decimal(str(share)) * budget
            if (lower and spent < bound - slack) or (not lower and spent > bound + slack):
                problems.append(f"{field} {name} got {spent}, limit {'≥' if lower else '≤'} {bound}")
    return problems


def _kpis_consistent(request: PlanRequest, plan: Plan) -> list[str]:
    k, budget = plan.kpis, request.budget.amount
    minor = Decimal(1).scaleb(-get_currency(request.budget.currency).minor_unit)
    checks: dict[str, tuple[Decimal, Decimal, Decimal]] = {
        "orders": (
            k.expected_conversions.mid,
            sum((a.expected_conversions for a in plan.allocations), Decimal(0)),
            Decimal(0),
        ),
        "revenue": (
            k.expected_revenue.mid,
            sum((a.expected_revenue for a in plan.allocations), Decimal(0)),
            Decimal(0),
        ),
        "impressions": (
            k.expected_impressions.mid,
            Decimal(sum(a.expected_impressions for a in plan.allocations)),
            Decimal(0),
        ),
        "reach": (
            Decimal(k.expected_reach),
            Decimal(sum(a.expected_reach for a in plan.allocations)),
            Decimal(0),
        ),
        "roas": (k.roas.mid, k.expected_revenue.mid / budget, Decimal("0.005")),
        "cpm": (k.cpm, budget * 1000 / max(k.expected_impressions.mid, Decimal(1)), minor / 2),
    }
    if k.cpa is not None:
        checks["cpa"] = (k.cpa.mid, budget / k.expected_conversions.mid, minor / 2)
    problems = [
        f"{name}: stated {stated}, allocation gives {derived:.4f}"
        for name, (stated, derived, tolerance) in checks.items()
        if abs(stated - derived) > tolerance
    ]
    for name in ("roas", "ctr", "expected_conversions", "expected_revenue", "expected_impressions"):
        r = getattr(k, name)
        if not r.low <= r.mid <= r.high:
            problems.append(f"{name} range is not ordered")
    return problems


def _phases_ok(request: PlanRequest, plan: Plan) -> list[str]:
    phases = plan.phases
    if not phases or phases[0].start != request.start or phases[-1].end != request.end:
        return ["phases do not cover the campaign"]
    gaps = [p.name for p, q in itertools.pairwise(phases) if q.start != p.end + timedelta(days=1)]
    problems = [f"gap or overlap after {name}" for name in gaps]
    if sum(p.share_of_budget for p in phases) != 1:
        problems.append("phase shares do not sum to 1")
    return problems


def score_plan(request: PlanRequest, plan: Plan | dict[str, Any]) -> dict[str, Any]:
    """All checks for one plan; a dict that is not a valid Plan fails every check."""
    if isinstance(plan, dict):
        try:
            plan = Plan.model_validate(plan)
        except ValidationError as error:
            zero = {name: 0.0 if name == "calendar_recall" else False for name in THRESHOLDS}
            return {**zero, "problems": [f"not a valid plan: {error.error_count()} errors"]}
    recall, missing = calendar_recall(request, plan)
    found = {
        name: check(request, plan)
        for name, check in (
            ("budget_exact", _budget_exact),
            ("constraints_ok", _constraints_ok),
            ("kpi_consistent", _kpis_consistent),
            ("phases_ok", _phases_ok),
        )
    }
    problems = [p for items in found.values() for p in items] + [f"missing {m}" for m in missing]
    return {
        **{name: not items for name, items in found.items()},
        "calendar_recall": recall,
        "problems": problems,
    }


def run(dataset: Path) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Plan and score every request; the rates per check."""
    rows = []
    for line in dataset.read_text("utf-8").splitlines():
        case = json.loads(line)
        request = parse_plan_request(case["request"])
        started = time.perf_counter()
        try:
            scores = score_plan(request, build_plan(request))
        except BadInput as error:
            scores = {
                **{n: 0.0 if n == "calendar_recall" else False for n in THRESHOLDS},
                "problems": [str(error)],
            }
        rows.append({"id": case["id"], "seconds": time.perf_counter() - started, **scores})
    rates = {name: sum(float(r[name]) for r in rows) / len(rows) for name in THRESHOLDS}
    return rows, rates


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 1 below thresholds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--out", type=Path, help="write per-request results and rates as JSON")
    args = parser.parse_args(argv)
    rows, rates = run(args.dataset)
    print(
        f"{'id':<10} {'budget':>6} {'constr':>6} {'kpi':>6} {'phases':>6} {'recall':>7} {'secs':>6}  problems"
    )
    for r in rows:
        print(
            f"{r['id']:<10} {r['budget_exact']!s:>6} {r['constraints_ok']!s:>6} {r['kpi_consistent']!s:>6} "
            f"{r['phases_ok']!s:>6} {r['calendar_recall']:>7.3f} {r['seconds']:>6.2f}  "
            f"{'; '.join(r['problems'][:2])}"
        )
    failed = [name for name, rate in rates.items() if rate < THRESHOLDS[name]]
    print(f"\n{len(rows)} plans")
    for name, rate in rates.items():
        print(
            f"{name:<16} {rate:.3f}  (threshold {THRESHOLDS[name]:.2f}){'  FAIL' if name in failed else ''}"
        )
    if args.out:
        args.out.write_text(
            json.dumps(
                {"dataset": str(args.dataset), "thresholds": THRESHOLDS, "rates": rates, "results": rows},
                indent=2,
                default=str,
            ),
            "utf-8",
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
