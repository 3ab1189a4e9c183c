"""Writing fact quantities into copy: the fact's own numbers, local decimal sign, converted for the market."""

import math
from functools import cache
from typing import Any, Literal

from tools.copy.datafiles import load_data
from tools.copy.langs import decimal_separator
from tools.copy.quantities import ParsedNumber, Quantity
from tools.copy.textnorm import is_han, is_kana
from tools.copy.units import conversion_target, convert, unit

# Converted values keep the fewest decimals that stay within this share of the exact value.
_CONVERSION_PRECISION = 0.02


@cache
def template(lang: str) -> dict[str, Any]:
    """The fallback wording of a copy language tag (exact tag first, then its base language)."""
    templates = load_data("templates")
    tag = lang.strip()
    for key in templates:
        if key.lower() == tag.lower():
            return templates[key]
    base = tag.split("-")[0].lower()
    for key in templates:
        if key.split("-")[0].lower() == base:
            return templates[key]
    raise KeyError(f"no fallback template for {lang}")


def _plain(value: float, decimals: int, decimal: str) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", decimal) if decimal != "." else text


def fact_number(number: ParsedNumber, decimal: str) -> str:
    """A fact's number as written (fractions verbatim), with the language's decimal sign and no grouping."""
    if "/" in number.text:
        sign = "-" if number.value < 0 and not number.text.startswith("-") else ""
        return sign + " ".join(number.text.split())
    decimals = 0 if number.resolution >= 1 else round(-math.log10(number.resolution))
    return _plain(number.value, decimals, decimal)


def converted_number(value: float, decimal: str, temperature: bool) -> str:
    """A converted value with the fewest decimals that keep it within 2% of exact (whole degrees for
    temperatures, which the fact check compares to half a degree)."""
    if temperature:
        return _plain(round(value), 0, decimal)
    for decimals in range(7):
        rounded = round(value, decimals)
        if rounded != 0 and abs(rounded - value) <= _CONVERSION_PRECISION * abs(value):
            return _plain(rounded, decimals, decimal)
    return _plain(value, 6, decimal)


def unit_text(code: str, lang: str) -> str:
    """How copy in `lang` writes a unit after its number, with the space it takes (" cm", "年", "%")."""
    word = template(lang).get("units", {}).get(code) or unit(code).render
    glued = is_han(word[0]) or is_kana(word[0]) or "\uac00" <= word[0] <= "\ud7a3" or word in ("%", "°", '"')
    return word if glued else f" {word}"


def _join(texts: list[str], shape: str) -> str:
    if shape == "range":
        return "–".join(texts)
    if shape == "dims":
        return " × ".join(texts)
    return texts[0]


def render_quantity(quantity: Quantity, lang: str, system: Literal["us", "metric"]) -> str:
    """A fact quantity for copy in `lang`: pack counts in the language's words, and units of the other
    system converted, the fact as written following in parentheses ("3.9 in (10 cm)")."""
    decimal = decimal_separator(lang)
    numbers = [fact_number(n, decimal) for n in quantity.numbers]
    if quantity.unit == "pack":
        return str(template(lang)["pack_of"]).format(n=numbers[0])
    if quantity.unit == "in_one":
        return f"{numbers[0]}-in-1"
    info = unit(quantity.unit)
    temperature = info.dimension == "temperature"
    if info.render_unit:
        values = [convert(n.value, quantity.unit, info.render_unit) for n in quantity.numbers]
        exact = [_plain(v, _exact_decimals(v), decimal) for v in values]
        return _join(exact, quantity.shape) + unit_text(info.render_unit, lang)
    written = _join(numbers, quantity.shape) + unit_text(quantity.unit, lang)
    target = conversion_target(quantity.unit, system, quantity.numbers[0].value)
    if target is None:
        return written
    values = [convert(n.value, quantity.unit, target) for n in quantity.numbers]
    converted = _join([converted_number(v, decimal, temperature) for v in values], quantity.shape)
    return f"{converted}{unit_text(target, lang)} ({written})"


def _exact_decimals(value: float) -> int:
    for decimals in range(7):
        if abs(round(value, decimals) - value) < 1e-9:
            return decimals
    return 6
