"""Linking question words to metrics, dimensions and filters; ambiguity; the similarity fallback."""

from datetime import date
from importlib import resources

import pytest
import yaml

from tools.analytics.semantic import Filter, link_terms, load_model
from tools.analytics.semantic.vocabulary import load_vocabulary

TODAY = date(2025, 12, 17)


@pytest.mark.parametrize(
    ("text", "metrics", "dimensions", "filters"),
    [
        ("上个月各市场的销售额", ["revenue"], ["market"], []),
        ("What was ROAS by platform last month?", ["roas"], ["ad_platform"], []),
        ("双十一期间卖得最好的5个SKU", ["units"], ["sku"], []),
        ("德国站上周的订单数和客单价", ["orders", "aov"], [], [Filter(dimension="market", values=["DE"])]),
        ("Meta广告的CPA趋势（按周）", ["cpa"], ["week"], [Filter(dimension="ad_platform", values=["meta"])]),
        ("Which campaigns had the highest spend in Q3 2025?", ["ad_spend"], ["campaign"], []),
        ("退款率最高的产品", ["refund_rate"], ["product"], []),
        ("revenue by platform", ["revenue"], ["source"], []),
        ("TikTok revenue", ["revenue"], [], [Filter(dimension="source", values=["tiktok_shop"])]),
        ("TikTok spend", ["ad_spend"], [], [Filter(dimension="ad_platform", values=["tiktok"])]),
        ("亚马逊广告的点击率", ["ctr"], [], [Filter(dimension="ad_platform", values=["amazon_ads"])]),
        ("blended ROAS by market", ["blended_roas"], ["market"], []),
        (
            "欧洲市场净销售额",
            ["net_revenue"],
            [],
            [Filter(dimension="market", values=["GB", "DE", "FR", "ES", "IT"])],
        ),
        ("sales in the US and Japan", ["revenue"], [], [Filter(dimension="market", values=["US", "JP"])]),
        ("除了德国站以外的销售额", ["revenue"], [], [Filter(dimension="market", op="not_in", values=["DE"])]),
        (
            "sales excluding Germany",
            ["revenue"],
            [],
            [Filter(dimension="market", op="not_in", values=["DE"])],
        ),
        ("new customers per sales channel", ["new_customers"], ["sales_channel"], []),
        ("Amazon orders in Q3 2025", ["orders"], [], [Filter(dimension="source", values=["amazon"])]),
        ("亚马逊订单数", ["orders"], [], [Filter(dimension="source", values=["amazon"])]),
        ("Japanese and American sales", ["revenue"], [], [Filter(dimension="market", values=["JP", "US"])]),
    ],
)
def test_links_metrics_dimensions_and_filters(
    text: str, metrics: list[str], dimensions: list[str], filters: list[Filter]
) -> None:
    linked = link_terms(text, today=TODAY)
    assert (linked.metrics, linked.dimensions, linked.filters) == (metrics, dimensions, filters)
    assert linked.unresolved == [] and linked.ambiguities == []


def test_longest_phrase_wins() -> None:
    assert link_terms("净销售额", today=TODAY).metrics == ["net_revenue"]
    assert link_terms("退款率", today=TODAY).metrics == ["refund_rate"]
    assert link_terms("revenue by sales channel", today=TODAY).dimensions == ["sales_channel"]


@pytest.mark.parametrize(
    ("text", "dimensions", "unsplit"),
    [
        ("revenue of our store last month", [], ["store"]),
        ("上个月店铺的销售额", [], ["店铺"]),
        ("How many items did the shop ship?", [], ["items", "shop"]),
        ("monthly revenue of the shop", ["month"], ["shop"]),
        ("revenue by store last month", ["source"], []),
        ("revenue per store last month", ["source"], []),
        ("clicks for each ad platform", ["ad_platform"], []),
        ("上个月各店铺的销售额", ["source"], []),
        ("Which store had the most orders?", ["source"], []),
        ("哪个产品退款最多", ["product"], []),
        ("top 3 products by revenue", ["product"], []),
    ],
)
def test_a_dimension_word_splits_only_when_a_split_is_asked(
    text: str, dimensions: list[str], unsplit: list[str]
) -> None:
    linked = link_terms(text, today=TODAY)
    assert (linked.dimensions, linked.unsplit) == (dimensions, unsplit)


def test_english_matches_whole_words_only() -> None:
    linked = link_terms("orders from Idaho borders", today=TODAY)
    assert linked.metrics == ["orders"] and linked.filters == []  # no 'ID', no 'orders' inside 'borders'
    assert link_terms("it sold well in IT", today=TODAY).filters == []  # IT is not read as Italy


def test_top_n_sort_compare_and_trend() -> None:
    top = link_terms("双十一期间卖得最好的5个SKU", today=TODAY)
    assert (top.top_n, top.sort) == (5, "desc")
    assert link_terms("前10名的广告系列花费", today=TODAY).top_n == 10
    assert link_terms("worst 3 products by refund rate", today=TODAY).sort == "asc"
    assert link_terms("compare revenue this month vs last month", today=TODAY).compare == "previous_period"
    assert link_terms("本月销售额同比", today=TODAY).compare == "previous_year"
    assert link_terms("Meta广告的CPA趋势（按周）", today=TODAY).trend is True
    recent = link_terms("最近7天的订单", today=TODAY)  # a time expression, not a top 7
    assert recent.top_n is None and [t.text for t in recent.times] == ["最近7天"]


def test_compare_phrase_outranks_the_time_expression_inside_it() -> None:
    linked = link_terms("compare revenue this month vs last month", today=TODAY)
    assert [t.text for t in linked.times] == ["this month"]


def test_ambiguity_is_asked_back_not_guessed() -> None:
    roi = link_terms("ROI by market", today=TODAY)
    assert roi.metrics == []
    assert [(a.field, a.term, a.choices) for a in roi.ambiguities] == [
        ("metric", "ROI", ["roas", "blended_roas"])
    ]
    platform = link_terms("platform breakdown", today=TODAY)
    assert platform.ambiguities[0].choices == ["source", "ad_platform"]
    mixed = link_terms("TikTok revenue and ad spend", today=TODAY)
    assert mixed.ambiguities[0].choices == ["source=tiktok_shop", "ad_platform=tiktok"]


def test_unknown_words_are_reported() -> None:
    linked = link_terms("欧洲市场的毛利", today=TODAY)
    assert linked.metrics == [] and linked.unresolved == ["毛利"]
    assert link_terms("gross margin by market", today=TODAY).unresolved == ["gross", "margin"]


def test_similarity_is_only_a_fallback() -> None:
    calls: list[str] = []

    def similar(text: str, candidates: list[str]) -> list[tuple[str, float]]:
        calls.append(text)
        return [("revenue", 0.91), ("orders", 0.40)] if text == "takings" else [("orders", 0.30)]

    linked = link_terms("takings by market", similar=similar, today=TODAY)
    assert linked.metrics == ["revenue"] and linked.similarity == pytest.approx(0.91)
    assert calls == ["takings"]
    calls.clear()
    assert link_terms("revenue by market", similar=similar, today=TODAY).metrics == ["revenue"]
    assert calls == []  # synonyms settled everything: the embedding is not asked
    low = link_terms("foo by market", similar=similar, today=TODAY)
    assert low.metrics == [] and low.unresolved == ["foo"]


def test_known_values_become_filters() -> None:
    linked = link_terms(
        "spend of BF Prospecting last month", known_values={"campaign": ["BF Prospecting"]}, today=TODAY
    )
    assert linked.filters == [Filter(dimension="campaign", values=["BF Prospecting"])]


def test_every_metric_and_dimension_has_chinese_and_english_synonyms() -> None:
    data = yaml.safe_load(
        resources.files("tools.analytics.semantic").joinpath("synonyms.yaml").read_text("utf-8")
    )
    model = load_model()
    for kind, names in (("metrics", model.metrics), ("dimensions", model.dimensions)):
        assert set(data[kind]) == set(names)
        for name in names:
            assert data[kind][name]["en"] and data[kind][name]["zh"], name
    assert len(load_vocabulary().phrases) > 400


def test_no_filter_value_phrase_swallows_a_metric_word() -> None:
    """Longest match first: a value phrase holding a metric word ("amazon orders") would hide the metric.

    A value whose own name holds one (Shopify's "Draft Orders" channel) must stay matchable, in both languages.
    """
    data = yaml.safe_load(
        resources.files("tools.analytics.semantic").joinpath("synonyms.yaml").read_text("utf-8")
    )
    metric_words = {w.lower() for names in data["metrics"].values() for lang in ("en", "zh") for w in names[lang]}
    for dimension, values in data["filter_values"].items():
        for value, names in values.items():
            if set(value.lower().split()) & metric_words:
                continue
            for phrase in names.get("en", []):
                assert not set(phrase.lower().split()) & metric_words, (dimension, value, phrase)
            for phrase in names.get("zh", []):
                assert not any(word in phrase for word in metric_words if not word.isascii()), (dimension, phrase)
