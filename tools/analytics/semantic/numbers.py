"""Numbers in a narrative, and the ones the query result does not support."""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Literal

from pydantic import BaseModel

from tools.analytics.semantic.phrase_match import question_words
from tools.analytics.semantic.time_words import alternation, time_words
from tools.markets import all_markets

DecimalMark = Literal[".", ","]
GROUP_CHARS = ",.\u00a0\u202f"
MULTIPLIERS = {
    "万亿": Decimal("1e12"),
    "亿": Decimal("1e8"),
    "万": Decimal("1e4"),
    "千": Decimal("1e3"),
    "百万": Decimal("1e6"),
    "k": Decimal("1e3"),
    "thousand": Decimal("1e3"),
    "m": Decimal("1e6"),
    "mn": Decimal("1e6"),
    "million": Decimal("1e6"),
    "b": Decimal("1e9"),
    "bn": Decimal("1e9"),
    "billion": Decimal("1e9"),
}
PERCENT_WORDS = {"%", "％", "percent", "per cent", "个百分点", "百分点", "pp"}
MULTIPLE_WORDS = {"x", "×", "倍"}

NUMBER = re.compile(
    r"(?<![0-9.,])(?P<sign>[-−+])?(?P<num>\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<suffix>\s*(?:%|％|per\s?cent|percent|个百分点|百分点|pp|万亿|百万|万|亿|千|thousand|million|billion"
    r"|mn|bn|k|m|b|x|×|倍)(?![A-Za-z]))?",
    re.IGNORECASE,
)


class NumberMention(BaseModel):
    """A number as written: its value (percent as written: '12.3%' is 12.3) and its rounding unit."""

    text: str
    start: int
    end: int
    value: Decimal
    percent: bool
    half_unit: Decimal


@cache
def _skip_patterns() -> list[re.Pattern[str]]:
    """Dates, years, durations, ranks and event names: numbers that are not amounts."""
    months = alternation(time_words()["en_months"])
    units = alternation(
        [
            *(w for u in time_words()["units"].values() for lang in ("zh", "en") for w in u[lang]),
            "hours",
            "hour",
            "小时",
            "号",
        ]
    )
    patterns = [
        r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",
        r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}",
        r"\d{1,2}:\d{2}",
        r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?",
        r"\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?",
        rf"\d+\s*{units}(?![A-Za-z])",
        r"(?<![A-Za-z])(?:top|no\.?|#)\s*\d+",
        r"[前第近]\s*\d+",
        r"双\s*\d+",
        r"(?<![\d.])(?:11\.11|12\.12|6\.18|618)(?![\d.]|\s*%)",
        r"(?<![A-Za-z])[QqHh][1-4](?![0-9])",
        rf"(?<![A-Za-z]){months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?![\d.,])",
        rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{months}(?![A-Za-z])",
        r"\d+(?:st|nd|rd|th)(?![A-Za-z])",
    ]
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for p in _skip_patterns() for m in p.finditer(text)]


def _decimal_mark(tokens: list[str]) -> DecimalMark:
    """The text's decimal mark, from the first number whose separators leave no doubt."""
    for token in tokens:
        if "," in token and "." in token:
            return "," if token.rfind(",") > token.rfind(".") else "."
        for mark in ".,":
            parts = token.split(mark)
            if len(parts) == 2 and len(parts[1]) != 3:
                return mark  # type: ignore[return-value]
    return "."


def _plain(number: str, mark: DecimalMark) -> tuple[str, int]:
    """The number with '.' as decimal mark and no grouping, and how many decimals it shows."""
    separators = [c for c in number if c in GROUP_CHARS]
    if not separators:
        return number, 0
    last = number.rfind(separators[-1])
    decimal_here = separators[-1] != separators[0] or (
        len(separators) == 1 and separators[0] in ".," and (len(number) - last - 1 != 3 or separators[0] == mark)
    )
    if not decimal_here:
        return "".join(c for c in number if c.isdigit()), 0
    whole = "".join(c for c in number[:last] if c.isdigit())
    fraction = number[last + 1 :]
    return f"{whole}.{fraction}", len(fraction)


def find_numbers(text: str, decimal: DecimalMark | None = None) -> list[NumberMention]:
    """Amounts, counts, ratios and percentages in `text`; dates, years, durations and ranks left out."""
    skipped = _skipped_spans(text)
    matches = [
        m
        for m in NUMBER.finditer(text)
        if not any(s <= m.start("num") < e for s, e in skipped) and _standalone(text, m.start())
    ]
    mark = decimal or _decimal_mark([m.group("num") for m in matches])
    mentions: list[NumberMention] = []
    for m in matches:
        plain, shown = _plain(m.group("num"), mark)
        suffix = " ".join((m.group("suffix") or "").lower().split())
        try:
            value = Decimal(plain)
        except InvalidOperation:
            continue
        bare = not suffix and m.group("num").isdigit()
        if bare and Decimal(1900) <= value <= Decimal(2100) and not _money_before(text, m.start()):
            continue  # a bare year
        scale = MULTIPLIERS.get(suffix, Decimal(1))
        sign = -1 if m.group("sign") in ("-", "−") else 1
        mentions.append(
            NumberMention(
                text=m.group(0).strip(),
                start=m.start(),
                end=m.end(),
                value=sign * value * scale,
                percent=suffix in PERCENT_WORDS,
                half_unit=Decimal(5) * Decimal(10) ** (-shown - 1) * scale,
            )
        )
    return mentions


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes of the launch markets plus the ones sellers write often (phrases.yaml)."""
    extra = {str(code) for code in question_words()["currency_codes"]}
    return frozenset({m.currency for m in all_markets().values()} | extra)


def _standalone(text: str, start: int) -> bool:
    """False for digits glued to a word ('B2B', 'SKU123'), true after a currency code ('USD120')."""
    word = re.search(r"[A-Za-z]+$", text[:start])
    return word is None or word.group(0).upper() in currency_codes()


def _money_before(text: str, start: int) -> bool:
    found = re.search(r"([$¥￥€£₩₹]|[A-Za-z]{3})\s*$", text[max(0, start - 4) : start])
    return found is not None and (not found.group(1).isalpha() or found.group(1).upper() in currency_codes())


def numbers_in_text(text: str, decimal: DecimalMark | None = None) -> list[Decimal]:
    """The values of the numbers in `text` ('1.2万' -> 12000, '$3.5k' -> 3500, '12.3%' -> 12.3)."""
    return [mention.value for mention in find_numbers(text, decimal)]


def _supported(mention: NumberMention, allowed: list[Decimal], tolerance: Decimal) -> bool:
    value = abs(mention.value)
    candidates = [*allowed, *(a * 100 for a in allowed)] if mention.percent else allowed
    return any(abs(value - abs(c)) <= max(mention.half_unit, tolerance * abs(c)) for c in candidates)


def numeric_values(cells: Iterable[object]) -> list[Decimal]:
    """The numbers among result cells (text, dates, booleans and None left out)."""
    return [Decimal(str(c)) for c in cells if isinstance(c, int | float | Decimal) and not isinstance(c, bool)]


def unsupported_numbers(
    narrative: str,
    allowed: Iterable[object],
    tolerance: float = 0.005,
    decimal: DecimalMark | None = None,
) -> list[str]:
    """Numbers in the narrative that no allowed value supports, as written.

    A number is supported when it equals an allowed value within the rounding it shows ('1.2万'
    covers 11,500-12,500) or within `tolerance` (relative); a percentage is also compared with
    allowed ratios x 100 ('12.3%' matches 0.123). Signs are ignored ('down 5%' matches -0.05).
    Dates, years, durations and ranks are not checked; cells that are not numbers are ignored, so
    a result's rows can be passed flattened.
    """
    values = numeric_values(allowed)
    limit = Decimal(str(tolerance))
    return [m.text for m in find_numbers(narrative, decimal) if not _supported(m, values, limit)]
