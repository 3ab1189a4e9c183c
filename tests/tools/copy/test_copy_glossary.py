"""Glossary: brand and model terms appear verbatim and untranslated."""

from tools.copy import (
    Glossary,
    GlossaryTerm,
    MetaAdsFields,
    ProductFacts,
    check_glossary,
    glossary_from_facts,
)


def _fields(primary: str, headline: str = "Headline", description: str = "Shop now") -> MetaAdsFields:
    return MetaAdsFields(primary_text=primary, headline=headline, description=description)


GLOSSARY = Glossary(
    terms=[GlossaryTerm(term="Xiaomi", required=True, variants=["小米", "Сяоми"]), GlossaryTerm(term="X200")]
)


def test_verbatim_terms_pass() -> None:
    assert check_glossary(_fields("Xiaomi X200 Powerbank mit 10000 mAh"), GLOSSARY).ok


def test_missing_required_term_fails() -> None:
    result = check_glossary(_fields("Powerbank mit 10000 mAh"), GLOSSARY)
    assert not result.ok and "Xiaomi" in result.details[0].message


def test_altered_spelling_fails_with_its_position() -> None:
    text = "Xiaomi powerbank, model x-200"
    result = check_glossary(_fields(text), GLOSSARY)
    assert not result.ok
    detail = result.details[0]
    assert detail.text == "x-200" and detail.field == "primary_text"
    assert detail.span is not None and text[detail.span.start : detail.span.end] == "x-200"


def test_translated_term_fails() -> None:
    result = check_glossary(_fields("Xiaomi", headline="小米充电宝"), GLOSSARY)
    assert not result.ok
    assert result.details[0].field == "headline" and "untranslated" in result.details[0].message


def test_glossary_from_facts_takes_brand_and_model_codes() -> None:
    facts = ProductFacts(name="Acme X200 HD-500 铜管 10cm IPX7", brand="Acme", category="五金")
    glossary = glossary_from_facts(facts, extra=["AquaSeal"])
    assert [(t.term, t.required) for t in glossary.terms] == [
        ("Acme", True),
        ("X200", False),
        ("HD-500", False),
        ("AquaSeal", False),
    ]
