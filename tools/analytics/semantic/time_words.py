"""Time vocabulary (time_words.yaml, events.yaml), number words, and regex building blocks."""

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

YEAR = r"(?:19|20)\d{2}"
ZH_NUMERAL = r"[零〇一二两三四五六七八九十百]+"


def _read(name: str) -> dict[str, Any]:
    text = resources.files("tools.analytics.semantic").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def time_words() -> dict[str, Any]:
    """time_words.yaml, read once."""
    return _read("time_words.yaml")


@cache
def event_catalog() -> dict[str, Any]:
    """events.yaml, read once."""
    return _read("events.yaml")


def alternation(words: Iterable[object]) -> str:
    """A non-capturing regex alternation of literal phrases, longest first; spaces match any space."""
    phrases = sorted({str(w) for w in words}, key=len, reverse=True)
    escaped = [r"\s+".join(re.escape(part) for part in p.split()) if " " in p else re.escape(p) for p in phrases]
    return "(?:" + "|".join(escaped) + ")"


def en_word(pattern: str) -> str:
    """`pattern` as whole English words (no letter or digit right before or after)."""
    return rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])"


def zh_number(text: str) -> int | None:
    """The value of a Chinese numeral such as 三, 十一, 二十三, 两百 (None when it is not one)."""
    words = time_words()
    digits: dict[str, int] = words["zh_digits"]
    multipliers: dict[str, int] = words["zh_multipliers"]
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char in multipliers:
            total += (current or 1) * multipliers[char]
            current = 0
        else:
            return None
    return total + current


def count_value(text: str) -> float | None:
    """A count written as digits, a Chinese numeral, an English number word, or 半 (0.5)."""
    word = text.strip().lower()
    if not word:
        return None
    if word.isdigit():
        return float(word)
    if word == time_words()["zh_half"]:
        return 0.5
    english: dict[str, int] = time_words()["en_numbers"]
    if word in english:
        return float(english[word])
    value = zh_number(word)
    return float(value) if value is not None else None


def count_pattern() -> str:
    """Regex for a count: digits, Chinese numerals, 半, or English number words."""
    english = alternation(time_words()["en_numbers"])
    return rf"(?:\d+|{ZH_NUMERAL}|{time_words()['zh_half']}|{english})"


def unit_of(word: str) -> str | None:
    """The time unit (day, week, month, quarter, year) a unit word names."""
    key = word.strip().lower()
    for unit, langs in time_words()["units"].items():
        if any(key == str(w).lower() for lang in ("zh", "en") for w in langs[lang]):
            return str(unit)
    return None


def unit_words(lang: str) -> list[str]:
    """All unit words of one language."""
    return [str(w) for langs in time_words()["units"].values() for w in langs[lang]]


def month_number(word: str) -> int | None:
    """1-12 for an English month name or abbreviation."""
    months: dict[str, int] = time_words()["en_months"]
    return months.get(word.strip().lower().rstrip("."))
