"""Fraud risk of a creator account from its own numbers, with one flag per suspicious signal."""

from itertools import pairwise
from statistics import median
from typing import Any

from pydantic import BaseModel

from tools.kol.models import Creator
from tools.kol.reference import benchmark_engagement, load_data, tier_of


class FraudFlag(BaseModel):
    code: str
    severity: float
    reason: str


class FraudAssessment(BaseModel):
    risk: float
    flags: list[FraudFlag]
    checked: list[str]
    unknown: list[str]


def _ramp(value: float, start: float, full: float) -> float:
    """Severity 0.5 at `start`, 1.0 at `full` (either direction), clipped."""
    span = (value - start) / (full - start)
    return 0.5 + 0.5 * min(max(span, 0.0), 1.0)


def _engagement_flags(creator: Creator, rules: dict[str, Any]) -> list[FraudFlag]:
    assert creator.engagement_rate is not None and creator.followers
    tier = tier_of(creator.followers)
    benchmark = benchmark_engagement(creator.platform, tier)
    ratio = creator.engagement_rate / benchmark
    low, high = rules["engagement_low"], rules["engagement_high"]
    shown = f"engagement {creator.engagement_rate:.2%} vs {benchmark:.2%} typical for {creator.platform} {tier}"
    if ratio < low["below_ratio"]:
        severity = _ramp(ratio, low["below_ratio"], low["full_ratio"])
        return [FraudFlag(code="engagement_low", severity=severity, reason=f"{shown} ({ratio:.2f}×)")]
    if ratio > high["above_ratio"]:
        severity = _ramp(ratio, high["above_ratio"], high["full_ratio"])
        return [FraudFlag(code="engagement_high", severity=severity, reason=f"{shown} ({ratio:.1f}×)")]
    return []


def _comment_like_flags(creator: Creator, rules: dict[str, Any]) -> list[FraudFlag]:
    assert creator.avg_likes and creator.avg_comments is not None
    ratio = creator.avg_comments / creator.avg_likes
    rule = rules["comment_like_ratio"]
    shown = f"{creator.avg_comments:,.0f} comments per {creator.avg_likes:,.0f} likes ({ratio:.2%})"
    if ratio < rule["below"]:
        severity = _ramp(ratio, rule["below"], rule["full_below"])
        return [FraudFlag(code="comment_like_low", severity=severity, reason=f"{shown}: likes without comments")]
    if ratio > rule["above"]:
        severity = _ramp(ratio, rule["above"], rule["full_above"])
        return [
            FraudFlag(code="comment_like_high", severity=severity, reason=f"{shown}: abnormal comment-to-like ratio")
        ]
    return []


def _growth_flags(series: list[int], rules: dict[str, Any]) -> list[FraudFlag]:
    rule = rules["growth_spike"]
    growth = [(b - a) / a for a, b in pairwise(series) if a > 0]
    if not growth:
        return []
    usual = max(median(growth), 0.0)
    month = max(range(len(growth)), key=lambda i: growth[i])
    peak = growth[month]
    if peak < rule["min_growth"] or peak < rule["baseline_multiple"] * usual:
        return []
    severity = _ramp(peak, rule["min_growth"], rule["full_growth"])
    reason = f"followers +{peak:.0%} in month {month + 2} of {len(series)} (usual month {usual:+.1%})"
    return [FraudFlag(code="growth_spike", severity=severity, reason=reason)]


def _following_flags(creator: Creator, rules: dict[str, Any]) -> list[FraudFlag]:
    assert creator.following is not None
    rule = rules["follow_for_follow"]
    if creator.following <= rule["min_following"]:
        return []
    ratio = creator.following / max(creator.followers or 1, 1)
    severity = 0.5 + 0.5 * min(ratio / rule["full_ratio"], 1.0)
    reason = f"follows {creator.following:,} accounts (over {rule['min_following']:,}; {ratio:.2f} per follower)"
    return [FraudFlag(code="follow_for_follow", severity=severity, reason=reason)]


def _audience_flags(creator: Creator, rules: dict[str, Any]) -> list[FraudFlag]:
    assert creator.audience_countries is not None and creator.country
    rule = rules["audience_mismatch"]
    home = creator.audience_countries.get(creator.country, 0.0)
    if home >= rule["below_home_share"]:
        return []
    top = max(creator.audience_countries.items(), key=lambda kv: kv[1], default=("?", 0.0))
    severity = _ramp(home, rule["below_home_share"], rule["full_home_share"])
    reason = f"only {home:.0%} of the audience in {creator.country} (top: {top[0]} {top[1]:.0%})"
    return [FraudFlag(code="audience_mismatch", severity=severity, reason=reason)]


def assess_fraud(creator: Creator) -> FraudAssessment:
    """Fraud risk in [0, 1] from engagement, comments, growth, following and audience checks."""
    rules = load_data("fraud")
    checks = {
        "engagement": (creator.engagement_rate is not None and bool(creator.followers), _engagement_flags),
        "comment_like_ratio": (
            bool(creator.avg_likes) and creator.avg_comments is not None,
            _comment_like_flags,
        ),
        "follower_growth": (
            bool(creator.follower_series) and len(creator.follower_series or []) > 2,
            lambda c, r: _growth_flags(c.follower_series or [], r),
        ),
        "following": (creator.following is not None, _following_flags),
        "audience_country": (bool(creator.audience_countries) and bool(creator.country), _audience_flags),
    }
    flags: list[FraudFlag] = []
    checked, unknown = [], []
    for name, (known, check) in checks.items():
        if known:
            checked.append(name)
            flags.extend(check(creator, rules))
        else:
            unknown.append(name)
    weights = {
        "engagement_low": rules["engagement_low"]["weight"],
        "engagement_high": rules["engagement_high"]["weight"],
        "comment_like_low": rules["comment_like_ratio"]["weight"],
        "comment_like_high": rules["comment_like_ratio"]["weight"],
        "growth_spike": rules["growth_spike"]["weight"],
        "follow_for_follow": rules["follow_for_follow"]["weight"],
        "audience_mismatch": rules["audience_mismatch"]["weight"],
    }
    clean = 1.0
    for flag in flags:
        clean *= 1.0 - weights[flag.code] * flag.severity
    return FraudAssessment(risk=round(1.0 - clean, 4), flags=flags, checked=checked, unknown=unknown)


def high_risk_threshold() -> float:
    """Fraud risk at or above which a creator is left out of portfolios by default."""
    return float(load_data("fraud")["high_risk_threshold"])
