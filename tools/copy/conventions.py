"""Copy conventions per market: languages, units, number and currency formats, spelling, taboo terms."""

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel

from tools.copy.datafiles import load_data
from tools.copy.langs import base_language
from tools.copy.lexicon import term_pattern
from tools.copy.results import CheckDetail, CheckResult, Span, result_of
from tools.copy.textnorm import normalize
from tools.markets import get_market

Severity = Literal["error", "warning"]


class UnitConvention(BaseModel):
    system: Literal["us", "metric"]
    note: str
    source: str


class CurrencyFormat(BaseModel):
    pattern: str
    example: str
    source: str


class TabooGroup(BaseModel):
    id: str
    severity: Severity
    category: str
    terms: dict[str, list[str]]
    source: str


class SpellingTable(BaseModel):
    """Avoided word -> preferred word for one copy language."""

    source: str
    pairs: dict[str, str]


class MarketConventions(BaseModel):
    market: str
    copy_languages: list[str]
    rtl: bool
    units: UnitConvention
    decimal: str
    group: str
    currency: str
    currency_format: CurrencyFormat
    taboos: list[TabooGroup]

    @property
    def language(self) -> str:
        """The default copy language."""
        return self.copy_languages[0]


@cache
def conventions_for(market: str) -> MarketConventions:
    """The copy conventions of a market (BadInput for an unknown market code)."""
    registry = get_market(market)
    raw = load_data("conventions")
    entry = raw["markets"][registry.code]
    groups = raw["taboo_groups"]
    return MarketConventions(
        market=registry.code,
        copy_languages=entry["copy_languages"],
        rtl=registry.rtl,
        units=UnitConvention(**entry["units"]),
        decimal=registry.decimal,
        group=registry.group,
        currency=registry.currency,
        currency_format=CurrencyFormat(**entry["currency_format"]),
        taboos=[TabooGroup(id=group_id, **groups[group_id]) for group_id in entry["taboos"]],
    )


def spelling_table(lang: str) -> SpellingTable | None:
    """The spelling table of a copy language tag (en-GB, es-MX, ...), if it has one."""
    tables = load_data("conventions")["spelling"]
    for tag, table in tables.items():
        if tag.lower() == lang.strip().lower():
            return SpellingTable(**table)
    return None


@cache
def _group_pattern(group_id: str) -> re.Pattern[str]:
    group = load_data("conventions")["taboo_groups"][group_id]
    parts = [(normalize(term).text, lang) for lang, terms in group["terms"].items() for term in terms]
    parts.sort(key=lambda item: -len(item[0]))
    return re.compile(
        "|".join(term_pattern(term, base_language(lang)) for term, lang in parts), re.IGNORECASE
    )


def check_taboos(text: str, market: str) -> CheckResult:
    """Terms the market's taboo lexicons list (Gulf: alcohol, pork, gambling); warnings ask for review."""
    details: list[CheckDetail] = []
    norm = normalize(text)
    for group in conventions_for(market).taboos:
        for match in _group_pattern(group.id).finditer(norm.text):
            start, end = norm.original_span(match.start(), match.end())
            verb = "Remove" if group.severity == "error" else "Review"
            category = group.category.replace("_", " ")
            details.append(
                CheckDetail(
                    severity=group.severity,
                    message=f"{verb} '{text[start:end]}' ({category}) for {market}: {group.source}.",
                    text=text[start:end],
                    span=Span(start=start, end=end),
                )
            )
    return result_of("taboos", details)


def _word_pattern(words: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def check_spelling(text: str, lang: str) -> CheckResult:
    """Warnings for words spelled as another variety writes them (color in en-GB, ordenador in es-MX)."""
    table = spelling_table(lang)
    details: list[CheckDetail] = []
    if table:
        for match in _word_pattern(list(table.pairs)).finditer(text):
            preferred = table.pairs[match.group().lower()]
            details.append(
                CheckDetail(
                    severity="warning",
                    message=f"Write '{preferred}' instead of '{match.group()}' for {lang}.",
                    text=match.group(),
                    span=Span(start=match.start(), end=match.end()),
                )
            )
    return result_of("spelling", details)


def apply_spelling(text: str, lang: str) -> str:
    """`text` with avoided spellings of `lang` replaced by the preferred ones, first-letter case kept."""
    table = spelling_table(lang)
    if not table:
        return text

    def replace(match: re.Match[str]) -> str:
        preferred = table.pairs[match.group().lower()]
        return preferred[0].upper() + preferred[1:] if match.group()[0].isupper() else preferred

    return _word_pattern(list(table.pairs)).sub(replace, text)
