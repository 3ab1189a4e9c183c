"""The marketing calendar: public holidays plus the commerce, cultural and logistics events in data."""

from datetime import date
from functools import cache
from importlib import resources

import yaml

from tools.calendar.models import CalendarData, CalendarEvent, DatedRule, EventSpec
from tools.calendar.public import public_holidays
from tools.calendar.rules import Span, rule_spans
from tools.errors import BadInput
from tools.markets import get_market

KIND_ORDER = {"holiday": 0, "commerce": 1, "cultural": 2, "logistics": 3}


@cache
def calendar_data() -> CalendarData:
    """The parsed events.yaml."""
    text = resources.files("tools.calendar.data").joinpath("events.yaml").read_text("utf-8")
    return CalendarData.model_validate(yaml.safe_load(text))


def supported_years() -> range:
    """Years the calendar can answer for (bounded by the lunar new year table, with a year of margin)."""
    years = sorted(calendar_data().lunar_new_year.dates)
    return range(years[0] + 1, years[-1])


def _overlaps(first: date, last: date, start: date, end: date) -> bool:
    return first <= end and last >= start


def _event(spec: EventSpec, market: str, span: Span, **overrides: object) -> CalendarEvent:
    fields: dict[str, object] = {
        "date": span[0],
        "end_date": span[1] if span[1] != span[0] else None,
        "market": market,
        "name": spec.name,
        "kind": spec.kind,
        "uncertainty_days": spec.uncertainty_days,
        "source": spec.source,
        "note_topic": spec.note_topic,
        "note": spec.note,
    }
    fields.update(overrides)
    return CalendarEvent.model_validate(fields)


def _dated_events(spec: EventSpec, rule: DatedRule, market: str, year: int) -> list[CalendarEvent]:
    known = [o for o in rule.occurrences if o.start.year == year]
    if known:
        return [_event(spec, market, (o.start, o.end), source=o.source) for o in known]
    table = calendar_data().lunar_new_year.dates
    return [
        _event(
            spec,
            market,
            s,
            uncertainty_days=rule.estimate.uncertainty_days,
            note=rule.estimate.note,
            source=f"estimate: {spec.source}",
        )
        for s in rule_spans(rule.estimate.rule, year, table)
    ]


def spec_events(spec: EventSpec, market: str, years: range) -> list[CalendarEvent]:
    """Occurrences of one data event in one market for the given years."""
    table = calendar_data().lunar_new_year.dates
    events: list[CalendarEvent] = []
    for year in years:
        if isinstance(spec.rule, DatedRule):
            events.extend(_dated_events(spec, spec.rule, market, year))
        else:
            events.extend(_event(spec, market, s) for s in rule_spans(spec.rule, year, table))
    return events


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise BadInput(f"end date {end} is before start date {start}")
    years = supported_years()
    if start.year not in years or end.year not in years:
        raise BadInput(f"the calendar covers {years[0]}–{years[-1]}; got {start}..{end}")


def events_between(start: date, end: date, markets: list[str], sourcing: bool = True) -> list[CalendarEvent]:
    """Events overlapping [start, end] in the markets, plus China sourcing events when `sourcing`.

    Ordered by date, market, kind and name, so equal input gives equal output.
    """
    _check_range(start, end)
    codes = sorted({get_market(m).code for m in markets})
    data = calendar_data()
    wanted = set(codes) | ({data.sourcing_market} if sourcing else set())
    years = range(start.year - 1, end.year + 1)
    events = [e for code in codes for e in public_holidays(code, years, data.lunar_holiday_keywords)]
    for spec in data.events:
        for market in sorted(wanted & set(spec.markets)):
            events.extend(spec_events(spec, market, years))
    in_range = dict.fromkeys(e for e in events if _overlaps(e.date, e.last_day, start, end))
    return sorted(
        in_range, key=lambda e: (e.date, e.market, KIND_ORDER[e.kind], e.name, e.last_day, e.source)
    )
