"""Facts preserved: every number, unit, material, certification and claim in copy comes from the product."""

from typing import Literal

from pydantic import BaseModel

from tools.copy.datafiles import load_data
from tools.copy.facts import ProductFacts, SupportedFacts, extract_facts, supported_facts
from tools.copy.glossary import glossary_from_facts
from tools.copy.glossary_terms import Glossary, mask_glossary
from tools.copy.lexicon import TermHit
from tools.copy.quantities import ParsedNumber, Quantity
from tools.copy.results import Span
from tools.copy.units import convert, unit

FactKind = Literal["quantity", "number", "material", "certification", "claim"]


class UnsupportedFact(BaseModel):
    """Something the copy states that the product data does not support."""

    kind: FactKind
    text: str
    span: Span
    note: str = ""


class FactCheck(BaseModel):
    ok: bool
    unsupported: list[UnsupportedFact] = []


def _close(expected: float, written: ParsedNumber, temperature: bool) -> bool:
    """True when `written` equals `expected` or rounds it to the precision it is written with."""
    tolerance = load_data("checks")["facts"]["relative_tolerance"]
    for value in (written.value, *written.alternatives):
        diff = abs(expected - value)
        if diff <= 1e-9 * max(1.0, abs(expected)):
            return True
        if diff <= written.resolution / 2 + 1e-9 and (temperature or diff <= tolerance * abs(expected)):
            return True
    return False


def _number_supported(number: ParsedNumber, code: str, facts: list[Quantity]) -> bool:
    dimension = unit(code).dimension
    for fact in facts:
        if fact.dimension != dimension:
            continue
        for fact_number in fact.numbers:
            for value in (fact_number.value, *fact_number.alternatives):
                if _close(convert(value, fact.unit, code), number, dimension == "temperature"):
                    return True
    return False


def quantity_supported(quantity: Quantity, facts: list[Quantity]) -> bool:
    """True when every number of `quantity` is a fact of the same dimension, after unit conversion."""
    return all(_number_supported(n, quantity.unit, facts) for n in quantity.numbers)


def _looks_like_spec(quantity: Quantity) -> bool:
    number = quantity.numbers[0]
    minimum = load_data("checks")["facts"]["bare_number_min"]
    return number.resolution < 1 or number.value >= minimum


def _describe(support: SupportedFacts, dimension: str) -> str:
    values = [q.text for q in support.quantities if q.dimension == dimension]
    return f"product data has: {', '.join(dict.fromkeys(values))}" if values else "product data has none"


def check_against(
    output_text: str, support: SupportedFacts, lang: str, glossary: Glossary | None
) -> FactCheck:
    """check_facts with the product's supported facts already computed (for checking many fields)."""
    found = extract_facts(mask_glossary(output_text, glossary), lang)
    unsupported: list[UnsupportedFact] = []
    for quantity in found.numbers_with_units:
        if not quantity_supported(quantity, support.quantities):
            note = _describe(support, quantity.dimension)
            unsupported.append(
                UnsupportedFact(kind="quantity", text=quantity.text, span=quantity.span, note=note)
            )
    for quantity in found.bare_numbers:
        number = quantity.numbers[0]
        if _looks_like_spec(quantity) and not any(_close(v, number, False) for v in support.numbers):
            unsupported.append(UnsupportedFact(kind="number", text=quantity.text, span=quantity.span))
    lexicon_checks: list[tuple[FactKind, list[TermHit], set[str]]] = [
        ("material", found.materials, support.materials),
        ("certification", found.certifications, support.certifications),
        ("claim", found.claims, support.claims),
    ]
    for kind, hits, allowed in lexicon_checks:
        for hit in hits:
            if hit.id not in allowed:
                note = f"product data lists: {', '.join(sorted(allowed)) or 'none'}"
                unsupported.append(UnsupportedFact(kind=kind, text=hit.text, span=hit.span, note=note))
    unsupported.sort(key=lambda u: u.span.start)
    return FactCheck(ok=not unsupported, unsupported=unsupported)


def check_facts(
    output_text: str, facts: ProductFacts, lang: str, glossary: Glossary | None = None
) -> FactCheck:
    """Every number+unit, spec-like number, material, certification and claim of `output_text` is in `facts`
    (after normalisation and unit conversion); brand, name codes and glossary terms are not checked."""
    glossary = glossary if glossary is not None else glossary_from_facts(facts)
    return check_against(output_text, supported_facts(facts, glossary), lang, glossary)
