"""Request validation, the fallback path over every market and platform, and compliance's rewrite put back."""

from pathlib import Path
from typing import Any

import pytest
from copywriter_fakes import PRODUCT, RecordingModel, make_deps, request

from agents.copywriter.drafting import draft_max_tokens, draft_schema
from agents.copywriter.listing import apply_revision, listing_text
from agents.copywriter.service import generate_copy
from agents.copywriter.targets import parse_copy_request
from tools.copy import PLATFORMS, platform_limits
from tools.errors import BadInput
from tools.markets import all_markets


@pytest.mark.parametrize(("body", "message"), [
    (request("ZZ:amazon"), "unknown market 'ZZ'"),
    (request("DE:ebay"), "unknown platform 'ebay'"),
    ({**request("DE:amazon"), "product": {**PRODUCT, "name": "  "}}, "product.name is empty"),
    (request("DE:amazon", variants=6), "variants must be 1 to 5"),
    (request(*["DE:amazon"] * 21), "at most 20"),
    (request(), "targets is empty"),
    ({"targets": [{"market": "DE", "platform": "amazon"}]}, "product"),
])
def test_bad_input_is_a_clear_bad_input(body: dict[str, Any], message: str) -> None:
    with pytest.raises(BadInput, match=message):
        parse_copy_request(body)


def test_codes_are_normalised() -> None:
    parsed = parse_copy_request(request("de:Amazon"))
    assert parsed.targets[0].market == "DE" and parsed.targets[0].platform == "amazon"


def test_the_fallback_passes_every_check_in_every_market_and_platform(tmp_path: Path) -> None:
    markets = list(all_markets())
    targets = [f"{market}:{PLATFORMS[i % len(PLATFORMS)]}" for i, market in enumerate(markets)]
    targets += [f"US:{platform}" for platform in PLATFORMS]
    response = generate_copy(make_deps(tmp_path, RecordingModel(responses=[])),
                             request(*targets[:20], use_model=False), "demo")
    assert len(response.results) == 20
    for result in response.results:
        assert result.source == "fallback", result.market
        assert all(check.ok for check in result.checks), (result.market, result.platform, result.checks)
        assert result.compliance.mode == "rules" and result.compliance.verdict != "block"
        assert "Acme" in listing_text(result.platform, result.fields)  # the brand, never translated


def test_a_brand_with_a_space_stays_exact_even_in_google_ads_paths(tmp_path: Path) -> None:
    body = {**request("DE:google_ads", use_model=False), "product": {**PRODUCT, "brand": "Thermos Pro"}}
    result = generate_copy(make_deps(tmp_path, RecordingModel(responses=[])), body, "demo").results[0]
    assert all(check.ok for check in result.checks), result.checks
    assert "Thermos-Pro" not in (result.fields["path1"], result.fields["path2"])


def test_a_flagged_claim_in_the_facts_is_rewritten_field_by_field(tmp_path: Path) -> None:
    body = {**request("US:amazon", use_model=False),
            "product": {**PRODUCT, "claims": ["耐腐蚀", "抗菌"], "category": "home"}}
    result = generate_copy(make_deps(tmp_path, RecordingModel(responses=[])), body, "demo").results[0]
    text = listing_text("amazon", result.fields).lower()
    assert "antibacterial" not in text  # Amazon blocks pesticide claims; compliance's rewrite removed it
    assert result.compliance.verdict != "block" and all(check.ok for check in result.checks)
    assert any("field by field" in note for note in result.compliance.notes)


def test_apply_revision_maps_the_joined_text_back_to_fields() -> None:
    fields = {"title": "Acme cup", "bullets": ["Best seller", "Copper"], "description": "Copper cup.",
              "search_terms": "cup"}
    revised = listing_text("amazon", fields).replace("Best seller", "").replace("Copper cup.", "A copper cup.")
    updated = apply_revision("amazon", fields, revised)
    assert updated == {"title": "Acme cup", "bullets": ["Copper"], "description": "A copper cup.",
                       "search_terms": "cup"}
    assert apply_revision("amazon", fields, "one block only") is None


def test_apply_revision_keeps_the_html_of_a_shopify_description() -> None:
    fields = {"title": "Acme", "description_html": "<p>Copper cup.</p><ul><li>Best seller</li></ul>",
              "seo_title": "Acme", "seo_description": "Copper cup."}
    revised = listing_text("shopify", fields).replace("Best seller", "Copper")
    updated = apply_revision("shopify", fields, revised)
    assert updated is not None and updated["description_html"] == "<p>Copper cup.</p><ul><li>Copper</li></ul>"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_draft_grammar_stays_inside_every_hard_limit(platform: str) -> None:
    for language, per_char in (("de", 1), ("ja", 2)):
        schema = draft_schema(platform, language)
        for name, prop in schema["properties"].items():
            limit = platform_limits(platform)[name]
            bound = prop["items"]["maxLength"] if prop.get("type") == "array" else prop["maxLength"]
            if limit.hard is not None and limit.unit != "bytes":
                assert bound * (per_char if limit.unit == "width" else 1) <= limit.hard, (platform, name)
            if prop.get("type") == "array" and limit.items:
                assert limit.items.min <= prop["minItems"] <= prop["maxItems"] <= limit.items.max
        assert 0 < draft_max_tokens(platform, language) <= 700


def test_apply_revision_rebuilds_the_html_when_the_change_spans_tags() -> None:
    fields = {"title": "Acme", "description_html": "<p>Copper cup.</p><ul><li>Best seller</li></ul>",
              "seo_title": "Acme", "seo_description": "Copper cup."}
    revised = listing_text("shopify", fields).replace("cup. Best seller", "cup")
    updated = apply_revision("shopify", fields, revised)
    assert updated is not None and updated["description_html"] == "<p>Copper cup</p>"


def test_a_product_without_a_category_is_bad_input() -> None:
    product = {key: value for key, value in PRODUCT.items() if key != "category"}
    with pytest.raises(BadInput, match=r"product\.category"):
        parse_copy_request({**request("DE:amazon"), "product": product})
