"""Date ranges of commerce events (11.11, Black Friday week, Prime Day, Ramadan) from events.yaml."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hijridate import Gregorian, Hijri

from tools.analytics.semantic.time_words import event_catalog

Span = tuple[date, date]


class EventUnknown(Exception):
    """The event's dates for the year asked are not known (e.g. Prime Day not yet announced)."""


def event_names() -> dict[str, str]:
    """Lower-cased event name (zh and en) -> event id."""
    names: dict[str, str] = {}
    for event, spec in event_catalog().items():
        for lang in ("zh", "en"):
            for name in spec["names"].get(lang, []):
                names[str(name).lower()] = str(event)
    return names


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + timedelta(weeks=3)


def _fixed_window(spec: dict[str, Any], year: int, on_the_day: bool) -> Span:
    if on_the_day and "on_the_day" in spec:
        day = date(year, spec["on_the_day"]["month"], spec["on_the_day"]["day"])
        return day, day
    window = spec["window"]
    return date(year, window["month"], window["start_day"]), date(year, window["month"], window["end_day"])


def _thanksgiving_window(spec: dict[str, Any], year: int, on_the_day: bool) -> Span:
    black_friday = _thanksgiving(year) + timedelta(days=1)
    offsets = spec["on_the_day"] if on_the_day and "on_the_day" in spec else spec["offset_days"]
    return black_friday + timedelta(days=offsets["start"]), black_friday + timedelta(days=offsets["end"])


def _dated(spec: dict[str, Any], year: int, on_the_day: bool) -> Span:
    dates = spec["dates"].get(year)
    if dates is None:
        raise EventUnknown(f"the {year} dates are not known yet (known years: {', '.join(map(str, spec['dates']))})")
    return dates[0], dates[1]


def _hijri_month(month: int, hijri_year: int) -> Span:
    start = Hijri(hijri_year, month, 1).to_gregorian()
    following = Hijri(hijri_year + month // 12, month % 12 + 1, 1).to_gregorian()
    return date(start.year, start.month, start.day), date(following.year, following.month, following.day) - timedelta(1)


def _hijri_in_year(spec: dict[str, Any], year: int, on_the_day: bool) -> Span:
    """The occurrence of the Hijri month that starts in Gregorian `year`."""
    first = Gregorian(year, 1, 1).to_hijri().year
    for hijri_year in (first, first + 1):
        span = _hijri_month(spec["month"], hijri_year)
        if span[0].year == year:
            return span
    raise EventUnknown(f"no occurrence starts in {year}")


def _hijri_latest(spec: dict[str, Any], today: date) -> Span:
    now = Gregorian(today.year, today.month, today.day).to_hijri()
    hijri_year = now.year if now.month >= spec["month"] else now.year - 1
    return _hijri_month(spec["month"], hijri_year)


RULES: dict[str, Callable[[dict[str, Any], int, bool], Span]] = {
    "fixed_window": _fixed_window,
    "thanksgiving": _thanksgiving_window,
    "dated": _dated,
    "hijri_month": _hijri_in_year,
}


def event_span(event: str, year: int | None, today: date, on_the_day: bool = False) -> Span:
    """The event's dates in `year`, or its most recent occurrence that has started by `today`.

    EventUnknown when the dates cannot be worked out (a year missing from a dated event, a date
    outside the Hijri calendar's table).
    """
    spec = event_catalog()[event]
    rule = RULES[spec["rule"]]
    try:
        if year is not None:
            return rule(spec, year, on_the_day)
        if spec["rule"] == "hijri_month":
            return _hijri_latest(spec, today)
        try:
            span = rule(spec, today.year, on_the_day)
            if span[0] <= today:
                return span
        except EventUnknown:
            pass
        return rule(spec, today.year - 1, on_the_day)
    except (ValueError, OverflowError) as error:
        raise EventUnknown(str(error)) from None
