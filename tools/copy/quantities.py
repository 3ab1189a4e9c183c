"""Numbers and numbers with units in copy, across languages and unit spellings."""

import re
from collections.abc import Sequence
from fractions import Fraction
from functools import cache
from typing import Literal

from pydantic import BaseModel

from tools.copy.datafiles import load_data
from tools.copy.langs import base_language, decimal_separator
from tools.copy.results import Span
from tools.copy.textnorm import NormalizedText, normalize
from tools.copy.units import attached_only, spelling_key, spellings_for, unit, units
from tools.errors import BadInput

_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_SP = "[ \u00a0\u202f\u2009]"
# Mixed numbers (1-9/16, 1 9/16), fractions, numbers grouped by no-break spaces (10 000), plain numbers.
_NUM = (
    rf"(?:\d+(?:{_SP}|-)\d+/\d+|\d+/\d+"
    rf"|\d{{1,3}}(?:[\u00a0\u202f\u2009]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
)
# A number may not continue a word, a code or another number (X200, IPX7, 3.5.1, 24/7).
_START = rf"(?<![{_LATIN}0-9_])(?<![{_LATIN}0-9]-)(?<!\d[.,/])"
_JOIN = rf"(?:{_SP}?-{_SP}?|{_SP}?)"

Shape = Literal["single", "range", "dims", "bare"]


class ParsedNumber(BaseModel):
    """A number as written: `value` is its reading in the text's language, `alternatives` other readings
    of an ambiguous separator (1,500 is 1500 in English, 1.5 in German), `resolution` the step it shows."""

    text: str
    value: float
    alternatives: list[float] = []
    resolution: float


class Quantity(BaseModel):
    """A number, range or L×W×H group with its unit (`unit` is "" for a bare number)."""

    text: str
    span: Span
    unit: str
    dimension: str
    numbers: list[ParsedNumber]
    shape: Shape


def parse_number(text: str, decimal: str) -> ParsedNumber | None:
    """`text` (ASCII digits) read with the language's decimal separator; None for a zero denominator."""
    text = text.strip()
    fraction = re.fullmatch(r"(?:(\d+)[ \u00a0\u202f\u2009-])?(\d+)/(\d+)", text)
    if fraction:
        whole, num, den = fraction.group(1) or "0", fraction.group(2), fraction.group(3)
        if int(den) == 0:
            return None
        value = float(int(whole) + Fraction(int(num), int(den)))
        return ParsedNumber(text=text, value=value, resolution=1 / int(den))
    plain = re.sub(r"[\u00a0\u202f\u2009]", "", text)
    seps = [ch for ch in plain if ch in ".,"]
    if not seps:
        return ParsedNumber(text=text, value=float(plain), resolution=1.0)
    if len(set(seps)) == 2:
        point = plain.rfind(seps[-1])
        return _decimal_reading(text, plain, point)
    sep = seps[0]
    head, _, tail = plain.rpartition(sep)
    if len(seps) > 1:
        return ParsedNumber(text=text, value=float(plain.replace(sep, "")), resolution=1.0)
    as_decimal = _decimal_reading(text, plain, plain.rfind(sep))
    if len(tail) == 3 and 1 <= len(head) <= 3:
        grouped = float(plain.replace(sep, ""))
        if sep == decimal:
            return as_decimal.model_copy(update={"alternatives": [grouped]})
        return ParsedNumber(text=text, value=grouped, alternatives=[as_decimal.value], resolution=1.0)
    return as_decimal


def _decimal_reading(text: str, plain: str, point: int) -> ParsedNumber:
    whole = re.sub(r"[.,]", "", plain[:point]) or "0"
    frac = plain[point + 1 :]
    return ParsedNumber(text=text, value=float(f"{whole}.{frac}"), resolution=10.0 ** -len(frac))


def _alternation(words: Sequence[str], end_guard: str) -> str:
    """A regex alternation of `words`, longest first, single letters case-sensitive, Latin endings guarded."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word)
        if len(word) == 1 and word.isalpha():
            parts.append(f"(?-i:{escaped})(?![{_LATIN}0-9])")
        elif word[-1].isalpha() and re.match(f"[{_LATIN}]", word[-1]):
            parts.append(f"{escaped}{end_guard}")
        else:
            parts.append(escaped)
    return "|".join(parts)


class _Patterns(BaseModel):
    """Compiled extraction patterns for one set of languages."""

    in_one: re.Pattern[str]
    dims: re.Pattern[str]
    range: re.Pattern[str]
    single: re.Pattern[str]
    count_prefix: re.Pattern[str]
    count_symbol: re.Pattern[str]
    bare: re.Pattern[str]


@cache
def _patterns(langs: tuple[str, ...]) -> _Patterns:
    data = load_data("units")
    attached = attached_only()
    spelled = [normalize(s).text for s in _spellings_of(langs)]
    free = [s for s in spelled if spelling_key(s) not in attached]
    glued = [s for s in spelled if spelling_key(s) in attached]
    guard = f"(?![{_LATIN}])"
    unit_re = f"(?P<unit>{_alternation(free, guard)})"
    unit_any = rf"(?:{_JOIN}{unit_re}|(?P<glued>{_alternation(glued, guard)}))"
    symbols = "|".join(re.escape(s) for s in data["range_symbols"])
    words = "|".join(re.escape(normalize(w).text) for w in data["range_words"])
    connector = rf"(?P<conn>{_SP}?(?:{symbols}){_SP}?|{_SP}+(?:{words}){_SP}+)"
    prefixes = "|".join(
        re.escape(normalize(p).text) for p in sorted(data["count_prefixes"], key=len, reverse=True)
    )
    in_one = "|".join(re.escape(normalize(c).text) for c in data["in_one_connectors"])
    flags = re.IGNORECASE
    return _Patterns(
        in_one=re.compile(rf"{_START}(?P<a>\d+){_SP}?-?{_SP}?(?:{in_one}){_SP}?-?{_SP}?1(?![0-9])", flags),
        dims=re.compile(
            rf"{_START}(?P<a>{_NUM})(?P<rest>(?:{_SP}?[x×X*]{_SP}?{_NUM}){{1,3}}){unit_any}", flags
        ),
        range=re.compile(rf"{_START}(?P<a>{_NUM}){connector}(?P<b>{_NUM}){unit_any}", flags),
        single=re.compile(rf"{_START}(?P<a>{_NUM}){unit_any}", flags),
        count_prefix=re.compile(rf"(?<![{_LATIN}])(?:{prefixes}){_SP}?(?P<a>\d+)(?![0-9]|[.,/]\d)", flags),
        count_symbol=re.compile(
            rf"(?:(?<![{_LATIN}0-9])[x×]{_SP}?(?P<a>\d+)(?![0-9{_LATIN}]|[.,/]\d)"
            rf"|{_START}(?P<b>\d+)[x×](?![0-9{_LATIN}]))"
        ),
        bare=re.compile(rf"{_START}(?P<a>{_NUM})(?![0-9{_LATIN}])(?!/\d)"),
    )


def _spellings_of(langs: tuple[str, ...]) -> list[str]:
    """Unit spellings recognised in any of `langs`."""
    bases = {base_language(lang) for lang in langs}
    words: list[str] = []
    for info in units().values():
        words.extend(info.spellings)
        for lang, extra in info.by_lang.items():
            if lang in bases:
                words.extend(extra)
    return words


def _unit_code(match: re.Match[str], langs: tuple[str, ...]) -> str:
    written = match.group("unit") or match.group("glued")
    return spellings_for(langs)[spelling_key(written)]


def _quantity(
    source: str,
    norm: NormalizedText,
    match: re.Match[str],
    numbers: list[str],
    code: str,
    shape: Shape,
    decimal: str,
) -> Quantity | None:
    parsed = [parse_number(n, decimal) for n in numbers]
    if any(p is None for p in parsed):
        return None
    start, end = norm.original_span(match.start(), match.end())
    info = unit(code) if code else None
    signed = info is None or info.dimension == "temperature"
    if signed and parsed[0] is not None and _negated(norm.text, match.start()):
        parsed[0] = parsed[0].model_copy(update={"value": -parsed[0].value})
    return Quantity(
        text=source[start:end],
        span=Span(start=start, end=end),
        unit=code,
        dimension=info.dimension if info else "",
        numbers=[p for p in parsed if p is not None],
        shape=shape,
    )


def _negated(text: str, start: int) -> bool:
    """True when a minus sign stands right before the number and not after another number or word."""
    return start >= 1 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum())


def extract_quantities(text: str, langs: Sequence[str]) -> list[Quantity]:
    """Every number in `text`, with its unit where one follows (or a pack prefix precedes), in text order."""
    if not langs:
        raise BadInput("extract_quantities needs at least one language")
    key = tuple(sorted(set(langs)))
    decimal = decimal_separator(langs[0])
    pats = _patterns(key)
    norm = normalize(text)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Quantity]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= s or match.start() >= e for s, e in taken)

    def keep(match: re.Match[str], quantity: Quantity | None) -> None:
        taken.append((match.start(), match.end()))
        if quantity is not None:
            found.append((match.start(), quantity))

    for m in pats.in_one.finditer(norm.text):
        keep(m, _quantity(text, norm, m, [m.group("a")], "in_one", "single", decimal))
    for m in pats.dims.finditer(norm.text):
        if free(m):
            nums = [m.group("a"), *re.split(rf"{_SP}?[x×X*]{_SP}?", m.group("rest"))[1:]]
            keep(m, _quantity(text, norm, m, nums, _unit_code(m, key), "dims", decimal))
    for m in pats.range.finditer(norm.text):
        if free(m) and not _is_mixed_number(m):
            keep(
                m,
                _quantity(text, norm, m, [m.group("a"), m.group("b")], _unit_code(m, key), "range", decimal),
            )
    for m in pats.single.finditer(norm.text):
        if free(m):
            keep(m, _quantity(text, norm, m, [m.group("a")], _unit_code(m, key), "single", decimal))
    for pattern in (pats.count_prefix, pats.count_symbol):
        for m in pattern.finditer(norm.text):
            if free(m) and not (pattern is pats.count_symbol and _after_number(norm.text, m.start())):
                number = m.group("a") or m.groupdict().get("b") or ""
                keep(m, _quantity(text, norm, m, [number], "pack", "single", decimal))
    for m in pats.bare.finditer(norm.text):
        if free(m):
            keep(m, _quantity(text, norm, m, [m.group("a")], "", "bare", decimal))
    return [q for _, q in sorted(found, key=lambda item: item[0])]


def _is_mixed_number(match: re.Match[str]) -> bool:
    """True for "1-9/16 in": an integer, a hyphen and a proper fraction is one number, not a range."""
    return match.group("conn").strip() == "-" and match.group("a").isdigit() and "/" in match.group("b")


def _after_number(text: str, start: int) -> bool:
    """True when the nearest non-space character before `start` is a digit (so "×" joins two numbers)."""
    before = text[:start].rstrip(" \u00a0\u202f\u2009")
    return bool(before) and before[-1].isdigit()
