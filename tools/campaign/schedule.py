"""The plan's calendar (one action per event) and its phases (warm-up, peak, retargeting)."""

from datetime import date, timedelta
from decimal import Decimal

from pydantic import BaseModel

from tools.calendar import CalendarEvent
from tools.campaign.models import CalendarEntry, Phase, PhaseName
from tools.campaign.money import largest_remainder, split_units
from tools.campaign.reference import ActionRule, planning

SHARE_PLACES = 4


def action_rule(event: CalendarEvent) -> ActionRule:
    """What to do for an event: by its topic, else by its kind."""
    rules = planning()
    return rules.actions.get(event.note_topic) or rules.by_kind[event.kind]


def calendar_entry(event: CalendarEvent) -> CalendarEntry:
    """The event with its deterministic action text."""
    rule = action_rule(event)
    first, last = event.date.isoformat(), event.last_day.isoformat()
    action = rule.text.format(
        name=event.name,
        first=first,
        last=last,
        when=f"on {first}" if first == last else f"{first} to {last}",
        lead_date=(event.date - timedelta(days=rule.lead_days)).isoformat(),
        lead_days=rule.lead_days,
    )
    if event.uncertainty_days:
        action += f" (date ±{event.uncertainty_days} day{'s' if event.uncertainty_days > 1 else ''})"
    return CalendarEntry(
        date=event.date,
        end_date=event.end_date,
        market=event.market,
        event=event.name,
        kind=event.kind,
        action=action,
        uncertainty_days=event.uncertainty_days,
        source=event.source,
    )


class _Window(BaseModel):
    start: date
    end: date
    markets: list[str]
    events: list[str]


def peak_windows(events: list[CalendarEvent], start: date, end: date, markets: list[str]) -> list[_Window]:
    """Date windows around the markets' peak events inside the campaign, merged when close together."""
    config = planning().phases
    windows = [
        _Window(
            start=max(start, e.date - timedelta(days=config["peak_days_before"])),
            end=min(end, e.last_day + timedelta(days=config["peak_days_after"])),
            markets=[e.market],
            events=[e.name],
        )
        for e in events
        if action_rule(e).role == "peak" and e.market in markets
    ]
    merged: list[_Window] = []
    for window in sorted(windows, key=lambda w: (w.start, w.end)):
        last = merged[-1] if merged else None
        if last is not None and (window.start - last.end).days <= config["merge_gap_days"]:
            last.end = max(last.end, window.end)
            last.markets = sorted(set(last.markets) | set(window.markets))
            last.events = list(dict.fromkeys(last.events + window.events))
        else:
            merged.append(window)
    return merged


def _segments(
    start: date, end: date, markets: list[str], peaks: list[_Window]
) -> list[tuple[PhaseName, _Window]]:
    """Phases tiling [start, end]: warm-up before each peak, retargeting after, gaps split between them."""
    if not peaks:
        return _no_event_segments(start, end, markets)
    segments: list[tuple[PhaseName, _Window]] = []
    cursor, previous = start, None
    for peak in peaks:
        if peak.start > cursor:
            gap_end = peak.start - timedelta(days=1)
            if previous is not None:
                half = cursor + timedelta(days=((gap_end - cursor).days + 1) // 2 - 1)
                if half >= cursor:
                    segments.append(
                        (
                            "retargeting",
                            _Window(start=cursor, end=half, markets=previous.markets, events=previous.events),
                        )
                    )
                    cursor = half + timedelta(days=1)
            segments.append(
                ("warm-up", _Window(start=cursor, end=gap_end, markets=peak.markets, events=peak.events))
            )
        segments.append(("peak", peak))
        cursor, previous = peak.end + timedelta(days=1), peak
    if previous is not None and cursor <= end:
        segments.append(
            ("retargeting", _Window(start=cursor, end=end, markets=previous.markets, events=previous.events))
        )
    return segments


def _no_event_segments(start: date, end: date, markets: list[str]) -> list[tuple[PhaseName, _Window]]:
    split = planning().phases["no_event_split"]
    names: list[PhaseName] = ["warm-up", "peak", "retargeting"]
    days = split_units((end - start).days + 1, [float(split[n]) for n in names])
    segments: list[tuple[PhaseName, _Window]] = []
    cursor = start
    for name, length in zip(names, days, strict=True):
        if length > 0:
            last = cursor + timedelta(days=length - 1)
            segments.append((name, _Window(start=cursor, end=last, markets=markets, events=[])))
            cursor = last + timedelta(days=1)
    return segments


def build_phases(
    events: list[CalendarEvent], start: date, end: date, markets: list[str], budget: Decimal, currency: str
) -> list[Phase]:
    """Phases aligned with the peak events in range; budget shares follow days × phase intensity."""
    segments = _segments(start, end, markets, peak_windows(events, start, end, markets))
    intensity = planning().phases["intensity"]
    weights = [((w.end - w.start).days + 1) * float(intensity[name]) for name, w in segments]
    shares = split_units(10**SHARE_PLACES, weights)
    amounts = largest_remainder(budget, weights, currency)
    return [
        Phase(
            name=name,
            start=w.start,
            end=w.end,
            markets=w.markets,
            share_of_budget=Decimal(share).scaleb(-SHARE_PLACES),
            amount=amount,
            events=w.events,
        )
        for (name, w), share, amount in zip(segments, shares, amounts, strict=True)
    ]
