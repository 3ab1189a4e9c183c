"""Finding time expressions in a question and resolving them to inclusive date ranges."""

import re
from datetime import date, datetime
from typing import Literal, NamedTuple

from pydantic import BaseModel

from tools.analytics.semantic.spec import TimeRange
from tools.analytics.semantic.time_events import EventUnknown
from tools.analytics.semantic.time_rules import time_rules
from tools.analytics.semantic.time_spans import Span
from tools.analytics.semantic.time_words import ZH_NUMERAL, alternation, count_value, time_words

Lang = Literal["zh", "en"]


class TimeMatch(BaseModel):
    """A time expression found in a text: its span, and its dates or why they are unknown."""

    text: str
    start: int
    end: int
    range: TimeRange | None
    problem: str | None = None
    rule: str


class _Raw(NamedTuple):
    start: int
    end: int
    span: Span | None
    problem: str | None
    rule: str
    explicit_year: bool


def _rule_matches(text: str, today: date, lang: Lang | None) -> list[_Raw]:
    found: list[_Raw] = []
    for rule in time_rules():
        if lang == "en" and rule.lang == "zh":
            continue
        for match in rule.pattern.finditer(text):
            if match.end() == match.start():
                continue
            try:
                resolved = rule.resolve(match, today)
            except EventUnknown as error:
                found.append(
                    _Raw(
                        match.start(),
                        match.end(),
                        None,
                        f"{match.group(0).strip()}: {error}",
                        rule.name,
                        True,
                    )
                )
                continue
            if resolved is not None:
                found.append(_Raw(match.start(), match.end(), resolved[0], None, rule.name, resolved[1]))
    return found


def _longest_first(candidates: list[_Raw]) -> list[_Raw]:
    chosen: list[_Raw] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _words(group: str, lang: str) -> list[str]:
    return [str(w) for w in time_words()[group].get(lang, [])]


def _connector(between: str, opener: str) -> bool:
    word = " ".join(between.lower().split())
    connectors = _words("range_connectors", "zh") + _words("range_connectors", "en")
    return word in connectors and (word != "and" or opener.lower() == "between")


def _opener_before(text: str, start: int) -> tuple[int, str]:
    openers = alternation(_words("range_openers", "zh") + _words("range_openers", "en"))
    found = re.search(rf"({openers})\s*$", text[:start], re.IGNORECASE)
    return (found.start(), found.group(1)) if found else (start, "")


def _with_year(span: Span, year: int) -> Span:
    try:
        return span[0].replace(year=year), span[1].replace(year=year + span[1].year - span[0].year)
    except ValueError:
        return span


def _merge(first: _Raw, second: _Raw, start: int) -> _Raw:
    if first.span is None or second.span is None:
        return first
    later = second.span
    if first.explicit_year and not second.explicit_year:
        later = _with_year(later, first.span[1].year)
        if later[1] < first.span[0]:
            later = _with_year(later, first.span[1].year + 1)
    if later[1] < first.span[0]:
        return first
    return _Raw(start, second.end, (first.span[0], later[1]), None, "range", first.explicit_year)


def _day_only_after(text: str, first: _Raw) -> _Raw | None:
    """ "11月1日到11日": a range whose end names only the day of the first date's month."""
    if first.span is None or first.span[0] != first.span[1]:
        return None
    connectors = alternation(_words("range_connectors", "zh"))
    found = re.match(rf"\s*{connectors}\s*(\d{{1,2}}|{ZH_NUMERAL})\s*[日号]", text[first.end :])
    day = count_value(found.group(1)) if found else None
    if found is None or day is None:
        return None
    try:
        end = first.span[0].replace(day=int(day))
    except ValueError:
        return None
    return _Raw(first.end + found.start(1), first.end + found.end(), (end, end), None, "day", True)


def _ranges(text: str, matches: list[_Raw]) -> list[_Raw]:
    result: list[_Raw] = []
    index = 0
    while index < len(matches):
        current = matches[index]
        opener_start, opener = _opener_before(text, current.start)
        following = matches[index + 1] if index + 1 < len(matches) else None
        if following and _connector(text[current.end : following.start], opener):
            current = _merge(current, following, opener_start)
            index += 1
        elif (day := _day_only_after(text, current)) is not None:
            current = _merge(current, day, opener_start)
        result.append(current)
        index += 1
    return result


def _open_ended(text: str, raw: _Raw, today: date) -> _Raw:
    before = alternation(_words_since("before"))
    after = alternation(_words_since("after"))
    lead = re.search(rf"(?<![A-Za-z])({before})\s*$", text[: raw.start], re.IGNORECASE)
    tail = re.match(rf"\s*({after})", text[raw.end :])
    if raw.span is None or raw.rule == "range" or not (lead or tail):
        return raw
    start = lead.start() if lead else raw.start
    end = raw.end + tail.end() if tail else raw.end
    return _Raw(start, end, (raw.span[0], max(raw.span[0], today)), None, "since", raw.explicit_year)


def _words_since(part: str) -> list[str]:
    return [str(w) for lang in ("zh", "en") for w in time_words()["since"][part].get(lang, [])]


def _finish(text: str, raw: _Raw, today: date) -> TimeMatch:
    label = text[raw.start : raw.end].strip()
    if raw.span is None:
        return TimeMatch(text=label, start=raw.start, end=raw.end, range=None, problem=raw.problem, rule=raw.rule)
    start, end = raw.span
    if start <= today < end:  # a period still running ends today: no question is about the future
        end = today
    return TimeMatch(
        text=label,
        start=raw.start,
        end=raw.end,
        range=TimeRange(start=start, end=end, label=label),
        rule=raw.rule,
    )


def _dateparser_matches(text: str, today: date, lang: Lang | None) -> list[_Raw]:
    """The long tail ('on the 3rd of October', '2 weeks ago') through dateparser, as single days."""
    from dateparser.search import search_dates  # imported on first use: it takes a while to load

    settings = {
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    found = search_dates(text, languages=[lang] if lang else ["en", "zh"], settings=settings) or []
    raws: list[_Raw] = []
    cursor = 0
    for fragment, moment in found:
        position = text.find(fragment, cursor)
        if position < 0 or not re.search(r"\d|[A-Za-z]{3,}", fragment):
            continue
        cursor = position + len(fragment)
        day = moment.date()
        raws.append(_Raw(position, cursor, (day, day), None, "dateparser", True))
    return raws


def find_time_expressions(text: str, today: date, lang: Lang | None = None) -> list[TimeMatch]:
    """Every time expression in `text`, in order, resolved against `today` (ranges merged)."""
    raws = _longest_first(_rule_matches(text, today, lang)) or _dateparser_matches(text, today, lang)
    return [_finish(text, _open_ended(text, raw, today), today) for raw in _ranges(text, raws)]


def parse_time_expression(text: str, today: date, lang: Lang | None = None) -> TimeRange | None:
    """The first time expression in `text` with known dates, as an inclusive range (None if none)."""
    for match in find_time_expressions(text, today, lang):
        if match.range is not None:
            return match.range
    return None
