"""Parsers for the values found in real creator lists: "475.8m", "1.2万", "1.39%", "Germany", "德国".

Each parser returns None for a value that says "unknown" ("", "NaN", "-", "N/A") and raises
ValueError with a short reason for a value it cannot read.
"""

import json
import re
from functools import cache

from tools.kol.models import Money
from tools.kol.reference import load_data
from tools.kol.text import base_language

_UNKNOWN = {"", "nan", "none", "null", "-", "--", "—", "–", "n/a", "na", "?", "unknown", "未知", "/", "无"}
_MULTIPLIERS = {
    "k": 1e3,
    "千": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "w": 1e4,
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "億": 1e8,
}
_NUMBER = re.compile(r"^([+-]?\d[\d.,']*)(k|m|mn|b|bn|w|千|万|萬|亿|億)?\+?$")
_LIST_SPLIT = re.compile(r"[,;|、，；\n]+")
_BCP47 = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.IGNORECASE)


def is_unknown(value: str | None) -> bool:
    """True for an empty cell or a placeholder that means 'unknown'."""
    return value is None or value.strip().lower() in _UNKNOWN


def _decimal_string(digits: str, has_suffix: bool, integer: bool) -> str:
    """Digits with grouping removed and '.' as the decimal point."""
    s = digits.replace("'", "")
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if decimal == "," else ","
        return s.replace(group, "").replace(decimal, ".")
    for sep in (",", "."):
        if sep in s:
            grouped = re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", s) is not None
            # "1,234,567" groups thousands; "1.234" in a count column does too (counts are whole).
            if grouped and not has_suffix and (sep == "," or integer or s.count(sep) > 1):
                return s.replace(sep, "")
            if s.count(sep) > 1:
                raise ValueError(f"cannot read number {digits!r}")
            return s.replace(sep, ".")
    return s


def parse_number(value: str | None, *, integer: bool = False) -> float | None:
    """A number with optional grouping and suffix (12K, 475.8m, 1.2万, 3亿)."""
    if is_unknown(value):
        return None
    assert value is not None
    compact = re.sub(r"[\s\u00a0\u202f]", "", value).lower()
    match = _NUMBER.match(compact)
    if not match:
        raise ValueError(f"cannot read number {value.strip()!r}")
    digits, suffix = match.groups()
    number = float(_decimal_string(digits, suffix is not None, integer)) * _MULTIPLIERS.get(suffix or "", 1.0)
    if number < 0:
        raise ValueError(f"negative value {value.strip()!r}")
    return number


def parse_count(value: str | None) -> int | None:
    """A whole count such as followers: '12K' → 12000, '1.2万' → 12000, 'NaN' → None."""
    number = parse_number(value, integer=True)
    return None if number is None else round(number)


def looks_like_percent_column(values: list[str]) -> bool:
    """True when a rate column is written in percent: a bare number above 1, or '%' on most cells."""
    known = [v for v in values if not is_unknown(v)]
    signed = sum("%" in v for v in known)
    if known and signed * 2 > len(known):
        return True
    for value in known:
        if "%" in value:
            continue
        try:
            number = parse_number(value)
        except ValueError:
            continue
        if number is not None and number > 1:
            return True
    return False


def parse_rate(value: str | None, *, percent: bool) -> float | None:
    """A rate as a fraction: '1.39%' → 0.0139; bare numbers follow the column's `percent` style."""
    if is_unknown(value):
        return None
    assert value is not None
    has_sign = "%" in value
    number = parse_number(value.replace("%", ""))
    if number is None:
        return None
    fraction = number / 100 if (has_sign or percent) else number
    if fraction > 1:
        raise ValueError(f"rate over 100%: {value.strip()!r}")
    return fraction


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@cache
def _country_lookup() -> dict[str, str]:
    lookup = {}
    for code, entry in load_data("countries").items():
        for name in [code, entry["iso3"], *entry["names"]]:
            lookup[_key(str(name))] = str(code)
    return lookup


def parse_country(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code from a code or an English/Chinese name; ValueError if unknown."""
    if is_unknown(value):
        return None
    assert value is not None
    code = _country_lookup().get(_key(value))
    if code is None:
        raise ValueError(f"unknown country {value.strip()!r}")
    return code


@cache
def _language_lookup() -> dict[str, str]:
    lookup = {}
    for code, names in load_data("languages").items():
        for name in [code, *names]:
            lookup[_key(str(name))] = str(code)
    return lookup


def parse_languages(value: str | None) -> list[str] | None:
    """BCP 47 codes from codes or language names ('English, 中文' → ['en', 'zh'])."""
    items = parse_list(value)
    if items is None:
        return None
    codes = []
    for item in items:
        code = _language_lookup().get(_key(item))
        if code is None and _BCP47.match(item):
            code = item if "-" in item else base_language(item)
        if code is None:
            raise ValueError(f"unknown language {item!r}")
        if code not in codes:
            codes.append(code)
    return codes


def parse_list(value: str | None) -> list[str] | None:
    """A list cell: JSON array, or items split on , ; | 、 (hashtags also on spaces)."""
    if is_unknown(value):
        return None
    assert value is not None
    text = value.strip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"cannot read list {text[:40]!r}") from error
        return [str(i).strip() for i in items if str(i).strip()]
    parts = [p.strip() for p in _LIST_SPLIT.split(text) if p.strip()]
    if len(parts) == 1 and text.count("#") > 1:
        parts = [p for p in text.split() if p]
    return parts


def parse_share_map(value: str | None, *, keys_are_countries: bool) -> dict[str, float] | None:
    """Shares by key: JSON object or 'US:45%, GB:12%'; shares become fractions."""
    if is_unknown(value):
        return None
    assert value is not None
    text = value.strip()
    if text.startswith("{"):
        try:
            raw = {str(k): str(v) for k, v in json.loads(text).items()}
        except (json.JSONDecodeError, AttributeError) as error:
            raise ValueError(f"cannot read shares {text[:40]!r}") from error
    else:
        raw = {}
        for part in _LIST_SPLIT.split(text):
            key, sep, share = part.rpartition(":") if ":" in part else part.rpartition(" ")
            if not sep or not key.strip():
                raise ValueError(f"cannot read share {part.strip()!r}; expected KEY:SHARE")
            raw[key.strip()] = share.strip()
    percent = looks_like_percent_column(list(raw.values()))
    shares = {}
    for key, share in raw.items():
        name = parse_country(key) if keys_are_countries else key.strip()
        fraction = parse_rate(share, percent=percent)
        if name is not None and fraction is not None:
            shares[name] = fraction
    return shares


def parse_series(value: str | None) -> list[int] | None:
    """Monthly follower counts, oldest first: JSON array or '1200, 1350, 1.5k'."""
    items = parse_list(value)
    if items is None:
        return None
    counts = [parse_count(item) for item in items]
    if any(c is None for c in counts):
        raise ValueError("follower series has a gap")
    return [int(c) for c in counts if c is not None]


@cache
def _symbols() -> list[tuple[str, list[str | None]]]:
    symbols = load_data("fx")["symbols"]
    return sorted(((str(s), list(c)) for s, c in symbols.items()), key=lambda item: -len(item[0]))


def _currency_in_cell(text: str, default: str | None) -> tuple[str | None, str]:
    """(currency or None, text without it). An ISO code beats a symbol; '¥' needs a default."""
    iso = re.search(r"\b([A-Za-z]{3})\b", text)
    if iso and iso.group(1).upper() in load_data("fx")["per_usd"]:
        return iso.group(1).upper(), text.replace(iso.group(1), "")
    for symbol, currencies in _symbols():
        if symbol in text:
            rest = text.replace(symbol, "")
            if default is not None and default in currencies:
                return default, rest
            if currencies[0] is None:
                raise ValueError(f"currency symbol {symbol!r} is ambiguous; add a currency column or default")
            return currencies[0], rest
    return None, text


def parse_money(price: str | None, currency: str | None, default_currency: str | None) -> Money | None:
    """A price cell ('€1.2k', '500 USD', '3000') with an optional currency cell and default."""
    if is_unknown(price):
        return None
    assert price is not None
    column_currency = None if is_unknown(currency) else (currency or "").strip().upper()
    cell_currency, digits = _currency_in_cell(price, column_currency or default_currency)
    code = cell_currency or column_currency or default_currency
    if code is None:
        raise ValueError(f"price {price.strip()!r} has no currency; add a currency column or default")
    if code.upper() not in load_data("fx")["per_usd"]:
        raise ValueError(f"unknown currency {code!r}")
    amount = parse_number(digits, integer=True)
    return None if amount is None else Money(amount=amount, currency=code.upper())
