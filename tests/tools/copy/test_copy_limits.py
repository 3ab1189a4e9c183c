"""Platform limits: the data file, length units (characters, UTF-8 bytes, CJK width) and the limit check."""

import pytest

from tools.copy import (
    PLATFORMS,
    check_limits,
    display_length,
    fields_model_for,
    platform_limits,
    truncate_to,
)
from tools.errors import BadInput


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_field_has_a_sourced_limit(platform: str) -> None:
    limits = platform_limits(platform)
    assert set(limits) == set(fields_model_for(platform).model_fields)
    for limit in limits.values():
        assert limit.source.strip()
        assert limit.hard is not None or limit.recommended is not None


def test_documented_numbers() -> None:
    amazon, google = platform_limits("amazon"), platform_limits("google_ads")
    assert (amazon["title"].hard, amazon["search_terms"].hard, amazon["search_terms"].unit) == (
        200,
        249,
        "bytes",
    )
    assert amazon["bullets"].items is not None and amazon["bullets"].items.max == 5
    assert google["headlines"].items is not None
    assert (google["headlines"].items.min, google["headlines"].items.max, google["headlines"].hard) == (
        3,
        15,
        30,
    )
    assert (google["descriptions"].hard, google["path1"].hard, google["headlines"].unit) == (90, 15, "width")
    assert platform_limits("tiktok_ads")["ad_text"].unit == "width"
    assert platform_limits("tiktok_shop")["description"].verified is False


def test_length_units() -> None:
    assert display_length("Kupfer", "chars") == 6
    assert display_length("Größe", "bytes") == 7  # ö and ß take two bytes each
    assert display_length("销售", "bytes") == 6
    assert display_length("抗菌タオル", "width") == 10
    assert display_length("ＡＢ", "width") == 4  # full-width Latin counts double
    assert display_length("Towel 抗菌", "width") == 10
    assert display_length("e\u0301", "chars") == 1  # combining accent composes under NFC


def test_google_headline_in_japanese_counts_double() -> None:
    fields = {
        "headlines": ["抗菌タオルを今すぐ購入できます公式ストア", "B", "C"],
        "descriptions": ["d1", "d2"],
    }
    result = check_limits("google_ads", fields)
    assert not result.ok
    assert [d.field for d in result.details] == ["headlines[0]"]
    assert len(fields["headlines"][0]) == 20  # under 30 characters, but 40 in width units
    assert "40 width" in result.details[0].message


def test_amazon_search_terms_count_bytes() -> None:
    base = {"title": "t", "bullets": ["b"], "description": "d"}
    ascii_terms = " ".join(["towel"] * 41)  # 245 bytes
    accented = " ".join(["toalla algodón"] * 17)  # 15 chars but 16 bytes each, 271 bytes in all
    assert check_limits("amazon", {**base, "search_terms": ascii_terms}).ok
    result = check_limits("amazon", {**base, "search_terms": accented})
    assert len(accented) < 255 and not result.ok
    assert result.details[0].field == "search_terms"


def test_hard_limits_fail_and_recommended_ones_warn() -> None:
    fields = {"title": "x" * 201, "bullets": ["y" * 300], "description": "d", "search_terms": "s"}
    result = check_limits("amazon", fields)
    assert not result.ok
    assert [(d.field, d.severity) for d in result.details] == [("title", "error"), ("bullets[0]", "warning")]
    meta = check_limits("meta_ads", {"primary_text": "p" * 200, "headline": "h", "description": "d"})
    assert meta.ok and [d.severity for d in meta.details] == ["warning"]


def test_item_counts_and_empty_fields() -> None:
    result = check_limits("google_ads", {"headlines": ["a", "b"], "descriptions": ["d1", "d2"]})
    assert not result.ok and "2 entries" in result.details[0].message
    empty = check_limits("tiktok_ads", {"ad_text": ""})
    assert not empty.ok


def test_bad_platform_and_fields_are_bad_input() -> None:
    with pytest.raises(BadInput, match="known platforms"):
        platform_limits("ebay")
    with pytest.raises(BadInput, match="headline"):
        check_limits("meta_ads", {"primary_text": "p"})


@pytest.mark.parametrize(
    ("text", "limit", "unit", "expected"),
    [
        ("Stainless steel water bottle", 20, "chars", "Stainless steel"),
        ("Capacity 1500 mAh", 11, "chars", "Capacity"),
        ("抗菌タオル綿100%", 10, "width", "抗菌タオル"),
        ("Size 3.9 in (10 cm)", 17, "chars", "Size 3.9 in"),
        ("ผ้าขนหนูต้านแบคทีเรีย", 7, "chars", "ผ้าขนห"),
    ],
)
def test_truncation_keeps_whole_words_numbers_and_graphemes(
    text: str, limit: int, unit: str, expected: str
) -> None:
    cut = truncate_to(text, limit, unit)  # type: ignore[arg-type]
    assert cut == expected
    assert display_length(cut, unit) <= limit  # type: ignore[arg-type]
