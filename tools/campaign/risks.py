"""Risks and assumptions of a plan, as deterministic sentences."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from pydantic import BaseModel

from tools.calendar import CalendarEvent, calendar_data
from tools.campaign.money import usd_rate
from tools.campaign.reference import benchmarks, channels, currencies, planning, texts
from tools.campaign.schedule import action_rule
from tools.campaign.wording import channel_label
from tools.markets import get_market


class Exclusion(BaseModel):
    """A market × channel left out of the split: not sold there (`reason`) or below the platform minimum."""

    market: str
    channel: str
    reason: str = ""
    minimum: Decimal | None = None


def _grouped(events: list[CalendarEvent]) -> list[tuple[CalendarEvent, str]]:
    """Events that share name and dates, with their markets joined (first occurrence kept)."""
    groups: dict[tuple[str, date, date], list[CalendarEvent]] = defaultdict(list)
    for event in events:
        groups[(event.name, event.date, event.last_day)].append(event)
    return [(group[0], ", ".join(sorted(e.market for e in group))) for group in groups.values()]


def calendar_risks(events: list[CalendarEvent], markets: list[str], start: date) -> list[str]:
    """Risks that come from the events in range."""
    t = texts()
    sourcing = calendar_data().sourcing_market
    own = [e for e in events if e.market in markets]
    risks: list[str] = []
    for e, where in _grouped([e for e in own if e.kind != "holiday" and "moon sighting" in e.note]):
        risks.append(t["risk_moon"].format(name=e.name, markets=where, first=e.date, days=e.uncertainty_days))
    for e, where in _grouped([e for e in own if e.source.startswith("estimate")]):
        risks.append(
            t["risk_estimate"].format(
                name=e.name,
                markets=where,
                first=e.date,
                last=e.last_day,
                days=e.uncertainty_days,
                note=e.note,
            )
        )
    for e, where in _grouped([e for e in own if e.note_topic == "shipping_cutoff"]):
        risks.append(t["risk_cutoff"].format(name=e.name, first=e.date, markets=where))
    for e in events:
        if e.market == sourcing and e.note_topic == "chinese_new_year":
            lead = e.date - timedelta(days=action_rule(e).lead_days)
            risks.append(t["risk_sourcing"].format(name=e.name, first=e.date, last=e.last_day, lead=lead))
    for e, where in _grouped([e for e in own if action_rule(e).role == "peak"]):
        lead_days = action_rule(e).lead_days
        if (e.date - start).days < lead_days:
            risks.append(t["risk_no_warmup"].format(event=e.name, market=where, days=lead_days))
    return risks


def channel_risks(
    used: list[str],
    excluded: list[Exclusion],
    empty_markets: list[str],
    amazon_markets: list[str],
    start: date,
    days: int,
    currency: str,
) -> list[str]:
    """Risks that come from the channels: review delays, unavailable or dropped cells."""
    t = texts()
    risks = []
    for channel in used:
        review = channels().channels[channel].review_days
        risks.append(
            t["risk_review"].format(
                channel=channel_label(channel),
                days=review,
                deadline=start - timedelta(days=review),
                start=start,
            )
        )
    for item in excluded:
        names = {"channel": channel_label(item.channel), "market": get_market(item.market).name}
        if item.minimum is None:
            risks.append(t["risk_unavailable"].format(reason=item.reason, **names))
        else:
            risks.append(t["risk_pruned"].format(minimum=item.minimum, currency=currency, days=days, **names))
    risks.extend(t["risk_market_empty"].format(market=get_market(m).name) for m in empty_markets)
    if amazon_markets:
        risks.append(t["risk_amazon"].format(markets=", ".join(amazon_markets)))
    return risks


def assumptions(currency: str, days: int, goal: str, aov_text: str, history_cells: list[str]) -> list[str]:
    """What the numbers rest on."""
    t = texts()
    intensity = planning().phases["intensity"]
    items = [t["assumption_benchmarks"].format(as_of=benchmarks().as_of)]
    if history_cells:
        items.append(t["assumption_history"].format(cells=", ".join(history_cells)))
    if currency != "USD":
        items.append(
            t["assumption_fx"].format(
                rate=f"{usd_rate(currency):g}", currency=currency, as_of=currencies().as_of
            )
        )
    items += [
        aov_text,
        t["assumption_curve"].format(days=days),
        t["assumption_range"],
        t[f"assumption_goal_{goal}"].format(
            values=", ".join(f"{name} {c.reach_per_impression:g}" for name, c in channels().channels.items())
        ),
        t["assumption_phases"].format(
            warmup=intensity["warm-up"], peak=intensity["peak"], retargeting=intensity["retargeting"]
        ),
    ]
    return items
