"""The pieces of a fallback listing, taken from product facts and written in the market's language."""

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from tools.copy.conventions import apply_spelling, conventions_for
from tools.copy.facts import FACT_LANGS, ProductFacts, fact_texts, spec_label, spec_text
from tools.copy.glossary_terms import Glossary
from tools.copy.langs import base_language
from tools.copy.lexicon import TermKind, find_terms, lookup_term, term_for
from tools.copy.quantities import Quantity, extract_quantities
from tools.copy.render import render_quantity, template

UnitSystem = Literal["us", "metric"]


class SpecLine(BaseModel):
    label: str
    value: str


class ListingParts(BaseModel):
    """Localized pieces of a listing. `dropped` holds product texts left out because they are free text in
    another language than the market's (copy never carries untranslated sentences)."""

    lang: str
    head: str
    product_word: str
    materials: list[str]
    claims: list[str]
    certifications: list[str]
    specs: list[SpecLine]
    features: list[str]
    description: str
    keywords: list[str]
    dropped: list[str]


def usable_free_text(text: str, lang: str) -> bool:
    """Free text is kept only in its own language: product data is Chinese or English, so only text without
    non-Latin letters, and only in English copy."""
    return base_language(lang) == "en" and not any(ch.isalpha() and ord(ch) > 0x24F for ch in text)


def _ids(facts: ProductFacts, kind: TermKind, listed: list[str], glossary: Glossary) -> list[str]:
    """Lexicon ids the facts name, in order of first mention."""
    found = [lookup_term(item, kind) for item in listed]
    found += [
        hit.id
        for text in fact_texts(facts, glossary)
        for hit in find_terms(text, FACT_LANGS)
        if hit.kind == kind
    ]
    return list(dict.fromkeys(i for i in found if i))


def _terms(
    facts: ProductFacts, kind: TermKind, listed: list[str], lang: str, glossary: Glossary
) -> list[str]:
    entries = _ids(facts, kind, listed, glossary)
    terms = [apply_spelling(term_for(kind, entry, lang), lang) for entry in entries]
    return list(dict.fromkeys(terms))


def _quantity_sources(facts: ProductFacts) -> list[tuple[str | None, str]]:
    """(spec label or None, text) in the order facts are shown: specs first, then the free texts."""
    sources: list[tuple[str | None, str]] = [
        (key, spec_text(key, value)) for key, value in facts.specs.items()
    ]
    sources += [(None, text) for text in [facts.name, facts.description or "", *facts.features] if text]
    return sources


def _spec_lines(facts: ProductFacts, lang: str, system: UnitSystem) -> tuple[list[SpecLine], list[str]]:
    labels = template(lang)["labels"]
    lines: list[SpecLine] = []
    dropped: list[str] = []
    seen: set[tuple[str, tuple[float, ...]]] = set()
    for key, text in _quantity_sources(facts):
        quantities = [q for q in extract_quantities(text, FACT_LANGS) if q.unit]
        if key is not None and not quantities:
            line = f"{key}: {text}"
            if usable_free_text(line, lang):
                lines.append(SpecLine(label=key, value=text))
            else:
                dropped.append(line)
        for quantity in quantities:
            identity = (quantity.unit, tuple(n.value for n in quantity.numbers))
            if identity in seen:
                continue
            seen.add(identity)
            label = (
                spec_label(key)
                if key is not None and usable_free_text(key, lang)
                else _label(quantity, labels)
            )
            lines.append(SpecLine(label=label, value=render_quantity(quantity, lang, system)))
    return lines, dropped


def _label(quantity: Quantity, labels: dict[str, str]) -> str:
    return labels.get(quantity.dimension) or labels["other"]


def _keep_or_drop(texts: Iterable[str], lang: str, dropped: list[str]) -> list[str]:
    kept = []
    for text in texts:
        if not text.strip():
            continue
        if usable_free_text(text, lang):
            kept.append(apply_spelling(text.strip(), lang))
        else:
            dropped.append(text)
    return kept


def _head(facts: ProductFacts, glossary: Glossary, lang: str) -> str:
    brand = (facts.brand or "").strip()
    if usable_free_text(facts.name, lang):
        return facts.name if not brand or brand in facts.name else f"{brand} {facts.name}"
    codes = [t.term for t in glossary.terms if not t.required and t.term in facts.name]
    return " ".join([brand, *codes]).strip()


def _unlisted(items: list[str], kind: TermKind, lang: str, dropped: list[str]) -> list[str]:
    """Items of the facts' lists the lexicon does not know: codes kept verbatim, free text by language."""
    unknown = [item for item in items if item.strip() and lookup_term(item, kind) is None]
    codes = [item for item in unknown if not any(ch.isalpha() and ord(ch) > 0x24F for ch in item)]
    kept = codes if kind == "certification" else _keep_or_drop(codes, lang, dropped)
    dropped.extend(item for item in unknown if item not in codes)
    return kept


def listing_parts(facts: ProductFacts, market: str, glossary: Glossary) -> ListingParts:
    """The pieces a fallback listing for `market` is assembled from."""
    conventions = conventions_for(market)
    lang = conventions.language
    dropped: list[str] = []
    specs, spec_dropped = _spec_lines(facts, lang, conventions.units.system)
    head = _head(facts, glossary, lang)
    if head != facts.name and facts.name.strip() and not usable_free_text(facts.name, lang):
        dropped.append(facts.name)
    description = _keep_or_drop([facts.description or ""], lang, dropped)
    features = _keep_or_drop(facts.features, lang, dropped)
    keywords = _keep_or_drop([*facts.keywords, facts.category], lang, dropped)
    return ListingParts(
        lang=lang,
        head=head,
        product_word=str(template(lang)["product"]),
        materials=_terms(facts, "material", facts.materials, lang, glossary)
        + _unlisted(facts.materials, "material", lang, dropped),
        claims=_terms(facts, "claim", facts.claims, lang, glossary)
        + _unlisted(facts.claims, "claim", lang, dropped),
        certifications=_terms(facts, "certification", facts.certifications, lang, glossary)
        + _unlisted(facts.certifications, "certification", lang, dropped),
        specs=specs,
        features=features,
        description=description[0] if description else "",
        keywords=keywords,
        dropped=list(dict.fromkeys(dropped + spec_dropped)),
    )
