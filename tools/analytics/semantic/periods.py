"""Calendar arithmetic and the previous period a range is compared with."""

import calendar
from datetime import date, timedelta

from pydantic import BaseModel

from tools.analytics.semantic.spec import CompareTo, TimeRange


class PeriodShift(BaseModel):
    """How far the compared period lies before the current one: whole months, or days."""

    months: int = 0
    days: int = 0


def month_end(day: date) -> date:
    """The last day of the day's month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def week_start(day: date) -> date:
    """The Monday of the day's ISO week."""
    return day - timedelta(days=day.weekday())


def quarter_start(day: date) -> date:
    """The first day of the day's calendar quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def months_spanned(start: date, end: date) -> int:
    """How many calendar months a range touches (1 for a range inside one month)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def previous_range(current: TimeRange, compare_to: CompareTo) -> tuple[TimeRange, PeriodShift]:
    """The period to compare with, and the shift that maps its dates onto the current range.

    previous_year: the same dates one year earlier (29 February becomes 28 February).
    previous_period: a range starting on the 1st of a month is shifted by the number of months it
    touches (March -> February, Q3 -> Q2, 1-15 Dec -> 1-15 Nov; a range ending on a month's
    last day ends on the last day of the earlier month); a range starting on a Monday and shorter
    than a week is shifted by a week (week to date -> the same weekdays a week earlier); any
    other range by its own length in days (last 30 days -> the 30 days before).
    """
    if compare_to == "previous_year":
        return _shift_months(current, 12), PeriodShift(months=12)
    if current.start.day == 1:
        months = months_spanned(current.start, current.end)
        return _shift_months(current, months), PeriodShift(months=months)
    days = 7 if current.start.weekday() == 0 and current.days < 7 else current.days
    shifted = TimeRange(start=current.start - timedelta(days=days), end=current.end - timedelta(days=days))
    return shifted, PeriodShift(days=days)


def _shift_months(current: TimeRange, months: int) -> TimeRange:
    start = add_months(current.start, -months)
    end = add_months(current.end, -months)
    if current.end == month_end(current.end):
        end = month_end(end)
    return TimeRange(start=start, end=end)
