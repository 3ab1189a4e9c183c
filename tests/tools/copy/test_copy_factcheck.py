"""Facts preserved: invented materials, numbers, certifications and claims are caught; faithful copy passes
(the checks read each language's words and units)."""

import pytest

from tools.copy import Glossary, GlossaryTerm, ProductFacts, check_facts


@pytest.fixture
def fitting() -> ProductFacts:
    return ProductFacts(
        name="Acme X200 铜管接头",
        brand="Acme",
        category="五金",
        materials=["铜"],
        specs={"接口": "9/16英寸", "长度": "10厘米", "重量": "1公斤"},
        claims=["防水"],
        certifications=["CE"],
    )


FAITHFUL = {
    "en": "Acme X200 copper fitting, 9/16 in thread, 10 cm long, 1 kg, waterproof, CE",
    "de": "Acme X200 Kupferfitting, 9/16 Zoll Gewinde, 10 cm lang, 1 kg, wasserdicht, CE",
    "es": "Racor Acme X200 de cobre, rosca de 9/16 pulgadas, 10 cm, 1 kg, impermeable, CE",
    "fr": "Raccord Acme X200 en cuivre, filetage 9/16 pouce, 10 cm, 1 kg, étanche, CE",
    "ja": "Acme X200 銅製継手、9/16インチ、長さ10センチ、1kg、防水、CE",
    "ar": "وصلة Acme X200 من النحاس، 9/16 بوصة، 10 سم، 1 كجم، ضد الماء، CE",
    "zh": "Acme X200 铜接头，9/16英寸，10厘米，1公斤，防水，CE",
}

# The two classic drafting errors: the material swapped, the fraction grown a whole number.
COPPER_TO_STEEL = {
    "en": ("Acme X200 steel fitting, 9/16 in thread", "steel"),
    "de": ("Acme X200 Stahlfitting, 9/16 Zoll Gewinde", "Stahl"),
    "es": ("Racor Acme X200 de acero, 9/16 pulgadas", "acero"),
    "fr": ("Raccord Acme X200 en acier, 9/16 pouce", "acier"),
    "it": ("Raccordo Acme X200 in acciaio, 9/16 pollici", "acciaio"),
    "pt": ("Conexão Acme X200 de aço, 9/16 polegadas", "aço"),
    "ja": ("Acme X200 鋼製継手、9/16インチ", "鋼"),
    "ko": ("Acme X200 강철 피팅, 9/16인치", "강철"),
    "ar": ("وصلة Acme X200 من الفولاذ، 9/16 بوصة", "فولاذ"),
    "vi": ("Khớp nối Acme X200 bằng thép, 9/16 inch", "thép"),
    "th": ("ข้อต่อ Acme X200 เหล็กกล้า 9/16 นิ้ว", "เหล็กกล้า"),
    "id": ("Sambungan Acme X200 dari baja, 9/16 inci", "baja"),
}
FRACTION_GREW = {
    "en": ("Acme X200 copper fitting, 1-9/16 in thread", "1-9/16 in"),
    "de": ("Acme X200 Kupferfitting, 1-9/16 Zoll Gewinde", "1-9/16 Zoll"),
    "es": ("Racor Acme X200 de cobre, 1-9/16 pulgadas", "1-9/16 pulgadas"),
    "fr": ("Raccord Acme X200 en cuivre, 1 9/16 pouce", "1 9/16 pouce"),
    "ja": ("Acme X200 銅製継手、1-9/16インチ", "1-9/16インチ"),
    "ar": ("وصلة Acme X200 من النحاس، 1-9/16 بوصة", "1-9/16 بوصة"),
    "zh": ("Acme X200 铜接头，1-9/16英寸", "1-9/16英寸"),
}


@pytest.mark.parametrize("lang", sorted(FAITHFUL))
def test_faithful_copy_passes(fitting: ProductFacts, lang: str) -> None:
    result = check_facts(FAITHFUL[lang], fitting, lang)
    assert result.ok, result.unsupported


@pytest.mark.parametrize("lang", sorted(COPPER_TO_STEEL))
def test_copper_that_became_steel_is_caught(fitting: ProductFacts, lang: str) -> None:
    text, word = COPPER_TO_STEEL[lang]
    result = check_facts(text, fitting, lang)
    assert not result.ok
    assert [(u.kind, u.text) for u in result.unsupported] == [("material", word)]
    span = result.unsupported[0].span
    assert text[span.start : span.end] == word


@pytest.mark.parametrize("lang", sorted(FRACTION_GREW))
def test_nine_sixteenths_that_became_one_and_nine_sixteenths_is_caught(
    fitting: ProductFacts, lang: str
) -> None:
    text, written = FRACTION_GREW[lang]
    result = check_facts(text, fitting, lang)
    assert [(u.kind, u.text) for u in result.unsupported] == [("quantity", written)]


def test_metric_facts_converted_for_the_us_pass(fitting: ProductFacts) -> None:
    text = "Acme X200 copper fitting, 3.9 in (10 cm) long, 2.2 lb, 0.6 in thread"
    assert check_facts(text, fitting, "en").ok


@pytest.mark.parametrize("wrong", ["4.5 in long", "2 lb", "1 m long", "5/8 in thread", "20 cm"])
def test_conversions_beyond_rounding_fail(fitting: ProductFacts, wrong: str) -> None:
    result = check_facts(f"copper fitting, {wrong}", fitting, "en")
    assert [u.kind for u in result.unsupported] == ["quantity"]


def test_invented_certification_claim_and_pack_are_caught(fitting: ProductFacts) -> None:
    result = check_facts("copper fitting, FCC and RoHS, BPA-free, pack of 2, 1 kg", fitting, "en")
    assert [(u.kind, u.text) for u in result.unsupported] == [
        ("certification", "FCC"),
        ("certification", "RoHS"),
        ("claim", "BPA-free"),
        ("quantity", "pack of 2"),
    ]


def test_spec_like_bare_numbers_are_checked_small_counts_are_not(fitting: ProductFacts) -> None:
    result = check_facts("copper fitting in 2 finishes, rated 2500 cycles, since 1998", fitting, "en")
    assert [u.text for u in result.unsupported] == ["2500", "1998"]


def test_brand_and_model_codes_are_not_facts() -> None:
    facts = ProductFacts(
        name="CopperChef 3000 pan", brand="CopperChef", category="kitchen", materials=["aluminum"]
    )
    glossary = Glossary(terms=[GlossaryTerm(term="CopperChef", required=True), GlossaryTerm(term="3000")])
    assert check_facts("CopperChef 3000 aluminum pan", facts, "en", glossary).ok
    assert not check_facts("CopperChef 3000 copper pan", facts, "en", glossary).ok


def test_implied_facts_are_supported() -> None:
    facts = ProductFacts(name="Flask", category="kitchen", materials=["不锈钢"], claims=["IPX7"])
    assert check_facts("steel flask, stainless steel body, waterproof and water-resistant", facts, "en").ok
    assert not check_facts("copper flask", facts, "en").ok


def test_units_named_in_a_spec_label_count() -> None:
    facts = ProductFacts(name="Lamp", category="home", specs={"电池容量(mAh)": "2000"})
    assert check_facts("battery 2000 mAh", facts, "en").ok
    assert not check_facts("battery 3000 mAh", facts, "en").ok
