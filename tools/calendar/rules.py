"""Date arithmetic for the event rules: each rule gives its (first day, last day) spans in a year."""

import calendar as std_calendar
from datetime import date, timedelta

from dateutil.easter import easter
from hijridate import Gregorian, Hijri

from tools.calendar.models import (
    ComputedRule,
    EasterRule,
    FixedRule,
    FrenchMothersDayRule,
    HijriRule,
    LunarNewYearRule,
    MonthlyRule,
    NthWeekdayRule,
)

Span = tuple[date, date]
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def span(start: date, duration_days: int) -> Span:
    """The span that starts on `start` and lasts `duration_days` days (first day included)."""
    return start, start + timedelta(days=duration_days - 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 = Monday) of a month; n = -1 is the last one."""
    if n == -1:
        last = date(year, month, std_calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def us_thanksgiving(year: int) -> date:
    """The fourth Thursday of November."""
    return nth_weekday(year, 11, WEEKDAYS["thu"], 4)


def french_mothers_day(year: int) -> date:
    """Last Sunday of May, moved to the first Sunday of June when it falls on Pentecost."""
    candidate = nth_weekday(year, 5, WEEKDAYS["sun"], -1)
    pentecost = easter(year) + timedelta(days=49)
    return candidate + timedelta(days=7) if candidate == pentecost else candidate


def hijri_to_date(hijri_year: int, month: int, day: int) -> date:
    """The Gregorian date of an Umm al-Qura Hijri date."""
    return date(*Hijri(hijri_year, month, day).to_gregorian().datetuple())


def hijri_spans(rule: HijriRule, year: int) -> list[Span]:
    """Spans of a Hijri-dated event that start in a Gregorian year (a Hijri year is ~11 days shorter)."""
    first = Gregorian(year, 1, 1).to_hijri().year
    last = Gregorian(year, 12, 31).to_hijri().year
    spans: list[Span] = []
    for hijri_year in range(first, last + 1):
        start = hijri_to_date(hijri_year, rule.month, rule.day)
        if start.year != year:
            continue
        if rule.end_before is None:
            spans.append(span(start, rule.duration_days))
            continue
        end_year = hijri_year + (1 if rule.end_before.month < rule.month else 0)
        end = hijri_to_date(end_year, rule.end_before.month, rule.end_before.day) - timedelta(days=1)
        spans.append((start, end))
    return spans


def monthly_spans(rule: MonthlyRule, year: int) -> list[Span]:
    """One span per month, from `day_from` to the month's last day."""
    return [
        (date(year, month, rule.day_from), date(year, month, std_calendar.monthrange(year, month)[1]))
        for month in range(1, 13)
    ]


def rule_spans(rule: ComputedRule, year: int, lunar_new_year: dict[int, date]) -> list[Span]:
    """Spans of a computed rule that start in `year`."""
    if isinstance(rule, FixedRule):
        return [span(date(year, rule.month, rule.day), rule.duration_days)]
    if isinstance(rule, NthWeekdayRule):
        anchor = nth_weekday(year, rule.month, WEEKDAYS[rule.weekday], rule.n)
        return [span(anchor + timedelta(days=rule.offset), rule.duration_days)]
    if isinstance(rule, EasterRule):
        return [span(easter(year) + timedelta(days=rule.offset), rule.duration_days)]
    if isinstance(rule, FrenchMothersDayRule):
        return [span(french_mothers_day(year), rule.duration_days)]
    if isinstance(rule, HijriRule):
        return hijri_spans(rule, year)
    if isinstance(rule, LunarNewYearRule):
        new_year = lunar_new_year.get(year)
        return [] if new_year is None else [span(new_year + timedelta(days=rule.offset), rule.duration_days)]
    return monthly_spans(rule, year)
