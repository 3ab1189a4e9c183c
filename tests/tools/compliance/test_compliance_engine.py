"""The engine: offsets, boundaries, overlaps, which rules apply, bad input."""

import pytest
from compliance_helpers import check, rule_ids, spans_of

from tools.compliance import CheckRequest, RuleFinding, load_rule_book, rules_for, verdict
from tools.errors import BadInput


def _assert_exact_spans(text: str, findings: list[RuleFinding]) -> None:
    assert findings
    for finding in findings:
        assert finding.span.text == text[finding.span.start : finding.span.end]


@pytest.mark.parametrize(
    ("text", "markets", "category", "flagged"),
    [
        ("👍🏽这款面霜是全网最好的，ＦＤＡ認證也没有😀", ["CN"], "cosmetics", "最好"),
        ("🌿 كريم يُعالِج حب الشباب 🌿", ["SA"], "cosmetics", "يُعالِج"),
        ("😀 ＦＤＡ　Ａｐｐｒｏｖｅｄ serum 😀", ["US"], "cosmetics", "ＦＤＡ　Ａｐｐｒｏｖｅｄ"),
        ("Notre crème e\u0301cologique", ["FR"], "cosmetics", "e\u0301cologique"),
        ("مـــثير جدا", ["SA"], "apparel", "مـــثير"),
        ("Eco\u2013Friendly mat", ["US"], "sports", "Eco\u2013Friendly"),
    ],
)
def test_spans_point_into_the_original_multibyte_text(
    text: str, markets: list[str], category: str, flagged: str
) -> None:
    findings = check(text, markets, category=category)
    _assert_exact_spans(text, findings)
    assert flagged in [f.span.text for f in findings]


def test_latin_terms_need_word_boundaries_but_cjk_terms_do_not() -> None:
    assert not rule_ids(check("This app secures your data and heals nothing", ["US"], category="electronics")) & {
        "us.fda.201g.cosmetic_drug_claims"
    }
    assert "us.fda.201g.cosmetic_drug_claims" in rule_ids(check("It heals scars.", ["US"], category="cosmetics"))
    # Chinese has no spaces: the term is found inside a longer run of characters.
    assert spans_of(check("这是全网最好的面霜", ["CN"]), "cn.adlaw.art9.absolute_terms") == ["最好"]


def test_allow_terms_suppress_hits_inside_them() -> None:
    assert "cn.adlaw.art9.first_rank" not in rule_ids(check("第一次使用前请清洗", ["CN"]))
    assert "cn.adlaw.art9.first_rank" in rule_ids(check("销量第一的耳机", ["CN"]))
    assert "sa.gcam.alcohol" not in rule_ids(check("Alcohol-free sparkling drink", ["SA"]))


def test_adjacent_hits_of_one_rule_merge_into_one_finding() -> None:
    findings = check("最好最强的产品", ["CN"])
    assert spans_of(findings, "cn.adlaw.art9.absolute_terms") == ["最好最强"]


def test_different_rules_on_the_same_span_keep_their_findings() -> None:
    findings = check("Eco-friendly socks", ["US", "DE"], category="apparel")
    on_span = {(f.rule_id, f.market) for f in findings if f.span.text == "Eco-friendly"}
    assert on_span == {("us.ftc.260_4.general_environmental", "US"), ("eu.ecgt.annex1_4a.generic_environmental", "DE")}


def test_a_subsuming_rule_drops_the_subsumed_finding_for_the_same_market_only() -> None:
    text = "Jetzt 30% Rabatt auf alle Sneaker"
    findings = check(text, ["DE", "FR"], channel="ad")
    pairs = {(f.rule_id, f.market) for f in findings}
    assert ("de.pangv.11.prior_price", "DE") in pairs
    assert ("eu.pid.art6a.prior_price", "DE") not in pairs  # national rule subsumes the EU one in DE
    assert ("eu.pid.art6a.prior_price", "FR") in pairs


def test_eu_rules_apply_to_member_markets_only() -> None:
    text = "Unsere umweltfreundliche Flasche"
    for market in ["DE", "FR", "ES", "IT"]:
        assert "eu.ecgt.annex1_4a.generic_environmental" in rule_ids(check(text, [market]))
    assert "eu.ecgt.annex1_4a.generic_environmental" not in rule_ids(check(text, ["GB"]))


def test_findings_carry_the_market_or_platform_they_apply_for() -> None:
    findings = check("Best Seller kettle, eco-friendly", ["US"], platform="amazon", category="home")
    markets = {(f.rule_id, f.market) for f in findings}
    assert ("amazon.detail.best_seller", "amazon") in markets
    assert ("us.ftc.260_4.general_environmental", "US") in markets


def test_platform_values_map_to_packs() -> None:
    text = "Quit your 9-5 and make money fast"
    for platform in ["tiktok_ads", "tiktok_shop"]:
        assert "tiktok.ads.financial_promises" in rule_ids(check(text, ["US"], platform=platform, channel="ad"))
    assert not {r for r in rule_ids(check(text, ["US"], platform="shopify")) if r.startswith("tiktok.")}
    assert "meta.standards.personal_attributes" in rule_ids(check("Are you overweight?", ["US"], platform="meta_ads"))


def test_category_and_channel_filters() -> None:
    text = "This serum treats acne."
    assert "us.fda.201g.cosmetic_drug_claims" in rule_ids(check(text, ["US"], category="cosmetics"))
    assert "us.fda.201g.cosmetic_drug_claims" not in rule_ids(check(text, ["US"], category="electronics"))
    # Rules for "any" category apply to every category.
    assert "us.ftc.323_2.made_in_usa" in rule_ids(check("Made in USA", ["US"], category="toys"))
    # An Amazon listing rule does not apply to an email.
    assert "amazon.detail.best_seller" not in rule_ids(check("Best seller", ["US"], platform="amazon", channel="email"))


def test_alcohol_only_rules_need_the_category_named() -> None:
    text = "Perfect for a party with friends"
    assert "fr.evin.l3323_4.lifestyle" not in rule_ids(check(text, ["FR"]))
    assert "fr.evin.l3323_4.lifestyle" in rule_ids(check(text, ["FR"], category="alcohol"))


def test_cn_and_lower_case_codes_are_accepted() -> None:
    assert check("最好的", ["cn"])[0].market == "CN"
    assert check("Best seller", [" us "], platform="AMAZON", channel="Listing")


@pytest.mark.parametrize(
    ("request_fields", "message"),
    [
        ({"text": "", "markets": ["US"]}, "text is empty"),
        ({"text": "   \n", "markets": ["US"]}, "text is empty"),
        ({"text": "x" * 20001, "markets": ["US"]}, "limit is 20000"),
        ({"text": "hi", "markets": []}, "at least one market"),
        ({"text": "hi", "markets": ["XX"]}, "known markets: US, GB"),
        ({"text": "hi", "markets": ["US"], "platform": "ebay"}, "valid values: amazon, shopify"),
        ({"text": "hi", "markets": ["US"], "channel": "tv"}, "valid values: ad, listing, email, social"),
        ({"text": "hi", "markets": ["US"], "category": "cars"}, "valid values: any, cosmetics"),
    ],
)
def test_bad_input_names_the_valid_values(request_fields: dict, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        load_rule_book().check(CheckRequest(**request_fields))


def test_mixed_scripts_emoji_and_control_characters_do_not_crash() -> None:
    text = "\x00\x1b[31m最好\u202e🙂 مثير\ud800 ＦＤＡ\u0000 approved 👨‍👩‍👧 \ufeff" + "é\u0301" * 50
    findings = check(text, ["CN", "US", "SA", "DE"])
    _assert_exact_spans(text, findings)


def test_findings_are_sorted_by_span_start() -> None:
    text = "Made in USA, eco-friendly, FDA approved and clinically proven."
    starts = [f.span.start for f in check(text, ["US"], category="cosmetics")]
    assert starts == sorted(starts) and len(starts) >= 4


def test_verdict_takes_the_highest_severity_and_ignores_info() -> None:
    assert verdict([]) == "pass"
    assert verdict(check("FDA approved", ["US"])) == "block"
    assert verdict(check("Made in USA", ["US"])) == "warn"
    info_only = check("Only 3 left in stock! Hurry", ["US"], category="home", channel="ad")
    assert {f.severity for f in info_only} == {"info"} and verdict(info_only) == "pass"


def test_rules_for_lists_union_country_and_platform_packs() -> None:
    packs = {rule.pack for rule in rules_for(["DE"], "amazon")}
    assert packs == {"eu", "de", "amazon"}
    assert {rule.pack for rule in rules_for(["CN", "US"])} == {"cn", "us"}
    assert {rule.pack for rule in rules_for(["TH"], "meta_ads")} == {"th", "meta"}
