"""The campaign window a chat turn asks for: explicit dates, a named event, a quarter, a month, or the default."""

import re
from datetime import date, timedelta

from pydantic import BaseModel

from agents.campaign.config import EventWords, config
from tools.calendar import CalendarEvent, events_between, supported_years

_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_ZH_MONTH = re.compile(r"(?<![\d.])(1[0-2]|[1-9])\s*月(?!\d)")
_ZH_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                "十一": 11, "十二": 12}
_ZH_MONTH_WORD = re.compile(r"(十[一二]|[一二三四五六七八九十])月")
_MAY = re.compile(r"\b(?:in|for|during|before|of) may\b|\bmay \d{4}\b")
_NEXT_DAYS = re.compile(r"(?:next|coming|未来|接下来的?)\s*(\d{1,3})\s*(days?|weeks?|天|周|个星期)", re.IGNORECASE)


class Window(BaseModel):
    start: date
    end: date
    label: str


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _upcoming(first: date, last: date, today: date, label: str) -> Window:
    """A period that has started is planned from today; one that is over moves to next year."""
    if last < today:
        first, last = first.replace(year=first.year + 1), _month_end(last.year + 1, last.month)
    return Window(start=max(first, today), end=last, label=label)


def _explicit(text: str) -> Window | None:
    found = []
    for match in _ISO_DATE.finditer(text):
        try:
            found.append(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            continue
    if len(found) >= 2:
        return Window(start=min(found[:2]), end=max(found[:2]), label="dates in the request")
    if found:
        days = config().dates.default_days
        return Window(start=found[0], end=found[0] + timedelta(days=days - 1), label="start date in the request")
    return None


def _matches(event: CalendarEvent, wanted: EventWords) -> bool:
    if wanted.topics:
        return event.note_topic in wanted.topics
    return wanted.name is not None and wanted.name in event.name.lower()


def _event(lowered: str, markets: list[str], today: date) -> Window | None:
    dates = config().dates
    for wanted in dates.events:
        if not any(word in lowered for word in wanted.words):
            continue
        last_year = supported_years()[-1]
        horizon = min(today + timedelta(days=400), date(last_year, 12, 31))
        events = [e for e in events_between(today, horizon, markets or ["US"]) if _matches(e, wanted)]
        if events:
            first = events[0]
            start = max(today, first.date - timedelta(days=dates.event_lead_days))
            return Window(start=start, end=first.last_day + timedelta(days=dates.event_tail_days), label=first.name)
    return None


def _quarter(lowered: str, today: date) -> Window | None:
    for key, words in config().dates.quarters.items():
        if any(re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![0-9])", lowered) for w in words):
            quarter = int(key[1])
            first = date(today.year, 3 * quarter - 2, 1)
            return _upcoming(first, _month_end(today.year, 3 * quarter), today, key.upper())
    return None


def _month_number(lowered: str) -> int | None:
    if match := _ZH_MONTH.search(lowered):
        return int(match[1])
    if match := _ZH_MONTH_WORD.search(lowered):
        return _ZH_NUMERALS[match[1]]
    for number, name in enumerate(config().dates.months_en, 1):
        # "may" is also a verb: only "in/for/during/before May" or "May 2027" count as the month
        pattern = _MAY if name == "may" else rf"\b(?:{name}|{name[:3]})\b"
        if re.search(pattern, lowered):
            return number
    return None


def _relative(lowered: str, today: date) -> Window | None:
    dates = config().dates
    if any(w in lowered for w in dates.next_month):
        month = today.month % 12 + 1
        year = today.year + (today.month == 12)
        return Window(start=date(year, month, 1), end=_month_end(year, month), label="next month")
    if any(w in lowered for w in dates.this_month):
        return Window(start=today, end=_month_end(today.year, today.month), label="this month")
    if any(w in lowered for w in dates.next_quarter):
        quarter = (today.month - 1) // 3 + 2
        year = today.year + (quarter > 4)
        quarter = (quarter - 1) % 4 + 1
        return Window(start=date(year, 3 * quarter - 2, 1), end=_month_end(year, 3 * quarter),
                      label=f"Q{quarter} {year}")
    if match := _NEXT_DAYS.search(lowered):
        days = int(match[1]) * (7 if match[2].lower().startswith(("week", "周", "个")) else 1)
        return Window(start=today, end=today + timedelta(days=max(days, 1) - 1), label=f"next {days} days")
    return None


def campaign_window(text: str, markets: list[str], today: date) -> Window:
    """The dates a request names, resolved forward from `today`; the next 30 days when it names none."""
    lowered = text.lower()
    found = _explicit(text) or _event(lowered, markets, today) or _quarter(lowered, today)
    if found is None and (month := _month_number(lowered)) is not None:
        found = _upcoming(date(today.year, month, 1), _month_end(today.year, month), today, f"month {month}")
    found = found or _relative(lowered, today)
    if found is None:
        days = config().dates.default_days
        found = Window(start=today, end=today + timedelta(days=days - 1), label=f"next {days} days")
    return found
