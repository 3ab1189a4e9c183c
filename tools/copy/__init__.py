"""The copywriter's deterministic core: platform limits, market conventions, fact preservation, language,
repetition, taboo and glossary checks, and a fallback listing built from facts alone."""

from tools.copy.checks import feedback_for, run_all_checks
from tools.copy.conventions import (
    MarketConventions,
    apply_spelling,
    check_spelling,
    check_taboos,
    conventions_for,
)
from tools.copy.factcheck import FactCheck, UnsupportedFact, check_facts
from tools.copy.facts import FactSet, ProductFacts, extract_facts
from tools.copy.fallback import FallbackListing, fallback_fields, fallback_listing
from tools.copy.fields import (
    PLATFORMS,
    AmazonFields,
    GoogleAdsFields,
    MetaAdsFields,
    Platform,
    PlatformFields,
    ShopifyFields,
    TikTokAdsFields,
    TikTokShopFields,
    coerce_fields,
    field_texts,
    fields_model_for,
)
from tools.copy.glossary import check_glossary, glossary_from_facts
from tools.copy.glossary_terms import Glossary, GlossaryTerm
from tools.copy.language import check_language
from tools.copy.length import LengthUnit, display_length, truncate_to
from tools.copy.limits import FieldLimit, check_limits, platform_limits
from tools.copy.quantities import ParsedNumber, Quantity, extract_quantities
from tools.copy.repetition import check_repetition
from tools.copy.results import CheckDetail, CheckResult, Span
from tools.copy.similarity import EMBEDDING_THRESHOLD, JACCARD_THRESHOLD, too_similar
from tools.copy.units import convert

__all__ = [
    "EMBEDDING_THRESHOLD",
    "JACCARD_THRESHOLD",
    "PLATFORMS",
    "AmazonFields",
    "CheckDetail",
    "CheckResult",
    "FactCheck",
    "FactSet",
    "FallbackListing",
    "FieldLimit",
    "Glossary",
    "GlossaryTerm",
    "GoogleAdsFields",
    "LengthUnit",
    "MarketConventions",
    "MetaAdsFields",
    "ParsedNumber",
    "Platform",
    "PlatformFields",
    "ProductFacts",
    "Quantity",
    "ShopifyFields",
    "Span",
    "TikTokAdsFields",
    "TikTokShopFields",
    "UnsupportedFact",
    "apply_spelling",
    "check_facts",
    "check_glossary",
    "check_language",
    "check_limits",
    "check_repetition",
    "check_spelling",
    "check_taboos",
    "coerce_fields",
    "conventions_for",
    "convert",
    "display_length",
    "extract_facts",
    "extract_quantities",
    "fallback_fields",
    "fallback_listing",
    "feedback_for",
    "field_texts",
    "fields_model_for",
    "glossary_from_facts",
    "platform_limits",
    "run_all_checks",
    "too_similar",
    "truncate_to",
]
