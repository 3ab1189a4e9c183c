"""Deterministic slot extraction: the launch markets, regions and budget a seller's request names."""

import re
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import NamedTuple

import yaml
from pydantic import BaseModel, Field, model_validator

from tools.errors import BadInput
from tools.markets import all_markets

# Letters and digits of Latin scripts (with Vietnamese and other accents): a Latin name or code must
# not touch one of these, while CJK, Thai and Arabic text may run straight into a name.
LATIN = r"A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF"
LETTERS = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF"
CONNECTOR = r"\s*(?:[,/&+、|]|and|or|和|与|及)\s*"


class Money(BaseModel):
    amount: Decimal = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code")


class Slots(BaseModel):
    markets: list[str] = Field(default_factory=list, description="ISO 3166-1 codes, in order of mention")
    regions: list[str] = Field(default_factory=list, description="region names as in markets.yaml")
    budget: Money | None = None


class PlaceNames(BaseModel):
    names: list[str]
    exact_case: list[str] = []


class Combo(BaseModel):
    markets: list[str] = []
    regions: list[str] = []


class Guard(BaseModel):
    name: str
    not_after: str


class CodeIgnore(BaseModel):
    before: list[str] = []
    after: list[str] = []
    after_number: bool = False


class BareCodes(BaseModel):
    ambiguous: list[str]
    cues_before: list[str]
    cues_after: list[str]
    acronyms: list[str]
    never_after: list[str]
    ignore: dict[str, CodeIgnore]


class Mil(BaseModel):
    default: Decimal
    thousand_for: list[str]


class MoneyNames(BaseModel):
    symbols: dict[str, str]
    codes: dict[str, str]
    suffix_words: dict[str, str]
    prefix_words: dict[str, str]
    not_followed_by: dict[str, list[str]]
    weak_words: list[str]
    multipliers: dict[str, Decimal]
    mil: Mil
    budget_words: dict[str, str]
    fillers_before: list[str]
    fillers_after: list[str]
    not_budget_before: list[str]
    not_money_after: list[str]


class NameTables(BaseModel):
    markets: dict[str, PlaceNames]
    regions: dict[str, PlaceNames]
    combos: dict[str, Combo]
    shadows: list[str]
    guards: list[Guard]
    bare_codes: BareCodes
    money: MoneyNames

    @model_validator(mode="after")
    def _known_places(self) -> "NameTables":
        codes = set(self.markets) | set(self.bare_codes.ambiguous) | set(self.bare_codes.ignore)
        codes |= {c for combo in self.combos.values() for c in combo.markets}
        regions = set(self.regions) | {r for combo in self.combos.values() for r in combo.regions}
        unknown = (codes - set(all_markets())) | (regions - {m.region for m in all_markets().values()})
        if unknown:
            raise ValueError(f"market_names.yaml names unknown markets or regions: {sorted(unknown)}")
        return self


class Place(NamedTuple):
    markets: tuple[str, ...]
    regions: tuple[str, ...]


class Hit(NamedTuple):
    start: int
    end: int
    place: Place


def name_key(text: str) -> str:
    """The lookup key of a name as written: lower-cased, runs of spaces collapsed."""
    return " ".join(text.split()).lower()


@cache
def name_tables() -> NameTables:
    """The validated contents of tools/data/market_names.yaml."""
    raw = resources.files("tools.data").joinpath("market_names.yaml").read_text("utf-8")
    return NameTables.model_validate(yaml.safe_load(raw))


def word_pattern(name: str, bound: str = LATIN) -> str:
    """A regex for a word: bounded by `bound` characters if it has Latin letters, else matched anywhere."""
    body = r"\s+".join(re.escape(part) for part in name.split())
    if re.search(f"[{LETTERS}]", name):
        return f"(?<![{bound}]){body}(?![{bound}])"
    return body


def alternation(words: list[str], bound: str = LATIN) -> str:
    """One regex over words that tries the longest first, so the longest word wins at each position."""
    return "|".join(word_pattern(w, bound) for w in sorted(words, key=len, reverse=True))


def place_entries() -> list[tuple[str, bool, Place]]:
    """Every place name, whether its case matters, and what it points at."""
    tables = name_tables()
    entries: list[tuple[str, bool, Place]] = []
    for code, names in tables.markets.items():
        entries += [(n, False, Place((code,), ())) for n in names.names]
        entries += [(n, True, Place((code,), ())) for n in names.exact_case]
    for region, names in tables.regions.items():
        entries += [(n, False, Place((), (region,))) for n in names.names]
        entries += [(n, True, Place((), (region,))) for n in names.exact_case]
    entries += [(n, False, Place(tuple(c.markets), tuple(c.regions))) for n, c in tables.combos.items()]
    return entries + [(n, False, Place((), ())) for n in tables.shadows]


class PlaceMatchers(NamedTuple):
    any_case: re.Pattern[str]
    same_case: re.Pattern[str]
    folded: dict[str, Place]
    exact: dict[str, Place]
    guards: dict[str, re.Pattern[str]]


@cache
def place_matchers() -> PlaceMatchers:
    """Compiled place-name patterns (any case, exact case) with their lookup tables and guards."""
    folded: dict[str, Place] = {}
    exact: dict[str, Place] = {}
    for name, exact_case, place in place_entries():
        table, key = (exact, name) if exact_case else (folded, name_key(name))
        if key in table:
            raise ValueError(f"market_names.yaml lists the name {name!r} twice")
        table[key] = place
    guards = {name_key(g.name): re.compile(g.not_after) for g in name_tables().guards}
    return PlaceMatchers(
        re.compile(alternation(list(folded)), re.IGNORECASE), re.compile(alternation(list(exact))),
        folded, exact, guards,
    )


def name_hits(text: str) -> list[Hit]:
    """Place names found in the text, guards applied; hits of the two patterns may overlap."""
    pm = place_matchers()
    hits: list[Hit] = []
    for m in pm.any_case.finditer(text):
        key = name_key(m.group())
        guard = pm.guards.get(key)
        if guard is None or not guard.search(text[: m.start()]):
            hits.append(Hit(m.start(), m.end(), pm.folded[key]))
    return hits + [Hit(m.start(), m.end(), pm.exact[m.group()]) for m in pm.same_case.finditer(text)]


class CodeMatchers(NamedTuple):
    code: re.Pattern[str]
    cue_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    never_after: re.Pattern[str]
    listed_before: re.Pattern[str]
    listed_after: re.Pattern[str]
    plain_before: re.Pattern[str]
    plain_after: re.Pattern[str]
    ignore_before: dict[str, re.Pattern[str]]
    ignore_after: dict[str, re.Pattern[str]]
    not_shouting: frozenset[str]
    cue_words: frozenset[str]


def never_after_pattern(items: list[str]) -> str:
    """Words may follow a code after spaces; symbols must touch it ("US$" but not "US $5k budget")."""
    words = [i for i in items if re.search(f"[{LETTERS}]", i)]
    symbols = [re.escape(i) for i in items if i not in words]
    return f"(?:{'|'.join(symbols)}|\\s*(?:{alternation(words)}))"


@cache
def code_matchers() -> CodeMatchers:
    """Compiled patterns for bare upper-case ISO codes and the context rules around them."""
    rules = name_tables().bare_codes
    codes = f"(?<![{LATIN}])(?:{'|'.join(all_markets())})(?![{LATIN}])"
    ignores = rules.ignore.items()
    ignore_before = {c: re.compile(f"(?:{alternation(i.before)})\\s*$", re.I) for c, i in ignores if i.before}
    ignore_after = {c: re.compile(f"\\s*(?:{alternation(i.after)})", re.I) for c, i in ignores if i.after}
    cues = rules.cues_before + rules.cues_after
    return CodeMatchers(
        code=re.compile(codes),
        cue_before=re.compile(f"(?:{alternation(rules.cues_before)})\\s*$", re.I),
        cue_after=re.compile(f"\\s*(?:{alternation(rules.cues_after)})", re.I),
        never_after=re.compile(never_after_pattern(rules.never_after), re.I),
        listed_before=re.compile(f"{codes}{CONNECTOR}$"),
        listed_after=re.compile(f"{CONNECTOR}{codes}"),
        plain_before=re.compile(f"({codes})\\s+$"),
        plain_after=re.compile(f"\\s+({codes})"),
        ignore_before=ignore_before,
        ignore_after=ignore_after,
        not_shouting=frozenset([*all_markets(), *rules.acronyms]),
        cue_words=frozenset(w.upper() for w in cues),
    )


def shouting(before: str, after: str, cm: "CodeMatchers") -> bool:
    """Whether a token stands in upper-case text: an upper-case word (no code, acronym or cue) right
    next to it, or two upper-case words within two words on either side ("MY SHOP", "TALK TO US")."""

    def caps(word: str, cues_count: bool) -> bool:
        if not (word.isupper() and word.isalpha() and len(word) > 1) or word in cm.not_shouting:
            return False
        return cues_count or word not in cm.cue_words

    word = f"[{LATIN}]+"
    sides = (re.search(f"({word})[ \t]+$", before), re.match(f"[ \t]+({word})", after))
    near = re.findall(word, before[-40:])[-2:] + re.findall(word, after[:40])[:2]
    return any(caps(m.group(1), False) for m in sides if m) or sum(caps(w, True) for w in near) >= 2


def code_in_context(text: str, start: int, end: int) -> bool:
    """Whether a bare upper-case code at text[start:end] names a market rather than a word or unit."""
    rules, cm = name_tables().bare_codes, code_matchers()
    code, before, after = text[start:end], text[:start], text[end:]
    if code in rules.ignore and rules.ignore[code].after_number and re.search(r"\d\s*$", before):
        return False  # "128 GB"
    if cm.never_after.match(after) or shouting(before, after, cm):
        return False  # "US$", "US dollars", "MY SHOP", "TALK TO US"
    if (code in cm.ignore_before and cm.ignore_before[code].search(before)) or (
        code in cm.ignore_after and cm.ignore_after[code].match(after)
    ):
        return False  # "order ID", "IT team"
    if code not in rules.ambiguous or cm.cue_before.search(before) or cm.cue_after.match(after):
        return True
    if cm.listed_before.search(before) or cm.listed_after.match(after):
        return True  # "US, DE", "US/IT"
    neighbours = [m.group(1) for m in (cm.plain_before.search(before), cm.plain_after.match(after)) if m]
    return any(n not in rules.ambiguous for n in neighbours)  # "US DE FR", but not "MY ID"


def code_hits(text: str) -> list[Hit]:
    """Bare upper-case ISO codes that name a market in their context."""
    return [
        Hit(m.start(), m.end(), Place((m.group(),), ()))
        for m in code_matchers().code.finditer(text)
        if code_in_context(text, m.start(), m.end())
    ]


def place_hits(text: str) -> list[Hit]:
    """Non-overlapping place mentions in order of position; at one position the longest wins."""
    kept: list[Hit] = []
    for hit in sorted(name_hits(text) + code_hits(text), key=lambda h: (h.start, h.start - h.end)):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def checked_text(text: object) -> str:
    """The text itself, or BadInput when it is not a string."""
    if not isinstance(text, str):
        raise BadInput(f"expected the request text as a string, got {type(text).__name__}")
    return text


def extract_markets(text: str) -> list[str]:
    """ISO codes of the launch markets the text names, in order of first mention, without repeats."""
    return list(dict.fromkeys(c for hit in place_hits(checked_text(text)) for c in hit.place.markets))


def extract_regions(text: str) -> list[str]:
    """Regions (europe, gulf, southeast_asia, latin_america, …) the text names, in order of first mention."""
    return list(dict.fromkeys(r for hit in place_hits(checked_text(text)) for r in hit.place.regions))


# Money. A number is Arabic digits (with thousands separators) or Chinese numerals, possibly mixed
# ("1.2万", "3万5", "十万"); a Chinese digit right before a measure word ("一个月") starts no number.
ARABIC = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?!\d)"
    r"|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)?"
)
CN_DIGIT = "[零〇一二两三四五六七八九](?![个月天年周次件款只台套位名份])"
NUMBER = f"(?:{ARABIC}|[十百千]|{CN_DIGIT})(?:{ARABIC}|[十百千万亿]|{CN_DIGIT})*"
RANGE = r"\s?(?:-|–|—|~|～|到|至|to(?![A-Za-z]))\s?"
CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


class MoneyMatchers(NamedTuple):
    amount: re.Pattern[str]
    currency_of: dict[str, str]
    budget_before: re.Pattern[str]
    budget_after: re.Pattern[str]
    not_budget_before: re.Pattern[str]
    not_money_after: re.Pattern[str]


def currency_pattern(words: list[str], not_followed_by: dict[str, list[str]]) -> str:
    """Currency words and symbols, longest first; Latin ones may touch digits but not letters."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        stop = not_followed_by.get(word, [])
        parts.append(word_pattern(word, LETTERS) + (f"(?!{'|'.join(map(re.escape, stop))})" if stop else ""))
    return "|".join(parts)


@cache
def money_matchers() -> MoneyMatchers:
    """Compiled patterns for amounts, currencies and the budget words around them."""
    mn = name_tables().money
    prefixes = currency_pattern([*mn.symbols, *mn.codes, *mn.prefix_words], mn.not_followed_by)
    suffixes = currency_pattern([*mn.symbols, *mn.codes, *mn.suffix_words], mn.not_followed_by)
    mult = alternation([*mn.multipliers, "mil"], LETTERS)
    amount = (
        f"(?:(?P<pre>{prefixes})\\s?|(?<![A-Za-z0-9])(?<!\\d[.,]))(?P<n1>{NUMBER})(?:\\s?(?P<m1>{mult}))?"
        f"(?:{RANGE}(?:{prefixes})?\\s?(?P<n2>{NUMBER})(?:\\s?(?P<m2>{mult}))?)?(?:\\s?(?P<suf>{suffixes}))?"
    )
    words = {**mn.symbols, **mn.codes, **mn.prefix_words, **mn.suffix_words}
    budget = f"(?P<kw>{alternation(list(mn.budget_words))})"
    before, after = alternation(mn.fillers_before), alternation(mn.fillers_after)
    return MoneyMatchers(
        amount=re.compile(amount, re.I),
        currency_of={name_key(w): c for w, c in words.items()},
        budget_before=re.compile(f"{budget}(?:\\s|{before})*$", re.I),
        budget_after=re.compile(f"(?:\\s|{after})*{budget}", re.I),
        not_budget_before=re.compile(f"(?:{alternation(mn.not_budget_before)})(?:\\s|{before})*$", re.I),
        not_money_after=re.compile(f"\\s*(?:{alternation(mn.not_money_after)})", re.I),
    )


def arabic_value(digits: str) -> Decimal:
    """The value of an Arabic-digit number: "5,000", "5.000", "2.500,50", "1.2", "20 000"."""
    s = re.sub(r"[\s\u00a0\u202f]", "", digits)
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        s = s.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s) else s.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        s = s.replace(".", "")  # a dot before exactly three digits groups thousands: "5.000 €"
    return Decimal(s)


def number_value(number: str) -> Decimal:
    """The value of a number in Arabic digits, Chinese numerals or both: "1.2万", "十万", "3万5"."""
    total = section = Decimal(0)
    pending: Decimal | None = None
    last_unit, single_digit, after_zero = 1, False, False
    for token in re.findall(f"{ARABIC}|.", number):
        if token in CN_UNITS and CN_UNITS[token] >= 10_000:
            section += pending or 0
            unit = CN_UNITS[token]
            total = (total + section) * unit if token == "亿" else total + section * unit
            section, pending, last_unit, after_zero = Decimal(0), None, CN_UNITS[token], False
        elif token in CN_UNITS:
            section += (pending if pending is not None else 1) * CN_UNITS[token]
            pending, last_unit, after_zero = None, CN_UNITS[token], False
        elif token in "零〇":
            pending, after_zero = None, True
        else:
            pending = Decimal(CN_VALUES[token]) if token in CN_VALUES else arabic_value(token)
            single_digit = len(token) == 1
    if pending is not None and single_digit and last_unit >= 10 and not after_zero:
        pending *= last_unit // 10  # colloquial "3万5" is 35,000 and "两千五" 2,500
    return total + section + (pending or 0)


class Amount(NamedTuple):
    start: int
    end: int
    value: Decimal
    currency: str | None


def amount_of(m: re.Match[str]) -> Amount:
    """The value and currency of one matched amount; a range counts as its upper end."""
    mn, mm = name_tables().money, money_matchers()
    words = [mm.currency_of[name_key(w)] for w in (m["pre"], m["suf"]) if w]
    currency = words[0] if words else None
    number, mult = (m["n2"], m["m2"] or m["m1"]) if m["n2"] else (m["n1"], m["m1"])
    large = bool(mult) or bool(re.search("[千万亿]", number))
    if m["suf"] and not m["pre"] and name_key(m["suf"]) in mn.weak_words and not large:
        currency = None  # "3块电池", "5 pounds"
    factor = Decimal(1)
    if mult and mult.lower() == "mil":
        factor = Decimal(1000) if currency in mn.mil.thousand_for else mn.mil.default
    elif mult:
        factor = mn.multipliers[mult.lower()]
    return Amount(m.start(), m.end(), number_value(number) * factor, currency)


def budget_word_currency(text: str, amount: Amount) -> str | None:
    """The default currency of a budget word right before or after the amount, if there is one."""
    mm = money_matchers()
    found = mm.budget_before.search(text[max(0, amount.start - 40) : amount.start]) or mm.budget_after.match(
        text, amount.end
    )
    return name_tables().money.budget_words[name_key(found["kw"])] if found else None


def countable(m: re.Match[str], text: str, mm: MoneyMatchers) -> bool:
    """Whether a number without a currency may still be a budget: not a count, share or date
    ("10万粉丝", "20%", "500 units") and not a lone Chinese digit (the 一 of 一共)."""
    number = m["n2"] or m["n1"]
    return bool(re.search(r"\d|[十百千万亿]", number)) and not mm.not_money_after.match(text, m.end())


def extract_budget(text: str) -> Money | None:
    """The budget a request names: an amount next to a budget word, else the first amount with a currency."""
    text, mm = checked_text(text), money_matchers()
    fallback: Money | None = None
    for m in mm.amount.finditer(text):
        amount = amount_of(m)
        if amount.value <= 0 or mm.not_budget_before.search(text[max(0, amount.start - 40) : amount.start]):
            continue
        if amount.currency is None and not countable(m, text, mm):
            continue
        default = budget_word_currency(text, amount)
        currency = amount.currency or default
        if currency is None:
            continue
        money = Money(amount=normalized(amount.value), currency=currency)
        if default is not None:
            return money
        fallback = fallback or money
    return fallback


def normalized(value: Decimal) -> Decimal:
    """A whole amount without a fractional exponent (2500, not 2500.0)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def extract_slots(text: str) -> Slots:
    """Markets, regions and budget named in a request."""
    hits = place_hits(checked_text(text))
    return Slots(
        markets=list(dict.fromkeys(c for h in hits for c in h.place.markets)),
        regions=list(dict.fromkeys(r for h in hits for r in h.place.regions)),
        budget=extract_budget(text),
    )
