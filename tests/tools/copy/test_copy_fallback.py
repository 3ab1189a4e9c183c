"""The fallback listing is valid by construction for every platform x market, from Chinese or English
facts."""

import re

import pytest

from tools.copy import (
    PLATFORMS,
    ProductFacts,
    check_facts,
    fallback_fields,
    fallback_listing,
    field_texts,
    fields_model_for,
    run_all_checks,
)
from tools.copy.textnorm import is_han
from tools.markets import all_markets

MARKETS = sorted(all_markets())
MUST_PASS = ("limits", "facts", "repetition", "language", "glossary")


def _assert_valid(platform: str, market: str, facts: ProductFacts) -> None:
    fields = fallback_fields(platform, market, facts)
    assert isinstance(fields, fields_model_for(platform))
    results = {r.name: r for r in run_all_checks(platform, market, fields, facts)}
    for name in MUST_PASS:
        assert results[name].ok, (platform, market, name, results[name].details, fields)


@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_fallback_from_chinese_facts_passes_the_checks(
    platform: str, market: str, zh_product: ProductFacts
) -> None:
    _assert_valid(platform, market, zh_product)


@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_fallback_from_english_facts_passes_the_checks(
    platform: str, market: str, en_product: ProductFacts
) -> None:
    _assert_valid(platform, market, en_product)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_sparse_chinese_facts_still_give_a_complete_listing(platform: str) -> None:
    facts = ProductFacts(name="多功能收纳盒", category="家居", features=["大容量，防潮"])
    for market in ("US", "JP", "SA", "TH"):
        _assert_valid(platform, market, facts)
        listing = fallback_listing(platform, market, facts)
        assert "大容量，防潮" in listing.dropped and "多功能收纳盒" in listing.dropped


@pytest.mark.parametrize("market", MARKETS)
def test_no_chinese_sentence_reaches_any_listing(market: str, zh_product: ProductFacts) -> None:
    listing = fallback_listing("amazon", market, zh_product)
    texts = [t.text for t in field_texts(listing.fields)]
    for sentence in [zh_product.name, zh_product.description or "", *zh_product.features]:
        assert all(sentence not in text for text in texts)
    if market != "JP":
        assert not any(is_han(ch) for text in texts for ch in text), texts
    assert set(zh_product.features) <= set(listing.dropped)


def test_us_listing_converts_metric_facts_and_keeps_the_original(zh_product: ProductFacts) -> None:
    fields = fallback_fields("amazon", "US", zh_product)
    text = " ".join(t.text for t in field_texts(fields))
    assert "4 in (10 cm)" in text and "2.2 lb (1 kg)" in text and "9/16 in" in text
    assert re.search(r"-4–194 °F \(-20–90 °C\)", text)
    assert check_facts(text, zh_product, "en").ok


def test_metric_listing_converts_inches_and_localizes_decimals(zh_product: ProductFacts) -> None:
    text = " ".join(t.text for t in field_texts(fallback_fields("amazon", "DE", zh_product)))
    assert "1,43 cm (9/16 in)" in text and "Kupfer" in text and "2er-Pack" in text


def test_materials_are_translated_through_the_lexicon(zh_product: ProductFacts) -> None:
    expected = {
        "FR": "cuivre",
        "ES": "cobre",
        "JP": "銅",
        "KR": "구리",
        "SA": "نحاس",
        "TH": "ทองแดง",
        "VN": "đồng",
    }
    for market, word in expected.items():
        fields = fallback_fields("tiktok_shop", market, zh_product)
        assert word in fields.model_dump()["title"], (market, fields)


def test_english_facts_keep_their_wording_in_english_markets(en_product: ProductFacts) -> None:
    gb = fallback_listing("amazon", "GB", en_product)
    assert gb.dropped == []
    bullets = gb.fields.model_dump()["bullets"]
    assert "Keeps drinks cold 24 hours and hot 12 hours" in bullets
    de = fallback_listing("amazon", "DE", en_product)
    assert "Fits most cup holders" in de.dropped
