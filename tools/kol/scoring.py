"""Fit, quality, cost and reach of one creator for one request; every score carries its reasons."""

from typing import Literal

from pydantic import BaseModel

from tools.kol.models import Creator, Money
from tools.kol.reference import (
    benchmark_engagement,
    convert,
    cpm_usd,
    load_data,
    reach_rate,
    related_niches,
    tier_of,
)
from tools.kol.text import base_language, creator_niche


class Signal(BaseModel):
    value: float
    reasons: list[str]


class CostEstimate(BaseModel):
    money: Money
    source: Literal["rate_card", "tier_cpm_estimate"]
    reason: str


class FitContext(BaseModel):
    """What fit is measured against: the product's niche, the markets and their languages."""

    product_niche: str | None
    markets: list[str]
    languages: list[str]


def _category_signal(creator: Creator, product_niche: str | None) -> tuple[float, str] | None:
    niche = creator_niche(creator)
    if product_niche is None or niche is None:
        return None
    if niche == product_niche:
        return 1.0, f"niche {niche} matches the product category"
    if niche in related_niches(product_niche):
        credit = float(load_data("scoring")["related_credit"])
        return credit, f"niche {niche} is related to {product_niche} ({credit:.1f} credit)"
    return 0.0, f"niche {niche} differs from the product category {product_niche}"


def _audience_signal(creator: Creator, markets: list[str]) -> tuple[float, str] | None:
    if not creator.audience_countries:
        return None
    share = min(sum(creator.audience_countries.get(m, 0.0) for m in markets), 1.0)
    return share, f"{share:.0%} of the audience lives in {', '.join(markets)}"


def _language_signal(creator: Creator, languages: list[str]) -> tuple[float, str] | None:
    if not creator.languages or not languages:
        return None
    spoken = {base_language(code) for code in creator.languages}
    wanted = {base_language(code) for code in languages}
    shared = sorted(spoken & wanted)
    if shared:
        return 1.0, f"creates in {', '.join(shared)}"
    return 0.0, f"creates in {', '.join(sorted(spoken))}, not in {', '.join(sorted(wanted))}"


def fit_score(creator: Creator, context: FitContext, text_relevance: float, text_reason: str) -> Signal:
    """Weighted mean of text relevance, category, audience-market and language signals that are known."""
    weights = load_data("scoring")["fit_weights"]
    signals: dict[str, tuple[float, str] | None] = {
        "text": (text_relevance, text_reason),
        "category": _category_signal(creator, context.product_niche),
        "audience": _audience_signal(creator, context.markets),
        "language": _language_signal(creator, context.languages),
    }
    total = weight_sum = 0.0
    reasons = []
    for name, signal in signals.items():
        if signal is None:
            reasons.append(f"{name} signal unknown; its weight is spread over the known signals")
            continue
        value, reason = signal
        total += weights[name] * value
        weight_sum += weights[name]
        reasons.append(reason)
    value = total / weight_sum if weight_sum else 0.0
    return Signal(value=round(value, 4), reasons=[f"fit {value:.2f}", *reasons])


def quality_score(creator: Creator) -> Signal:
    """Engagement against the platform × tier benchmark, capped; neutral when unknown."""
    rules = load_data("scoring")["quality"]
    if creator.engagement_rate is None or not creator.followers:
        return Signal(value=float(rules["unknown"]), reasons=["engagement unknown: neutral quality"])
    tier = tier_of(creator.followers)
    benchmark = benchmark_engagement(creator.platform, tier)
    ratio = creator.engagement_rate / benchmark
    value = min(ratio, rules["cap_ratio"]) / rules["cap_ratio"]
    reason = (
        f"engagement {creator.engagement_rate:.2%} is {ratio:.2f}× the {benchmark:.2%} typical "
        f"for {creator.platform} {tier}"
    )
    return Signal(value=round(value, 4), reasons=[reason])


def expected_reach(creator: Creator) -> int | None:
    """Followers × the platform × tier reach rate; None when followers are unknown."""
    if creator.followers is None:
        return None
    return round(creator.followers * reach_rate(creator.platform, tier_of(creator.followers)))


def planning_cost_usd(platform: str, followers: int | None, rate_card: Money | None) -> float | None:
    """USD price of one post by the rule of estimate_cost: the rate card, else reach × tier CPM."""
    if rate_card is not None:
        return convert(rate_card.amount, rate_card.currency, "USD")
    if followers is None:
        return None
    tier = tier_of(followers)
    return followers * reach_rate(platform, tier) / 1000 * cpm_usd(platform, tier)


def estimate_cost(creator: Creator, currency: str) -> CostEstimate | None:
    """Price of one post in `currency`: the rate card, else reach × the tier CPM; None if neither is known."""
    if creator.rate_card is not None:
        card = creator.rate_card
        amount = convert(card.amount, card.currency, currency)
        reason = f"rate card {card.amount:,.0f} {card.currency} = {amount:,.0f} {currency}"
        return CostEstimate(money=Money(amount=round(amount, 2), currency=currency), source="rate_card", reason=reason)
    reach = expected_reach(creator)
    if reach is None or creator.followers is None:
        return None
    tier = tier_of(creator.followers)
    cpm = cpm_usd(creator.platform, tier)
    amount = convert(reach / 1000 * cpm, "USD", currency)
    reason = (
        f"no rate card: {reach:,} expected reach × {cpm:.0f} USD CPM ({creator.platform} {tier}, "
        f"benchmarks.yaml) = {amount:,.0f} {currency}"
    )
    return CostEstimate(
        money=Money(amount=round(amount, 2), currency=currency), source="tier_cpm_estimate", reason=reason
    )


def combined_score(fit: float, quality: float, fraud_risk: float) -> float:
    """The order of matches: fit, nudged by quality, discounted by fraud risk."""
    weight = float(load_data("scoring")["combined"]["quality_weight"])
    return round(fit * (1 - weight + weight * quality) * (1 - fraud_risk), 4)
