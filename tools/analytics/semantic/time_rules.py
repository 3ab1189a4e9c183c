"""Patterns of time expressions in Chinese and English, each with how it resolves to dates."""

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import NamedTuple

from tools.analytics.semantic.time_events import event_names
from tools.analytics.semantic.time_resolvers import (
    Resolved,
    resolve_day,
    resolve_event,
    resolve_month,
    resolve_month_day,
    resolve_period,
    resolve_period_en,
    resolve_quarter,
    resolve_quarter_zh,
    resolve_rolling,
    resolve_to_date,
    resolve_year,
    resolve_year_en,
)
from tools.analytics.semantic.time_words import (
    YEAR,
    ZH_NUMERAL,
    alternation,
    count_pattern,
    en_word,
    time_words,
    unit_words,
)

Resolver = Callable[[re.Match[str], date], Resolved]


class Rule(NamedTuple):
    """One pattern of time expression and the function that turns a match into dates."""

    name: str
    lang: str
    pattern: re.Pattern[str]
    resolve: Resolver


def _name_pattern(name: str) -> str:
    pattern = alternation([name])[3:-1]
    before = r"(?<![A-Za-z0-9])" if name[0].isascii() and name[0].isalnum() else ""
    after = r"(?![A-Za-z0-9])" if name[-1].isascii() and name[-1].isalnum() else ""
    return before + pattern + after


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _zh_rules() -> list[Rule]:
    words = time_words()
    year_q = rf"(?:(?P<y>{YEAR})\s*年(?:的)?|(?P<yrel>{alternation(words['year_offsets']['zh'])})(?:的)?)?"
    units = alternation(w for w in unit_words("zh") if w not in ("天", "日"))
    num = rf"(?:\d{{1,2}}|{ZH_NUMERAL})"
    return [
        Rule("zh_day", "zh", _compile(alternation(words["days"]["zh"])), resolve_day),
        Rule(
            "zh_period",
            "zh",
            _compile(rf"(?P<off>{alternation(words['period_offsets']['zh'])})(?P<unit>{units})"),
            resolve_period,
        ),
        Rule(
            "zh_rolling",
            "zh",
            _compile(
                rf"{alternation(words['rolling_words']['zh'])}\s*(?P<n>{count_pattern()})\s*"
                rf"(?P<unit>{alternation(unit_words('zh'))})"
            ),
            resolve_rolling,
        ),
        Rule("zh_to_date", "zh", _compile(alternation(words["to_date"]["zh"])), resolve_to_date),
        Rule(
            "zh_quarter",
            "zh",
            _compile(rf"{year_q}(?:第?(?P<q>[1-4一二三四])\s*季度|[Qq](?P<q2>[1-4])(?!\d)|(?P<q3>[一二三四])季(?!度))"),
            resolve_quarter_zh,
        ),
        Rule("zh_month", "zh", _compile(rf"{year_q}(?<![\d个])(?P<m>{num})\s*月份?"), resolve_month),
        Rule(
            "zh_month_day",
            "zh",
            _compile(rf"{year_q}(?<!\d)(?P<m>{num})\s*月\s*(?P<d>{num})\s*[日号]"),
            resolve_month_day,
        ),
        Rule(
            "zh_year",
            "zh",
            _compile(
                rf"(?<!\d)(?P<y>{YEAR})\s*年(?:度|全年)?|(?P<yrel>"
                rf"{alternation(words['year_offsets']['zh'])})(?:全年|整年)?"
            ),
            resolve_year,
        ),
    ]


def _en_rules() -> list[Rule]:
    words = time_words()
    months = alternation(words["en_months"])
    year_after = rf"(?:\s*(?:of\s+|in\s+|,\s*)?(?:(?P<y2>{YEAR})|(?P<y2rel>this\s+year|last\s+year)))?"
    to_date = alternation(words["to_date"]["en"]).replace(r"\s+", r"[\s-]+")
    return [
        Rule("en_day", "en", _compile(en_word(alternation(words["days"]["en"]))), resolve_day),
        Rule(
            "en_period",
            "en",
            _compile(
                en_word(
                    r"(?:(?P<off>this|current|last|previous|prior)\s+(?P<unit>week|month|quarter|year)"
                    r"|the\s+(?P<unit2>week|month|quarter|year)\s+before\s+(?P<before_last>last))"
                )
            ),
            resolve_period_en,
        ),
        Rule(
            "en_past",
            "en",
            _compile(en_word(r"(?:the\s+)?past\s+(?P<unit>week|month|quarter|year)")),
            resolve_rolling,
        ),
        Rule(
            "en_rolling",
            "en",
            _compile(
                en_word(
                    rf"(?:(?:in|over)\s+)?(?:the\s+)?(?:last|past|previous|prior)\s+(?P<n>{count_pattern()})\s+"
                    r"(?P<unit>days?|weeks?|months?|quarters?|years?)"
                )
            ),
            resolve_rolling,
        ),
        Rule("en_to_date", "en", _compile(en_word(to_date)), resolve_to_date),
        Rule(
            "en_quarter",
            "en",
            _compile(
                en_word(
                    rf"(?:(?P<yrel>this|last)\s+year'?s\s+)?(?:q(?P<q>[1-4])|(?P<ord>first|second|third|fourth|1st|2nd|3rd"
                    rf"|4th)\s+quarter){year_after}"
                )
            ),
            resolve_quarter,
        ),
        Rule(
            "en_year_quarter",
            "en",
            _compile(en_word(rf"(?P<y>{YEAR})\s*-?\s*q(?P<q>[1-4])")),
            resolve_quarter,
        ),
        Rule(
            "en_month",
            "en",
            _compile(en_word(rf"(?:(?P<rel>this|last)\s+)?(?P<mon>{months}){year_after}")),
            resolve_month,
        ),
        Rule(
            "en_month_day",
            "en",
            _compile(en_word(rf"(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{YEAR}))?")),
            resolve_month_day,
        ),
        Rule(
            "en_day_month",
            "en",
            _compile(
                en_word(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{months})(?:,?\s+(?P<y>{YEAR}))?")
            ),
            resolve_month_day,
        ),
        Rule("en_year", "en", _compile(en_word(rf"(?P<y>{YEAR})")), resolve_year_en),
        Rule(
            "en_year_word",
            "en",
            _compile(en_word(rf"(?P<yrel>{alternation(words['year_offsets']['en'])})")),
            resolve_year,
        ),
    ]


def _any_rules() -> list[Rule]:
    names = sorted(event_names(), key=len, reverse=True)
    name_alt = "|".join(_name_pattern(n) for n in names)
    suffixes = time_words()["event_suffixes"]
    suffix_words = [*suffixes["window"]["zh"], *suffixes["window"]["en"], *suffixes["on_the_day"]["zh"]]
    year_q = (
        rf"(?:(?P<y>{YEAR})\s*年?(?:的)?\s*|(?P<yrel>{alternation(time_words()['year_offsets']['zh'])})(?:的)?"
        r"|(?P<yrel_en>this|last)\s+year'?s\s+)?"
    )
    year_after = rf"(?:\s*(?:of\s+|in\s+|,\s*)?(?:(?P<y2>{YEAR})|(?P<y2rel>this\s+year|last\s+year)))?"
    event = rf"{year_q}(?P<name>{name_alt})(?:\s*(?P<suffix>{alternation(suffix_words)}))?{year_after}"
    return [
        Rule(
            "iso_date",
            "any",
            _compile(rf"(?<!\d)(?P<y>{YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)"),
            resolve_month_day,
        ),
        Rule("event", "any", _compile(event), resolve_event),
    ]


@cache
def time_rules() -> list[Rule]:
    """Every rule, compiled once on first use."""
    return [*_zh_rules(), *_en_rules(), *_any_rules()]
