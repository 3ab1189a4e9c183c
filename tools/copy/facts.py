"""Product facts as a seller gives them (Chinese or English) and the checkable facts found in text."""

import re
from collections.abc import Sequence

from pydantic import BaseModel, Field

from tools.copy.glossary_terms import Glossary, mask_glossary
from tools.copy.lexicon import TermHit, TermKind, find_terms, lookup_term, supported_ids
from tools.copy.quantities import Quantity, extract_quantities

# Sellers write product data in Chinese or English, often mixed.
FACT_LANGS = ("zh", "en")
_KEY_UNIT = re.compile(r"[(\[（【]\s*([^)\]）】]+?)\s*[)\]）】]")


class ProductFacts(BaseModel):
    """The product data copy may state; `specs` maps a label to a value with its unit ("重量": "1.5公斤")."""

    name: str = Field(min_length=1)
    description: str | None = None
    features: list[str] = []
    specs: dict[str, str] = {}
    materials: list[str] = []
    certifications: list[str] = []
    claims: list[str] = []
    category: str
    brand: str | None = None
    keywords: list[str] = []


class FactSet(BaseModel):
    """Checkable facts found in one text."""

    numbers_with_units: list[Quantity] = []
    bare_numbers: list[Quantity] = []
    materials: list[TermHit] = []
    certifications: list[TermHit] = []
    claims: list[TermHit] = []


class SupportedFacts(BaseModel):
    """What product data supports: quantities, every number written, lexicon ids with what they imply."""

    quantities: list[Quantity]
    numbers: list[float]
    materials: set[str]
    certifications: set[str]
    claims: set[str]


def extract_facts(text: str, lang: str | Sequence[str]) -> FactSet:
    """Numbers with units, bare numbers, materials, certifications and claims in `text` written in `lang`."""
    langs = [lang] if isinstance(lang, str) else list(lang)
    quantities = extract_quantities(text, langs)
    hits = find_terms(text, langs)
    return FactSet(
        numbers_with_units=[q for q in quantities if q.unit],
        bare_numbers=[q for q in quantities if not q.unit],
        materials=[h for h in hits if h.kind == "material"],
        certifications=[h for h in hits if h.kind == "certification"],
        claims=[h for h in hits if h.kind == "claim"],
    )


def spec_text(key: str, value: str) -> str:
    """A spec as text, taking the unit from the label when the value has none ("容量(mAh)": "5000")."""
    if any(q.unit for q in extract_quantities(value, FACT_LANGS)):
        return value
    found = _KEY_UNIT.search(key)
    if found and re.fullmatch(r"[\d.,/\s~\-–x×]+", value.strip()):
        candidate = f"{value.strip()} {found.group(1)}"
        if any(q.unit for q in extract_quantities(candidate, FACT_LANGS)):
            return candidate
    return value


def spec_label(key: str) -> str:
    """A spec label without the unit it names ("Battery (mAh)" -> "Battery")."""
    return _KEY_UNIT.sub("", key).strip() or key


def fact_texts(facts: ProductFacts, glossary: Glossary | None = None) -> list[str]:
    """Every text of the product data that copy may draw facts from, glossary terms blanked (a brand named
    "CopperChef" states no material)."""
    texts = [facts.name, facts.brand or "", facts.description or "", facts.category]
    texts += facts.features + facts.materials + facts.certifications + facts.claims + facts.keywords
    texts += [f"{key}: {spec_text(key, value)}" for key, value in facts.specs.items()]
    return [masked for t in texts if (masked := mask_glossary(t, glossary)).strip()]


def _listed(items: list[str], kind: TermKind) -> set[str]:
    """Lexicon ids named by the facts' explicit lists (each item may be in any language)."""
    return {entry for item in items if (entry := lookup_term(item, kind))}


def supported_facts(facts: ProductFacts, glossary: Glossary | None = None) -> SupportedFacts:
    """Everything `facts` supports, for checking copy against it (glossary terms are not facts)."""
    quantities: list[Quantity] = []
    hits: list[TermHit] = []
    for text in fact_texts(facts, glossary):
        quantities.extend(extract_quantities(text, FACT_LANGS))
        hits.extend(find_terms(text, FACT_LANGS))
    numbers = [v for q in quantities for n in q.numbers for v in (n.value, *n.alternatives)]

    def ids(kind: TermKind, listed: list[str]) -> set[str]:
        return supported_ids(kind, {h.id for h in hits if h.kind == kind} | _listed(listed, kind))

    return SupportedFacts(
        quantities=[q for q in quantities if q.unit],
        numbers=numbers,
        materials=ids("material", facts.materials),
        certifications=ids("certification", facts.certifications),
        claims=ids("claim", facts.claims),
    )
