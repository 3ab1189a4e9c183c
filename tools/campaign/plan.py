"""build_plan: a campaign plan from a request (and the seller's ad history when there is one)."""

from typing import Any

from pydantic import ValidationError

from tools.calendar import events_between
from tools.campaign.curves import CellEconomics, benchmark_economics
from tools.campaign.history import AdHistoryRow, fit_curves, history_economics
from tools.campaign.kpis import CellResult, cell_result, derive_kpis, rounded_conversions, rounded_revenue
from tools.campaign.models import Constraints, Plan, PlanAllocation, PlanRequest
from tools.campaign.money import check_budget, quantize, usd_rate
from tools.campaign.optimiser import Allocation, Cell, allocate
from tools.campaign.reference import (
    benchmark,
    benchmarks,
    channel_name,
    channels,
    currencies,
    market_weights,
    order_values,
    planning,
    texts,
    unavailable_reason,
)
from tools.campaign.risks import Exclusion, assumptions, calendar_risks, channel_risks
from tools.campaign.schedule import build_phases, calendar_entry
from tools.campaign.wording import channel_label, fmt, rationale, summary
from tools.errors import BadInput
from tools.markets import get_market

Key = tuple[str, str]


def parse_plan_request(data: Any) -> PlanRequest:
    """A PlanRequest from JSON-like data; BadInput says which field is wrong."""
    try:
        return PlanRequest.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'request'}: {e['msg']}" for e in error.errors()
        )
        raise BadInput(f"invalid plan request: {problems}") from error


def _check_request(request: PlanRequest) -> tuple[list[str], list[str], str, int]:
    """Markets, channels, currency and campaign days, validated."""
    markets = list(dict.fromkeys(get_market(m).code for m in request.markets))
    if not markets:
        raise BadInput("at least one market is required")
    currency = request.budget.currency.strip().upper()
    check_budget(request.budget.amount, currency)
    if request.end < request.start:
        raise BadInput(f"end date {request.end} is before start date {request.start}")
    days = (request.end - request.start).days + 1
    if days > planning().max_days:
        raise BadInput(f"a plan covers at most {planning().max_days} days; got {days}")
    names = request.channels if request.channels is not None else list(channels().channels)
    chosen = list(dict.fromkeys(channel_name(c) for c in names))
    if not chosen:
        raise BadInput("at least one channel is required")
    if request.product.price is not None and request.product.price <= 0:
        raise BadInput(f"product price must be positive; got {request.product.price}")
    return markets, chosen, currency, days


def _order_value(request: PlanRequest, economics: CellEconomics, currency: str) -> float:
    """Order value in the budget currency: product price, else own history, else category benchmark."""
    if request.product.price is not None:
        return float(request.product.price)
    if economics.aov is not None:
        return economics.aov
    values = order_values()
    category = request.product.category.strip().lower()
    usd = values.categories.get(category, values.categories[values.default_category])
    return usd * values.region_price_factor[get_market(economics.market).region] * usd_rate(currency)


def _constraints(request: PlanRequest, live: list[Key]) -> Constraints:
    """The request's constraints (names canonicalised) plus the default limits from planning.yaml."""
    given = request.constraints or Constraints()
    defaults = planning().default_constraints
    result = Constraints(
        channel_min_share={channel_name(k): v for k, v in given.channel_min_share.items()},
        channel_max_share={channel_name(k): v for k, v in given.channel_max_share.items()},
        market_min_share={get_market(k).code: v for k, v in given.market_min_share.items()},
        market_max_share={get_market(k).code: v for k, v in given.market_max_share.items()},
    )
    live_channels = list(dict.fromkeys(c for _, c in live))
    live_markets = list(dict.fromkeys(m for m, _ in live))
    # Defaults only fill in what the request leaves open, and never so tightly that the request's own
    # limits become impossible: the cap rises to cover what the capped channels leave over.
    free = [
        c for c in live_channels if c not in result.channel_min_share and c not in result.channel_max_share
    ]
    if len(live_channels) >= 2 and free:
        capped = sum(result.channel_max_share.get(c, 1.0) for c in live_channels if c not in free)
        cap = max(defaults["channel_max_share"], (1.0 - capped) / len(free))
        result.channel_max_share.update({c: min(cap, 1.0) for c in free})
    open_markets = [m for m in live_markets if m not in result.market_min_share]
    if open_markets:
        reserved = sum(result.market_min_share.get(m, 0.0) for m in live_markets)
        floor = min(
            defaults["market_floor_of_equal"] / len(live_markets),
            max(0.0, 1.0 - reserved) / len(open_markets),
        )
        for market in open_markets:
            result.market_min_share[market] = min(floor, result.market_max_share.get(market, 1.0))
    return result


def _droppable(small: list[Allocation], cells: list[Cell], constraints: Constraints) -> list[Key]:
    """Cells below the platform minimum whose removal leaves every constrained group a cell."""
    drop: list[Key] = []
    remaining = [(c.market, c.channel) for c in cells]
    for a in small:
        left = [k for k in remaining if k != (a.market, a.channel)]
        keeps_channel = a.channel not in constraints.channel_min_share or any(c == a.channel for _, c in left)
        keeps_market = a.market not in constraints.market_min_share or any(m == a.market for m, _ in left)
        if keeps_channel and keeps_market:
            drop.append((a.market, a.channel))
            remaining = left
    return drop


def _allocate(
    request: PlanRequest, currency: str, cells: list[Cell], minimum: dict[Key, float]
) -> tuple[list[Allocation], list[Key]]:
    """Allocate, then drop cells below their platform minimum and allocate again while that stays feasible."""
    budget = request.budget.amount
    constraints = _constraints(request, [(c.market, c.channel) for c in cells])
    allocations = allocate(budget, currency, cells, constraints)
    pruned: list[Key] = []
    while True:
        small = [a for a in allocations if 0 < a.amount < minimum[(a.market, a.channel)]]
        drop = _droppable(small, cells, constraints)
        if not drop:
            return [a for a in allocations if a.amount > 0], pruned
        remaining = [c for c in cells if (c.market, c.channel) not in drop]
        narrower = _constraints(request, [(c.market, c.channel) for c in remaining])
        try:
            allocations = allocate(budget, currency, remaining, narrower)
        except BadInput:  # the request's own limits need the small cells: keep them
            return [a for a in allocations if a.amount > 0], pruned
        cells, constraints, pruned = remaining, narrower, pruned + drop


def _cell_economics(
    markets: list[str], chosen: list[str], currency: str, days: int, history: list[AdHistoryRow] | None
) -> tuple[dict[Key, CellEconomics], list[Exclusion]]:
    fits = fit_curves(history or [])
    economics: dict[Key, CellEconomics] = {}
    unavailable: list[Exclusion] = []
    for market in markets:
        for channel in chosen:
            reason = unavailable_reason(channel, market)
            if reason is not None:
                unavailable.append(Exclusion(market=market, channel=channel, reason=reason))
            elif (market, channel) in fits:
                economics[(market, channel)] = history_economics(fits[(market, channel)], currency, days)
            else:
                economics[(market, channel)] = benchmark_economics(market, channel, currency, days)
    if not economics:
        raise BadInput(f"none of the channels {', '.join(chosen)} can be bought in {', '.join(markets)}")
    return economics, unavailable


def _aov_text(request: PlanRequest, results_aov: list[tuple[float, float]], currency: str) -> str:
    """The order-value assumption, with the spend-weighted value the plan uses."""
    if request.product.price is not None:
        return texts()["assumption_aov_price"].format(aov=fmt(request.product.price), currency=currency)
    spend = sum(s for s, _ in results_aov) or 1.0
    average = quantize(sum(s * v for s, v in results_aov) / spend, currency)
    return texts()["assumption_aov_category"].format(
        category=request.product.category, aov=fmt(average), currency=currency
    )


def _sources(economics: list[CellEconomics], unavailable: list[Exclusion], used: list[str]) -> list[str]:
    """Public sources behind the plan's numbers, in a stable order."""
    found = []
    for e in economics:
        label = channel_label(e.channel)
        found.append(f"{label} benchmarks: {benchmarks().platforms[e.channel]['north_america'].source}")
        region = get_market(e.market).region
        if region != "north_america":
            found.append(f"{label} benchmarks in {region}: {benchmark(e.channel, e.market).source}")
    found += [f"{channel_label(c)} review times: {channels().channels[c].review_source}" for c in used]
    found += [f"Currencies: {currencies().source}", f"Order values: {order_values().source}"]
    markets = {e.market for e in economics}
    found += [f"Market size {m}: {s.source}" for m, s in market_weights().markets.items() if m in markets]
    if unavailable:
        found.append(f"Channel availability: {channels().unavailable_source}")
    return list(dict.fromkeys(found))


def _plan_allocations(
    allocations: list[Allocation], results: list[CellResult], currency: str, goal: str
) -> list[PlanAllocation]:
    """Allocations with their expected results and rationale."""
    return [
        PlanAllocation(
            market=a.market,
            channel=a.channel,
            amount=a.amount,
            share=a.share,
            expected_impressions=round(r.impressions),
            expected_reach=round(r.reach),
            expected_clicks=round(r.clicks),
            expected_conversions=rounded_conversions(r.conversions),
            expected_revenue=rounded_revenue(r, currency),
            rationale=rationale(r, a.share, currency, goal),
        )
        for a, r in zip(allocations, results, strict=True)
    ]


def _channel_risks(
    request: PlanRequest,
    markets: list[str],
    allocations: list[Allocation],
    used: list[str],
    excluded: list[Exclusion],
    currency: str,
) -> list[str]:
    """Review delays, unbuyable or dropped cells, markets left without budget, Amazon listing."""
    funded = {a.market for a in allocations}
    on_amazon = [m for m in markets if any(a.market == m and a.channel == "amazon_ads" for a in allocations)]
    days = (request.end - request.start).days + 1
    return channel_risks(
        used, excluded, [m for m in markets if m not in funded], on_amazon, request.start, days, currency
    )


def build_plan(request: PlanRequest, history: list[AdHistoryRow] | None = None) -> Plan:
    """A deterministic campaign plan: split, calendar, phases, KPIs, risks and assumptions."""
    markets, chosen, currency, days = _check_request(request)
    budget = request.budget.amount
    economics, unavailable = _cell_economics(markets, chosen, currency, days, history)
    live = list(economics)
    goal_curve = "conversions" if request.goal == "sales" else "reach"
    cells = [Cell(market=m, channel=c, curve=getattr(economics[(m, c)], goal_curve)) for m, c in live]
    minimum = {k: channels().channels[k[1]].min_daily_usd * days * usd_rate(currency) for k in live}
    allocations, pruned = _allocate(request, currency, cells, minimum)
    results = [
        cell_result(
            a.amount,
            economics[(a.market, a.channel)],
            _order_value(request, economics[(a.market, a.channel)], currency),
        )
        for a in allocations
    ]
    plan_allocations = _plan_allocations(allocations, results, currency, request.goal)
    kpis = derive_kpis(results, budget, currency)
    events = events_between(request.start, request.end, markets)
    phases = build_phases(events, request.start, request.end, markets, budget, currency)
    used = list(dict.fromkeys(c for c in chosen if any(a.channel == c for a in allocations)))
    excluded = unavailable + [
        Exclusion(market=m, channel=c, minimum=quantize(minimum[(m, c)], currency)) for m, c in pruned
    ]
    risks = calendar_risks(events, markets, request.start) + _channel_risks(
        request, markets, allocations, used, excluded, currency
    )
    history_cells = [f"{m} {c}" for (m, c), e in economics.items() if e.source == "history"]
    aov_text = _aov_text(request, [(float(r.amount), r.aov) for r in results], currency)
    top = max(allocations, key=lambda a: a.amount)
    return Plan(
        product=request.product.name,
        markets=markets,
        budget=request.budget.model_copy(update={"currency": currency}),
        start=request.start,
        end=request.end,
        goal=request.goal,
        allocations=plan_allocations,
        calendar=[calendar_entry(e) for e in events],
        phases=phases,
        kpis=kpis,
        assumptions=assumptions(currency, days, request.goal, aov_text, history_cells),
        risks=risks,
        sources=_sources([economics[(a.market, a.channel)] for a in allocations], unavailable, used),
        summary=summary(
            request, markets, (top.market, top.channel, top.amount, top.share), kpis, phases, len(events)
        ),
    )
