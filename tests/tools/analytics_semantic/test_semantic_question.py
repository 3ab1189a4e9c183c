"""Questions to validated specs, ask-backs, and a question answered end to end on the hand-made store."""

from datetime import date

import duckdb
import pytest

from tools.analytics.semantic import (
    Ambiguity,
    Filter,
    OrderBy,
    QuerySpec,
    TimeRange,
    UnknownTerm,
    compile_spec,
    parse_question,
    run_query,
    validate_spec,
)
from tools.errors import BadInput

TODAY = date(2025, 12, 17)
LAST_MONTH = (date(2025, 11, 1), date(2025, 11, 30))


def spec_of(text: str) -> QuerySpec:
    parsed = parse_question(text, TODAY)
    assert parsed.spec is not None, parsed.message
    assert parsed.confidence == 1.0 and parsed.unresolved == []
    return parsed.spec


def dates(spec: QuerySpec) -> tuple[date, date] | None:
    return (spec.time_range.start, spec.time_range.end) if spec.time_range else None


def test_revenue_by_market_last_month() -> None:
    spec = spec_of("上个月各市场的销售额")
    assert (spec.metrics, spec.dimensions, dates(spec)) == (["revenue"], ["market"], LAST_MONTH)


def test_roas_by_platform_last_month() -> None:
    spec = spec_of("What was ROAS by platform last month?")
    assert (spec.metrics, spec.dimensions, dates(spec)) == (["roas"], ["ad_platform"], LAST_MONTH)


def test_best_selling_skus_during_double_11() -> None:
    spec = spec_of("双十一期间卖得最好的5个SKU")
    assert (spec.metrics, spec.dimensions, spec.limit) == (["units"], ["sku"], 5)
    assert spec.order_by == [OrderBy(field="units", direction="desc")]
    assert dates(spec) == (date(2025, 11, 1), date(2025, 11, 11))


def test_germany_orders_and_aov_last_week() -> None:
    spec = spec_of("德国站上周的订单数和客单价")
    assert (spec.metrics, spec.filters) == (["orders", "aov"], [Filter(dimension="market", values=["DE"])])
    assert dates(spec) == (date(2025, 12, 8), date(2025, 12, 14))


def test_compare_this_month_with_last_month() -> None:
    spec = spec_of("compare revenue this month vs last month")
    assert (spec.metrics, spec.compare_to, dates(spec)) == (
        ["revenue"],
        "previous_period",
        (date(2025, 12, 1), TODAY),
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("How did revenue change compared to last month?", date(2025, 12, 1)),
        ("销售额比上个月怎么样", date(2025, 12, 1)),
        ("orders vs last week", date(2025, 12, 15)),
    ],
)
def test_a_comparison_alone_compares_the_current_period_so_far(text: str, start: date) -> None:
    spec = spec_of(text)
    assert (spec.compare_to, dates(spec)) == ("previous_period", (start, TODAY))
    assert parse_question("环比销售额", TODAY).spec is None  # no period named: asked back


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("How much did we sell last month?", "revenue"),
        ("How much did the store sell in Germany last month?", "revenue"),
        ("How many did we sell last month?", "units"),
        ("上个月卖出去多少个", "units"),
        ("上个月卖了多少钱", "revenue"),
        ("上个月卖出去多少单", "orders"),
        ("上个月出了几单", "orders"),
    ],
)
def test_how_much_or_how_many_was_sold(text: str, metric: str) -> None:
    spec = spec_of(text)
    assert (spec.metrics, spec.dimensions, dates(spec)) == ([metric], [], LAST_MONTH)


def test_how_many_of_a_dimension_sold_is_not_read_as_units() -> None:
    assert parse_question("How many SKUs did we sell last month?", TODAY).spec is None


def test_meta_cpa_trend_by_week() -> None:
    spec = spec_of("Meta广告的CPA趋势（按周）")
    assert (spec.metrics, spec.dimensions, spec.grain) == (["cpa"], ["week"], "week")
    assert spec.filters == [Filter(dimension="ad_platform", values=["meta"])]


def test_campaigns_with_highest_spend_in_q3() -> None:
    spec = spec_of("Which campaigns had the highest spend in Q3 2025?")
    assert (spec.metrics, spec.dimensions, spec.limit) == (["ad_spend"], ["campaign"], 10)
    assert spec.order_by == [OrderBy(field="ad_spend", direction="desc")]
    assert dates(spec) == (date(2025, 7, 1), date(2025, 9, 30))


def test_products_with_highest_refund_rate() -> None:
    spec = spec_of("退款率最高的产品")
    assert (spec.metrics, spec.dimensions, spec.time_range) == (["refund_rate"], ["product"], None)
    assert spec.order_by == [OrderBy(field="refund_rate", direction="desc")]


def test_two_months_with_vs_compare_the_later_to_the_earlier() -> None:
    spec = spec_of("November vs October revenue")
    assert (spec.compare_to, dates(spec)) == ("previous_period", LAST_MONTH)
    year_ago = spec_of("revenue November 2025 vs November 2024")
    assert year_ago.compare_to == "previous_year"


def test_trend_without_grain_picks_one_by_range_length() -> None:
    assert spec_of("sales trend last 90 days").dimensions == ["week"]
    assert spec_of("销售额趋势 最近7天").dimensions == ["day"]


def test_ambiguous_metric_is_asked_back() -> None:
    parsed = parse_question("ROI by market last month", TODAY)
    assert parsed.spec is None and parsed.confidence == 0.0
    assert isinstance(parsed.ambiguities[0], Ambiguity) and parsed.ambiguities[0].choices == [
        "roas",
        "blended_roas",
    ]


def test_incompatible_question_explains_why() -> None:
    parsed = parse_question("CTR by SKU last month", TODAY)
    assert parsed.spec is None and parsed.message is not None and "sku" in parsed.message


def test_unknown_metric_is_not_guessed() -> None:
    parsed = parse_question("欧洲市场的毛利", TODAY)
    assert parsed.spec is None and parsed.unresolved == ["毛利"]


def test_unknown_event_dates_ask_back() -> None:
    parsed = parse_question("Prime Day 2027 revenue", TODAY)
    assert parsed.spec is None and parsed.message is not None and "2027" in parsed.message


def test_leftover_words_lower_confidence() -> None:
    parsed = parse_question("revenue by market for the flagship collection", TODAY)
    assert parsed.spec is not None and parsed.unresolved == ["flagship", "collection"]
    assert parsed.confidence == pytest.approx(0.6)


def test_similarity_fallback_scales_confidence() -> None:
    parsed = parse_question("takings last month", TODAY, similar=lambda t, c: [("revenue", 0.8)])
    assert (
        parsed.spec is not None
        and parsed.spec.metrics == ["revenue"]
        and parsed.confidence == pytest.approx(0.8)
    )


def test_question_answered_end_to_end(store: duckdb.DuckDBPyConnection) -> None:
    parsed = parse_question("双十一期间卖得最好的5个SKU", TODAY)
    assert parsed.spec is not None
    result = run_query(store, compile_spec(parsed.spec))
    assert result.columns == ["sku", "units"]
    assert result.rows == [["A", 6], ["B", 2], ["C", 1]]  # O1-O3 fall in 1-11 November


def test_validate_spec_canonicalises_synonyms() -> None:
    spec = QuerySpec(
        metrics=["销售额", "ROAS"],
        dimensions=["各市场"],
        filters=[Filter(dimension="国家", values=["de"])],
        time_range=TimeRange(start=date(2025, 11, 1), end=date(2025, 11, 30)),
        grain="month",
    )
    checked = validate_spec(spec)
    assert isinstance(checked, QuerySpec)
    assert (checked.metrics, checked.dimensions) == (["revenue", "roas"], ["month", "market"])
    assert checked.filters == [Filter(dimension="market", values=["DE"])]


@pytest.mark.parametrize(
    ("spec", "field", "term", "choice"),
    [
        (QuerySpec(metrics=["revenu"]), "metric", "revenu", "revenue"),
        (QuerySpec(metrics=["click rate"]), "metric", "click rate", "ctr"),
        (QuerySpec(metrics=["revenue"], dimensions=["markt"]), "dimension", "markt", "market"),
        (
            QuerySpec(metrics=["revenue"], filters=[Filter(dimension="source", values=["ebay"])]),
            "filter_value",
            "ebay",
            "shopify",
        ),
        (
            QuerySpec(metrics=["ad_spend"], filters=[Filter(dimension="ad_platform", values=["facebok"])]),
            "filter_value",
            "facebok",
            "meta",
        ),
        (QuerySpec(metrics=["revenue"], order_by=[OrderBy(field="revenu")]), "order_by", "revenu", "revenue"),
    ],
)
def test_unknown_names_give_the_closest_choices(spec: QuerySpec, field: str, term: str, choice: str) -> None:
    outcome = validate_spec(spec)
    assert isinstance(outcome, UnknownTerm)
    assert (outcome.field, outcome.term) == (field, term)
    assert choice in outcome.choices


def test_market_names_and_groups_become_codes() -> None:
    spec = QuerySpec(
        metrics=["revenue"], filters=[Filter(dimension="market", values=["Germany", "欧洲", "us"])]
    )
    checked = validate_spec(spec)
    assert isinstance(checked, QuerySpec)
    assert checked.filters[0].values == ["DE", "GB", "FR", "ES", "IT", "US"]


def test_filter_value_synonym_is_accepted() -> None:
    checked = validate_spec(
        QuerySpec(metrics=["ad_spend"], filters=[Filter(dimension="ad_platform", values=["Facebook"])])
    )
    assert isinstance(checked, QuerySpec) and checked.filters[0].values == ["meta"]


def test_spec_errors_are_bad_input() -> None:
    with pytest.raises(BadInput, match="one time grain"):
        validate_spec(QuerySpec(metrics=["revenue"], dimensions=["week", "month"]))
    with pytest.raises(BadInput, match="time_range"):
        validate_spec(QuerySpec(metrics=["revenue"], filters=[Filter(dimension="month", values=["2025-11"])]))
    with pytest.raises(ValueError, match="exactly one value"):
        Filter(dimension="market", op="eq", values=["DE", "FR"])
    with pytest.raises(ValueError, match="after its end"):
        TimeRange(start=date(2025, 2, 1), end=date(2025, 1, 1))
