"""The unit registry of units.yaml: dimensions, conversion, and which spellings name which unit."""

from functools import cache
from typing import Literal

from pydantic import BaseModel

from tools.copy.datafiles import load_data
from tools.copy.langs import base_language
from tools.copy.textnorm import normalize

UnitSystem = Literal["metric", "us", "neutral"]


class UnitInfo(BaseModel):
    code: str
    dimension: str
    factor: float
    offset: float = 0.0
    system: UnitSystem
    render: str
    render_unit: str | None = None
    spellings: list[str]
    by_lang: dict[str, list[str]] = {}


@cache
def units() -> dict[str, UnitInfo]:
    """Every unit by its code (mm, cm, in, kg, ...)."""
    raw = load_data("units")["units"]
    return {code: UnitInfo(code=code, **fields) for code, fields in raw.items()}


def unit(code: str) -> UnitInfo:
    """The unit with this code (KeyError for an unknown code is a programming error)."""
    return units()[code]


def spelling_key(spelling: str) -> str:
    """The lookup key of a unit spelling: single letters keep their case (m, L, W, V, A), others fold."""
    norm = normalize(spelling).text
    return norm if len(norm) == 1 else norm.casefold()


@cache
def spellings_for(langs: tuple[str, ...]) -> dict[str, str]:
    """Spelling key -> unit code for the spellings used in any of `langs`."""
    bases = {base_language(lang) for lang in langs}
    table: dict[str, str] = {}
    for info in units().values():
        words = list(info.spellings)
        for lang, extra in info.by_lang.items():
            if lang in bases:
                words.extend(extra)
        for word in words:
            table.setdefault(spelling_key(word), info.code)
    return table


@cache
def attached_only() -> frozenset[str]:
    """Spellings that count only right after the number, with no space."""
    return frozenset(spelling_key(s) for s in load_data("units")["attached_only"])


def to_base(value: float, code: str) -> float:
    """`value` in `code` expressed in its dimension's base unit."""
    info = unit(code)
    return value * info.factor + info.offset


def from_base(value: float, code: str) -> float:
    """A base-unit `value` expressed in `code`."""
    info = unit(code)
    return (value - info.offset) / info.factor


def convert(value: float, source: str, target: str) -> float:
    """`value` converted from unit `source` to unit `target` of the same dimension."""
    return from_base(to_base(value, source), target)


def conversion_target(code: str, system: Literal["us", "metric"], value: float) -> str | None:
    """The unit a fact in `code` is rewritten to for a market using `system`, or None to keep it."""
    data = load_data("units")
    target: str | None = data["to_us" if system == "us" else "to_metric"].get(code)
    if target == "fl_oz" and convert(value, code, "fl_oz") > data["fl_oz_to_gal_above"]:
        return "gal"
    return target
