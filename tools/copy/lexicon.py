"""Materials, certifications and claims named in copy, matched with the multilingual lexicon.yaml."""

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Literal

from pydantic import BaseModel

from tools.copy.datafiles import load_data
from tools.copy.langs import BASE_LANGUAGES, base_language
from tools.copy.results import Span
from tools.copy.textnorm import normalize

TermKind = Literal["material", "certification", "claim"]
_SECTIONS: dict[str, TermKind] = {
    "materials": "material",
    "certifications": "certification",
    "claims": "claim",
}
_LATIN = "A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff"
_NEUTRAL = "all"


class LexiconEntry(BaseModel):
    kind: TermKind
    id: str
    terms: dict[str, list[str]]
    not_: dict[str, list[str]] = {}
    implies: list[str] = []


class TermHit(BaseModel):
    """A lexicon term in text: `id` is the entry (copper, ce, waterproof, ip:IPX7), `text` as written."""

    kind: TermKind
    id: str
    text: str
    span: Span


@cache
def lexicon() -> dict[tuple[TermKind, str], LexiconEntry]:
    """Every lexicon entry by (kind, id)."""
    data = load_data("lexicon")
    entries: dict[tuple[TermKind, str], LexiconEntry] = {}
    for section, kind in _SECTIONS.items():
        for entry_id, raw in data[section].items():
            entries[(kind, entry_id)] = LexiconEntry(
                kind=kind,
                id=entry_id,
                terms=raw["terms"],
                not_=raw.get("not", {}),
                implies=raw.get("implies", []),
            )
    return entries


def _is_latin(ch: str) -> bool:
    return bool(re.match(f"[{_LATIN}]", ch))


def term_pattern(term: str, lang: str) -> str:
    """The regex of one term with the word-boundary rules of its language (see lexicon.yaml)."""
    body = re.escape(term)
    if lang == _NEUTRAL:
        body = f"(?-i:{body})"
    start_guard = _is_latin(term[0]) and not (lang == "de" and len(term) >= 5)
    end_guard = _is_latin(term[-1]) and (lang in (_NEUTRAL, "vi") or len(term) <= 4)
    return (f"(?<![{_LATIN}])" if start_guard else "") + body + (f"(?![{_LATIN}])" if end_guard else "")


class _Matcher(BaseModel):
    pattern: re.Pattern[str]
    ids: dict[str, tuple[TermKind, str]]
    exclusions: dict[tuple[TermKind, str], re.Pattern[str]]


def _lookup_key(text: str) -> str:
    return text.casefold()


@cache
def _matcher(langs: tuple[str, ...]) -> _Matcher:
    wanted = {_NEUTRAL, "en", *langs}
    alternatives: list[tuple[str, str]] = []
    ids: dict[str, tuple[TermKind, str]] = {}
    exclusions: dict[tuple[TermKind, str], re.Pattern[str]] = {}
    for key, entry in lexicon().items():
        for lang, terms in entry.terms.items():
            if lang not in wanted:
                continue
            for term in terms:
                norm = normalize(term).text
                alternatives.append((norm, term_pattern(norm, lang)))
                ids.setdefault(_lookup_key(norm), key)
        phrases = [normalize(p).text for group in entry.not_.values() for p in group]
        if phrases:
            exclusions[key] = re.compile("|".join(map(re.escape, phrases)), re.IGNORECASE)
    ip = load_data("lexicon")["ip_ratings"]["pattern"]
    alternatives.append(("IP00", f"(?<![{_LATIN}])(?-i:{ip})(?![{_LATIN}])"))
    alternatives.sort(key=lambda item: -len(item[0]))
    pattern = re.compile("|".join(p for _, p in alternatives), re.IGNORECASE)
    return _Matcher(pattern=pattern, ids=ids, exclusions=exclusions)


def _langs_key(langs: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({base_language(lang) for lang in langs}))


def find_terms(text: str, langs: Sequence[str]) -> list[TermHit]:
    """Lexicon terms of `langs` (plus English and language-neutral marks) in `text`, longest match first."""
    matcher = _matcher(_langs_key(langs))
    norm = normalize(text)
    hits: list[TermHit] = []
    for match in matcher.pattern.finditer(norm.text):
        written = match.group()
        key = matcher.ids.get(_lookup_key(written))
        kind, entry_id = key if key else ("claim", f"ip:{written.upper()}")
        excluded = matcher.exclusions.get((kind, entry_id))
        if excluded and any(
            m.start() <= match.start() and m.end() >= match.end() for m in excluded.finditer(norm.text)
        ):
            continue
        start, end = norm.original_span(match.start(), match.end())
        hits.append(TermHit(kind=kind, id=entry_id, text=text[start:end], span=Span(start=start, end=end)))
    return hits


def _ip_implies(entry_id: str) -> list[str]:
    """Claims an IP code supports: IEC 60529 water digit 7-8 is waterproof, 4-6 water-resistant."""
    rules = load_data("lexicon")["ip_ratings"]
    digit = entry_id[-1]
    if not digit.isdigit():
        return []
    if int(digit) >= rules["waterproof_min"]:
        return ["waterproof", "water_resistant"]
    return ["water_resistant"] if int(digit) >= rules["water_resistant_min"] else []


def supported_ids(kind: TermKind, ids: Iterable[str]) -> set[str]:
    """`ids` with all they imply (stainless_steel -> steel, waterproof -> water_resistant, IPX7 -> both)."""
    result: set[str] = set()
    pending = list(ids)
    while pending:
        entry_id = pending.pop()
        if entry_id in result:
            continue
        result.add(entry_id)
        if entry_id.startswith("ip:"):
            pending.extend(_ip_implies(entry_id))
        elif (kind, entry_id) in lexicon():
            pending.extend(lexicon()[(kind, entry_id)].implies)
    return result


def term_for(kind: TermKind, entry_id: str, lang: str) -> str:
    """How `lang` copy names an entry: its first term in that language, else the neutral mark or English."""
    if entry_id.startswith("ip:"):
        return entry_id[3:]
    terms = lexicon()[(kind, entry_id)].terms
    for key in (base_language(lang), _NEUTRAL, "en"):
        if terms.get(key):
            return terms[key][0]
    raise KeyError(f"{kind} {entry_id} has no term for {lang}")


def lookup_term(text: str, kind: TermKind) -> str | None:
    """The entry id a whole phrase (a facts' `materials` item, say) names in any language, if it names one."""
    hits = [h for h in find_terms(text, BASE_LANGUAGES) if h.kind == kind]
    return hits[0].id if hits else None
