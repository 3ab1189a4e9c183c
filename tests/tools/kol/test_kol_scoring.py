"""Fit, quality, cost and reach units: values follow the data files and every score gives its reasons."""

import pytest
from kol_builders import make_creator

from tools.kol.models import Money
from tools.kol.reference import benchmark_engagement, convert, cpm_usd, reach_rate
from tools.kol.scoring import (
    FitContext,
    combined_score,
    estimate_cost,
    expected_reach,
    fit_score,
    quality_score,
)
from tools.kol.text import resolve_niche

DE_OUTDOOR = FitContext(product_niche="outdoor", markets=["DE"], languages=["de"])


@pytest.mark.parametrize(
    ("text", "niche"),
    [
        ("camping gear", "outdoor"),
        ("露营装备", "outdoor"),
        ("Beauty & Makeup", "beauty"),
        ("美妆护肤", "beauty"),
        ("kitchen storage", "home"),
        ("Gaming", "gaming"),
        ("Food & Cooking", "food"),
        ("personal finance", "finance"),
        ("cookware for camping", "home"),
        ("camping cookware", "outdoor"),
        ("quantum widgets", None),
        ("", None),
    ],
)
def test_kol_niches_resolve_from_labels_in_several_languages(text: str, niche: str | None) -> None:
    assert resolve_niche(text) == niche


def test_kol_fit_weights_known_signals_and_explains_them() -> None:
    creator = make_creator("anna", audience_countries={"DE": 0.6, "AT": 0.2})
    fit = fit_score(creator, DE_OUTDOOR, text_relevance=0.8, text_reason="text relevance 0.80")
    # 0.35·0.8 + 0.35·1 + 0.2·0.6 + 0.1·1, over weights that sum to 1
    assert fit.value == pytest.approx(0.35 * 0.8 + 0.35 + 0.2 * 0.6 + 0.1, abs=1e-4)
    assert "niche outdoor matches the product category" in fit.reasons
    assert "60% of the audience lives in DE" in fit.reasons
    assert "creates in de" in fit.reasons


def test_kol_fit_related_and_unrelated_niches_rank_below_a_match() -> None:
    context = DE_OUTDOOR
    scores = {
        niche: fit_score(make_creator(niche, niche=niche), context, 0.8, "t").value
        for niche in ("outdoor", "travel", "beauty")
    }
    assert scores["outdoor"] > scores["travel"] > scores["beauty"]
    related = fit_score(make_creator("t", niche="travel"), context, 0.8, "t")
    assert any("related to outdoor (0.5 credit)" in r for r in related.reasons)


def test_kol_fit_unknown_audience_is_left_out_not_guessed() -> None:
    creator = make_creator("anna", audience_countries=None, languages=None)
    fit = fit_score(creator, DE_OUTDOOR, text_relevance=0.5, text_reason="t")
    assert fit.value == pytest.approx((0.35 * 0.5 + 0.35 * 1.0) / 0.7, abs=1e-4)
    assert sum("unknown" in r for r in fit.reasons) == 2


def test_kol_quality_against_platform_and_tier_benchmark() -> None:
    typical = benchmark_engagement("tiktok", "micro")
    at_benchmark = quality_score(make_creator("a", platform="tiktok", followers=50_000, engagement_rate=typical))
    strong = quality_score(make_creator("b", platform="tiktok", followers=50_000, engagement_rate=typical * 3))
    unknown = quality_score(make_creator("c", engagement_rate=None))
    assert at_benchmark.value == pytest.approx(1 / 1.5, abs=1e-4)
    assert strong.value == 1.0  # capped
    assert unknown.value == 0.5 and "unknown" in unknown.reasons[0]
    assert "1.00× the 7.50% typical for tiktok micro" in at_benchmark.reasons[0]


def test_kol_cost_prefers_the_rate_card_then_tier_cpm() -> None:
    carded = make_creator("a", rate_card=Money(amount=1000, currency="EUR"))
    cost = estimate_cost(carded, "USD")
    assert cost is not None and cost.source == "rate_card"
    assert cost.money.amount == pytest.approx(convert(1000, "EUR", "USD"), abs=0.01)
    plain = make_creator("b", platform="youtube", followers=200_000, rate_card=None)
    estimate = estimate_cost(plain, "USD")
    expected = 200_000 * reach_rate("youtube", "mid") / 1000 * cpm_usd("youtube", "mid")
    assert estimate is not None and estimate.source == "tier_cpm_estimate"
    assert estimate.money.amount == pytest.approx(expected, abs=0.01)
    assert "benchmarks.yaml" in estimate.reason
    assert estimate_cost(make_creator("c", followers=None, rate_card=None), "USD") is None


def test_kol_reach_and_combined_score() -> None:
    assert expected_reach(make_creator("a", platform="instagram", followers=50_000)) == round(
        50_000 * reach_rate("instagram", "micro")
    )
    assert expected_reach(make_creator("b", followers=None)) is None
    assert combined_score(0.8, 1.0, 0.0) == pytest.approx(0.8)
    assert combined_score(0.8, 0.0, 0.0) == pytest.approx(0.8 * 0.75)
    assert combined_score(0.8, 1.0, 0.5) == pytest.approx(0.4)
