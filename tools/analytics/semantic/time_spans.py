"""Calendar spans that time expressions name: periods, rolling windows, quarters, months, years."""

from collections.abc import Callable
from datetime import date, timedelta

from tools.analytics.semantic.periods import add_months, month_end, quarter_start, week_start
from tools.analytics.semantic.time_words import time_words

Span = tuple[date, date]
MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}
DAYS_IN = {"day": 1, "week": 7}


def calendar_period(unit: str, offset: int, today: date) -> Span:
    """The week/month/quarter/year containing today, moved by `offset` whole units (0 = current)."""
    if unit == "day":
        day = today + timedelta(days=offset)
        return day, day
    if unit == "week":
        start = week_start(today) + timedelta(weeks=offset)
        return start, start + timedelta(days=6)
    if unit == "month":
        start = add_months(today.replace(day=1), offset)
        return start, month_end(start)
    if unit == "quarter":
        start = add_months(quarter_start(today), 3 * offset)
        return start, month_end(add_months(start, 2))
    start = date(today.year + offset, 1, 1)
    return start, date(start.year, 12, 31)


def rolling(unit: str, count: float, today: date) -> Span:
    """The `count` units ending today, today included (last 7 days = today and the 6 before)."""
    if unit in MONTHS_IN:
        months = count * MONTHS_IN[unit]
        if months.is_integer():
            return add_months(today, -int(months)) + timedelta(days=1), today
        return today - timedelta(days=round(months * 30) - 1), today
    days = max(1, round(count * DAYS_IN[unit]))
    return today - timedelta(days=days - 1), today


def quarter_span(year: int, quarter: int) -> Span:
    """The dates of a calendar quarter."""
    start = date(year, 3 * (quarter - 1) + 1, 1)
    return start, month_end(add_months(start, 2))


def month_span(year: int, month: int) -> Span:
    """The dates of a calendar month."""
    start = date(year, month, 1)
    return start, month_end(start)


def most_recent(span_in: Callable[[int], Span], today: date) -> Span:
    """This year's span if it has started by today, else last year's."""
    span = span_in(today.year)
    return span if span[0] <= today else span_in(today.year - 1)


def last_passed(span_in: Callable[[int], Span], today: date) -> Span:
    """This year's span if it has ended before today, else last year's ("last March")."""
    span = span_in(today.year)
    return span if span[1] < today else span_in(today.year - 1)


def year_from(digits: str | None, relative: str | None, today: date) -> int | None:
    """The year a qualifier names: '2024', '今年', 'last year' (None when there is none)."""
    if digits:
        return int(digits)
    if relative:
        key = " ".join(relative.lower().split())
        for lang in ("zh", "en"):
            offsets: dict[str, int] = time_words()["year_offsets"][lang]
            if key in offsets:
                return today.year + offsets[key]
        if key.startswith(("this", "last")):
            return today.year - (1 if key.startswith("last") else 0)
    return None
