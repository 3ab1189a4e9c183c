"""Brand and product terms that copy keeps verbatim and untranslated."""

import re
from collections.abc import Sequence

from tools.copy.facts import FACT_LANGS, ProductFacts
from tools.copy.fields import PlatformFields, field_texts
from tools.copy.glossary_terms import Glossary, GlossaryTerm, loose_pattern
from tools.copy.lexicon import find_terms
from tools.copy.quantities import extract_quantities
from tools.copy.results import CheckDetail, CheckResult, Span, result_of

# A model code: letters and digits mixed in one token (X200, HD-500, A1-Pro).
_MODEL_CODE = re.compile(
    r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9](?![A-Za-z0-9-])"
)


def model_codes(text: str) -> list[str]:
    """Model-number-like tokens of a product name (X200, HD-500), leaving out quantities and IP codes."""
    codes = []
    for match in _MODEL_CODE.finditer(text):
        token = match.group()
        if any(q.unit for q in extract_quantities(token, FACT_LANGS)) or find_terms(token, FACT_LANGS):
            continue
        codes.append(token)
    return codes


def glossary_from_facts(facts: ProductFacts, extra: Sequence[str] = ()) -> Glossary:
    """A product's glossary: its brand (required), model codes from its name, and the seller's own terms."""
    terms: list[GlossaryTerm] = []
    if facts.brand and facts.brand.strip():
        terms.append(GlossaryTerm(term=facts.brand.strip(), required=True))
    seen = {t.term for t in terms}
    for word in [*model_codes(facts.name), *extra]:
        if word.strip() and word.strip() not in seen:
            terms.append(GlossaryTerm(term=word.strip()))
            seen.add(word.strip())
    return Glossary(terms=terms)


def check_glossary(fields: PlatformFields, glossary: Glossary) -> CheckResult:
    """Glossary terms appear exactly as written (required ones at least once) and are never translated."""
    texts = field_texts(fields)
    details: list[CheckDetail] = []
    for term in glossary.terms:
        if term.required and not any(term.term in t.text for t in texts):
            details.append(
                CheckDetail(message=f"Include '{term.term}' exactly as written in at least one field.")
            )
        for item in texts:
            for match in loose_pattern(term.term).finditer(item.text):
                if match.group() != term.term:
                    details.append(
                        _detail(item.field, match, f"Write '{match.group()}' exactly as '{term.term}'.")
                    )
            for variant in term.variants:
                for match in re.finditer(re.escape(variant), item.text, re.IGNORECASE):
                    message = f"'{match.group()}' translates '{term.term}'; keep '{term.term}' untranslated."
                    details.append(_detail(item.field, match, message))
    return result_of("glossary", details)


def _detail(field: str, match: re.Match[str], message: str) -> CheckDetail:
    return CheckDetail(
        message=message, field=field, text=match.group(), span=Span(start=match.start(), end=match.end())
    )
