"""How each time expression resolves to dates (the patterns are in time_rules.py)."""

import re
from datetime import date

from tools.analytics.semantic.time_events import event_names, event_span
from tools.analytics.semantic.time_spans import (
    Span,
    calendar_period,
    last_passed,
    month_span,
    most_recent,
    quarter_span,
    rolling,
    year_from,
)
from tools.analytics.semantic.time_words import count_value, month_number, time_words, unit_of

Resolved = tuple[Span, bool] | None  # (dates, whether the text named the year); None: not a date after all

# English words before a bare year or an easily-misread month name that make it a date.
DATE_CONTEXT = {
    "in",
    "since",
    "during",
    "of",
    "from",
    "until",
    "till",
    "to",
    "through",
    "for",
    "between",
    "and",
    "throughout",
    "year",
    "fy",
    "last",
    "this",
    "before",
    "after",
}


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _previous_word(match: re.Match[str]) -> str:
    found = re.search(r"([A-Za-z]+)[^A-Za-z]*$", match.string[: match.start()])
    return found.group(1).lower() if found else ""


def _num(text: str | None) -> int | None:
    value = count_value(text or "")
    return int(value) if value is not None and value.is_integer() else None


def resolve_day(m: re.Match[str], today: date) -> Resolved:
    """A single day relative to today ("今天", "yesterday")."""
    days = {**time_words()["days"]["zh"], **time_words()["days"]["en"]}
    span = calendar_period("day", days[_key(m.group(0))], today)
    return span, False


def resolve_period(m: re.Match[str], today: date) -> Resolved:
    """A calendar period, the current one (to date) or one before it ("上个月", "本周")."""
    offsets = {**time_words()["period_offsets"]["zh"], **time_words()["period_offsets"]["en"]}
    offset = -2 if m.groupdict().get("before_last") else offsets[_key(m.group("off"))]
    unit = unit_of(m.group("unit")) or "day"
    return calendar_period(unit, offset, today), False


def resolve_rolling(m: re.Match[str], today: date) -> Resolved:
    """The units ending today ("最近7天", "past 3 months")."""
    count = count_value(m.groupdict().get("n") or "1")
    unit = unit_of(m.group("unit"))
    return (rolling(unit, count, today), False) if count and unit else None


def resolve_to_date(m: re.Match[str], today: date) -> Resolved:
    """The current period up to today ("YTD", "年初至今")."""
    words = {**time_words()["to_date"]["zh"], **time_words()["to_date"]["en"]}
    key = _key(m.group(0)).replace("-", " ")
    return calendar_period(words[key], 0, today), False


def _year_of(m: re.Match[str], today: date, *names: str) -> int | None:
    groups = m.groupdict()
    for name in names:
        year = year_from(groups.get(name), groups.get(name + "rel"), today)
        if year is not None:
            return year
    return None


def resolve_quarter(m: re.Match[str], today: date) -> Resolved:
    """A calendar quarter (the latest started one when no year) ("Q3 2025", "third quarter")."""
    groups = m.groupdict()
    ordinals: dict[str, int] = time_words()["en_ordinals"]
    quarter = _num(groups.get("q")) or ordinals.get(_key(groups.get("ord")), 0)
    if not 1 <= quarter <= 4:
        return None
    year = _year_of(m, today, "y", "y2")
    span = quarter_span(year, quarter) if year else most_recent(lambda y: quarter_span(y, quarter), today)
    return span, year is not None


def resolve_month(m: re.Match[str], today: date) -> Resolved:
    """A calendar month (the latest started one when no year) ("2024年11月", "in March")."""
    groups = m.groupdict()
    month = month_number(groups["mon"]) if groups.get("mon") else _num(groups.get("m"))
    year = _year_of(m, today, "y", "y2")
    needs_context = _key(groups.get("mon")) in time_words()["en_months_need_context"]
    if month is None or not 1 <= month <= 12:
        return None
    if needs_context and not (year or groups.get("rel") or _previous_word(m) in DATE_CONTEXT):
        return None
    if year:
        return month_span(year, month), True
    pick = last_passed if _key(groups.get("rel")) == "last" else most_recent
    return pick(lambda y: month_span(y, month), today), False


def resolve_month_day(m: re.Match[str], today: date) -> Resolved:
    """A single day ("11月1日", "March 5, 2024", "2025-10-01")."""
    groups = m.groupdict()
    month = month_number(groups["mon"]) if groups.get("mon") else _num(groups.get("m"))
    day, year = _num(groups.get("d")), _year_of(m, today, "y")
    if month is None or day is None:
        return None
    try:
        if year:
            found = date(year, month, day)
        else:
            found = date(today.year, month, day)
            found = found if found <= today else found.replace(year=today.year - 1)
    except ValueError:
        return None
    return (found, found), year is not None


def resolve_year(m: re.Match[str], today: date) -> Resolved:
    """A calendar year ("2024年", "去年", "this year")."""
    year = _year_of(m, today, "y")
    return (calendar_period("year", 0, date(year, 1, 1)), m.groupdict().get("y") is not None) if year else None


def resolve_year_en(m: re.Match[str], today: date) -> Resolved:
    """A bare English year counts only after a word such as 'in', 'since' or 'during'."""
    if m.groupdict().get("y") and _previous_word(m) not in DATE_CONTEXT:
        return None
    return resolve_year(m, today)


def _event(m: re.Match[str], today: date) -> Resolved:
    groups = m.groupdict()
    event = event_names()[_key(groups["name"])]
    on_the_day = _key(groups.get("suffix")) in time_words()["event_suffixes"]["on_the_day"]["zh"]
    year = _year_of(m, today, "y", "y2")
    return event_span(event, year, today, on_the_day), year is not None


def resolve_quarter_zh(m: re.Match[str], today: date) -> Resolved:
    """A calendar quarter ("今年第一季度", "Q1", "一季度")."""
    groups = m.groupdict()
    quarter = _num(groups.get("q") or groups.get("q2") or groups.get("q3"))
    if quarter is None:
        return None
    year = _year_of(m, today, "y")
    span = quarter_span(year, quarter) if year else most_recent(lambda y: quarter_span(y, quarter), today)
    return span, year is not None


def resolve_period_en(m: re.Match[str], today: date) -> Resolved:
    """A calendar period ("last month", "this week", "the week before last")."""
    unit = m.group("unit") or m.group("unit2")
    offsets: dict[str, int] = time_words()["period_offsets"]["en"]
    offset = -2 if m.group("before_last") else offsets[_key(m.group("off"))]
    return calendar_period(unit.lower(), offset, today), False


def resolve_event(m: re.Match[str], today: date) -> Resolved:
    """An event's dates (events.yaml) ("双十一期间", "Black Friday 2024", "last year's Prime Day")."""
    relative = m.groupdict().get("yrel_en")
    if relative:
        spec = event_names()[_key(m.group("name"))]
        year = today.year - (1 if relative.lower() == "last" else 0)
        suffix = _key(m.group("suffix")) in time_words()["event_suffixes"]["on_the_day"]["zh"]
        return event_span(spec, year, today, suffix), True
    return _event(m, today)
