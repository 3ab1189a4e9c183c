"""Parsing cell values: money and counts in either decimal convention, dates, timestamps, ids."""

import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import dateparser

EMPTY = {"", "--", "-", "n/a", "na", "null", "none", "(not set)"}
_STRIP = re.compile(r"[\s\u00a0\u202f'’$€£¥₩₫฿%]|[A-Z]{3}$|^[A-Z]{3}|R\$|RM|Rp|SAR|AED|د\.إ|ر\.س")
_DECIMAL_COMMA = re.compile(r"^-?[\d.\s\u00a0]*\d,\d+$")
_POINT_BOTH = re.compile(r"^-?[\d,]*\d\.\d+$")


def is_empty(raw: str | None) -> bool:
    """True for blank cells and export placeholders such as ' --'."""
    return raw is None or raw.strip().lower() in EMPTY


def sniff_decimal_comma(cells: Iterable[str]) -> bool:
    """Whether numbers in these cells use a decimal comma ('1.234,56'), judged by unambiguous cells."""
    comma = point = 0
    for raw in cells:
        cell = raw.strip()
        if "," in cell and "." in cell:
            if cell.rfind(",") > cell.rfind("."):
                comma += 1
            else:
                point += 1
        elif _DECIMAL_COMMA.match(cell) and len(cell) - cell.rfind(",") - 1 != 3:
            comma += 1
        elif _POINT_BOTH.match(cell) and len(cell) - cell.rfind(".") - 1 != 3:
            point += 1
    return comma > point


def parse_decimal(raw: str | None, decimal_comma: bool = False) -> Decimal | None:
    """A number from an export cell ('1,234.50', '1.234,50', '$12', '(3.00)', ' --'); None if blank."""
    if is_empty(raw):
        return None
    assert raw is not None
    text = raw.strip()
    negative = text.startswith("(") and text.endswith(")")
    text = _STRIP.sub("", text.strip("()").replace("\u2212", "-")).lstrip("<>~")
    text = text.replace(".", "").replace(",", ".") if decimal_comma else text.replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {raw.strip()!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a number: {raw.strip()!r}")
    return -value if negative else value


def parse_money(raw: str | None, decimal_comma: bool = False) -> Decimal | None:
    """A money amount rounded to cents."""
    value = parse_decimal(raw, decimal_comma)
    return None if value is None else value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def parse_count(raw: str | None, decimal_comma: bool = False) -> int:
    """A whole count such as impressions; blank is 0."""
    value = parse_decimal(raw, decimal_comma)
    if value is None:
        return 0
    if value != value.to_integral_value():
        raise ValueError(f"not a whole number: {raw!r}")
    return int(value)


_TIMESTAMP_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S %z",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
)
_DATE_FORMATS_MONTH_FIRST = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%Y%m%d",
)
_DATE_FORMATS_DAY_FIRST = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%Y%m%d",
)


def _clean_timestamp(raw: str) -> str:
    text = raw.strip()
    for suffix in (" UTC", " GMT", "Z"):
        if text.endswith(suffix):
            return text[: -len(suffix)] + " +0000" if suffix != "Z" else text[:-1] + "+0000"
    return text


def parse_timestamp(raw: str, zone: tzinfo) -> datetime:
    """An aware timestamp; one without an offset is taken in `zone`."""
    text = _clean_timestamp(raw)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = _strptime_any(text, _TIMESTAMP_FORMATS, raw)
    return value if value.tzinfo else value.replace(tzinfo=zone)


def _strptime_any(text: str, formats: Iterable[str], raw: str) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"not a date/time: {raw.strip()!r}")


def sniff_day_first(cells: Iterable[str]) -> bool:
    """Whether slashed dates in these cells are day/month ('29/11/2024'); month/day otherwise."""
    for raw in cells:
        parts = raw.strip().split(" ")[0].split("/")
        if len(parts) == 3 and len(parts[0]) <= 2 and parts[0].isdigit() and int(parts[0]) > 12:
            return True
        if len(parts) == 3 and len(parts[1]) <= 2 and parts[1].isdigit() and int(parts[1]) > 12:
            return False
    return False


def parse_date(raw: str, day_first: bool = False) -> date:
    """A calendar date in the usual export spellings ('2024-11-29', '29.11.2024', 'Nov 29, 2024')."""
    text = raw.strip().split("T")[0]
    if len(text) > 10 and text[:4].isdigit() and text[4] == "-":
        text = text[:10]  # '2024-11-29 10:00:00 UTC' → the date part
    formats = _DATE_FORMATS_DAY_FIRST if day_first else _DATE_FORMATS_MONTH_FIRST
    try:
        return _strptime_any(text, formats, raw).date()
    except ValueError:
        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True})
        if parsed is None:
            raise
        return parsed.date()


def hash_identity(raw: str | None) -> str | None:
    """The customer id kept instead of an email or buyer id: sha256 of its lower-cased form."""
    if is_empty(raw):
        return None
    assert raw is not None
    return hashlib.sha256(raw.strip().lower().encode("utf-8")).hexdigest()


def clean_text(raw: str | None) -> str | None:
    """A free-text or id cell: trimmed, Excel's leading apostrophe removed, None when blank."""
    if raw is None:
        return None
    text = raw.strip()
    if text.startswith("'"):
        text = text[1:]
    return None if text in ("", "--") else text
