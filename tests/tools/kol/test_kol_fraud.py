"""Fraud flags: each planted pattern raises its flag and a high risk; organic creators stay clean."""

from typing import Any

import pytest
from kol_builders import make_creator

from tools.kol.demo import generate_demo_creators
from tools.kol.fraud import assess_fraud, high_risk_threshold
from tools.kol.reference import benchmark_engagement


def _codes(**overrides: Any) -> tuple[set[str], float]:
    assessment = assess_fraud(make_creator("x", **overrides))
    return {f.code for f in assessment.flags}, assessment.risk


def test_kol_organic_creator_has_no_flags() -> None:
    assessment = assess_fraud(make_creator("organic"))
    assert assessment.flags == [] and assessment.risk == 0.0
    assert len(assessment.checked) == 5


def test_kol_bought_followers_low_engagement_and_spike() -> None:
    typical = benchmark_engagement("instagram", "micro")
    series = [20_000] * 8 + [21_000, 50_000, 51_000, 52_000]
    codes, risk = _codes(engagement_rate=typical * 0.15, follower_series=series, followers=52_000)
    assert codes == {"engagement_low", "growth_spike"}
    assert risk >= 0.8


def test_kol_engagement_pod_high_likes_and_comment_ratio() -> None:
    typical = benchmark_engagement("instagram", "micro")
    codes, risk = _codes(engagement_rate=typical * 5, avg_likes=4000, avg_comments=1200)
    assert codes == {"engagement_high", "comment_like_high"}
    assert risk >= high_risk_threshold()


def test_kol_likes_without_comments() -> None:
    codes, _ = _codes(avg_likes=10_000, avg_comments=3)
    assert codes == {"comment_like_low"}


def test_kol_growth_spike_alone_is_high_risk_when_sharp() -> None:
    series = [10_000, 10_200, 10_400, 10_600, 10_800, 11_000, 22_000, 22_400, 22_800, 23_200, 23_600, 24_000]
    assessment = assess_fraud(make_creator("x", follower_series=series, followers=24_000))
    assert [f.code for f in assessment.flags] == ["growth_spike"]
    assert "+100% in month 7" in assessment.flags[0].reason
    assert assessment.risk >= high_risk_threshold()


def test_kol_steady_fast_growth_is_not_a_spike() -> None:
    series = [round(1000 * 1.3**m) for m in range(12)]  # a young account growing 30% every month
    codes, _ = _codes(follower_series=series, followers=series[-1])
    assert "growth_spike" not in codes


def test_kol_follow_for_follow_needs_many_follows_relative_to_followers() -> None:
    codes, risk = _codes(following=6000, followers=8000)
    assert codes == {"follow_for_follow"} and risk >= high_risk_threshold()
    busy_codes, busy_risk = _codes(following=2000, followers=800_000)
    assert busy_codes == {"follow_for_follow"} and busy_risk < high_risk_threshold()
    assert _codes(following=1400, followers=3000)[0] == set()


def test_kol_audience_outside_the_stated_country() -> None:
    codes, risk = _codes(country="DE", audience_countries={"DE": 0.03, "IN": 0.6, "PK": 0.2})
    assert codes == {"audience_mismatch"} and risk >= high_risk_threshold()
    assert _codes(country="AE", audience_countries={"AE": 0.3, "SA": 0.3})[0] == set()


def test_kol_unknown_data_is_reported_not_flagged() -> None:
    assessment = assess_fraud(
        make_creator("x", engagement_rate=None, follower_series=None, audience_countries=None, following=None)
    )
    assert assessment.flags == []
    assert set(assessment.unknown) == {"engagement", "follower_growth", "following", "audience_country"}


def test_kol_planted_patterns_are_found_in_the_demo_directory() -> None:
    creators, truth = generate_demo_creators(n=800, seed=5)
    flagged = {c.creator_id for c in creators if assess_fraud(c).risk >= high_risk_threshold()}
    planted = truth.fraudulent()
    assert set(truth.fraud.values()) == {
        "bought_followers",
        "engagement_pod",
        "growth_spike",
        "follow_for_follow",
        "audience_mismatch",
    }
    assert len(flagged & planted) / len(planted) >= 0.9
    assert len(flagged & planted) / len(flagged) >= 0.8


@pytest.mark.parametrize(
    "pattern",
    ["bought_followers", "engagement_pod", "growth_spike", "follow_for_follow", "audience_mismatch"],
)
def test_kol_each_pattern_raises_its_own_flag(pattern: str) -> None:
    expected = {
        "bought_followers": {"engagement_low", "growth_spike"},
        "engagement_pod": {"engagement_high", "comment_like_high"},
        "growth_spike": {"growth_spike"},
        "follow_for_follow": {"follow_for_follow"},
        "audience_mismatch": {"audience_mismatch"},
    }[pattern]
    creators, truth = generate_demo_creators(n=800, seed=5)
    planted = [c for c in creators if truth.fraud.get(c.creator_id) == pattern]
    with_flag = [c for c in planted if expected & {f.code for f in assess_fraud(c).flags}]
    assert len(with_flag) >= 0.9 * len(planted)
