"""The demo creator directory: realistic creators across the launch markets, with planted fraud and labels."""

import math
from typing import Any

import duckdb
import numpy as np
from pydantic import BaseModel

from tools.kol.demo_text import Identity, injection_sentence, make_identity
from tools.kol.models import PLATFORMS, Creator, Money, Platform, creator_id_for
from tools.kol.reference import (
    TIERS,
    benchmark_engagement,
    convert,
    cpm_usd,
    load_data,
    niche_keys,
    reach_rate,
    related_niches,
)
from tools.kol.store import upsert_creators
from tools.markets import all_markets

FRAUD_PATTERNS = (
    "bought_followers",
    "engagement_pod",
    "growth_spike",
    "follow_for_follow",
    "audience_mismatch",
)


class GroundTruth(BaseModel):
    """What the generator planted: fraud patterns, true niches and audiences, injected bios."""

    fraud: dict[str, str]
    niche: dict[str, str]
    country: dict[str, str]
    home_share: dict[str, float | None]
    injected: list[str]

    def fraudulent(self) -> set[str]:
        """Ids of every creator with a planted fraud pattern."""
        return set(self.fraud)

    def relevance(self, category: str, market: str) -> dict[str, int]:
        """Graded relevance (0–3) of every creator for a product niche in a market."""
        related = set(related_niches(category))
        grades = {}
        for creator_id, niche in self.niche.items():
            grade = 0
            if creator_id not in self.fraud and self.country[creator_id] == market.upper():
                home = self.home_share[creator_id]
                if niche == category:
                    grade = 3 if home is None or home >= 0.5 else 2
                elif niche in related:
                    grade = 1
            grades[creator_id] = grade
        return grades


def _uniform(rng: np.random.Generator, bounds: list[float]) -> float:
    return float(rng.uniform(bounds[0], bounds[1]))


def _followers(rng: np.random.Generator, tier: str, profile: dict[str, Any]) -> int:
    bounds = load_data("benchmarks")["tiers"][tier]
    low = max(bounds[0], profile["nano_min_followers"])
    high = bounds[1] or profile["mega_max_followers"]
    return int(math.exp(rng.uniform(math.log(low), math.log(high - 1))))


def _series(
    rng: np.random.Generator, followers: int, tier: str, spike: float | None, profile: dict[str, Any]
) -> list[int]:
    """Twelve monthly counts ending at `followers`; `spike` plants one month of sudden growth."""
    growth = [_uniform(rng, profile["monthly_growth"][tier]) for _ in range(11)]
    if spike is not None:
        growth[int(rng.integers(5, 11))] = spike
    elif rng.random() < profile["viral_month"]["share"]:
        growth[int(rng.integers(0, 11))] = _uniform(rng, profile["viral_month"]["growth"])
    series = [float(followers)]
    for rate in reversed(growth):
        series.append(series[-1] / (1 + rate))
    return [round(v) for v in reversed(series)]


def _audience(rng: np.random.Generator, market: str, home: float, others: list[str]) -> dict[str, float]:
    rest = (1 - home) * rng.uniform(0.6, 0.9)
    shares = rng.dirichlet(np.ones(len(others))) * rest
    audience = {market: round(home, 3)}
    audience.update({code: round(float(s), 3) for code, s in zip(others, shares, strict=True)})
    return audience


def _demographics(rng: np.random.Generator, niche: str, profile: dict[str, Any]) -> tuple[dict[str, float], ...]:
    buckets = profile["audience_age_buckets"]
    ages = rng.dirichlet(np.array([0.08, 0.32, 0.35, 0.15, 0.10]) * 40)
    female = min(max(profile["audience_female_share"][niche] + rng.normal(0, 0.05), 0.02), 0.98)
    age = {b: round(float(a), 3) for b, a in zip(buckets, ages, strict=True)}
    return age, {"female": round(female, 3), "male": round(1 - female, 3)}


def _engagement(
    rng: np.random.Generator, platform: str, tier: str, pattern: str | None, profile: dict[str, Any]
) -> tuple[float, float]:
    """(engagement rate, comments per like)."""
    values = load_data("demo_profile")["fraud_values"]
    spread = profile["engagement"]
    ratio = min(max(math.exp(rng.normal(0, spread["sigma"])), spread["min_ratio"]), spread["max_ratio"])
    comment_like = _uniform(rng, profile["comment_like_ratio"])
    if pattern in ("bought_followers", "engagement_pod", "growth_spike"):
        ratio = _uniform(rng, values[pattern]["engagement_ratio"])
    if pattern == "engagement_pod":
        comment_like = _uniform(rng, values[pattern]["comment_like_ratio"])
    return benchmark_engagement(platform, tier) * ratio, comment_like


def _account(
    rng: np.random.Generator, who: Identity, platform: Platform, pattern: str | None, profile: dict[str, Any]
) -> Creator:
    """One platform account for an identity, with organic or planted numbers."""
    values = profile["fraud_values"]
    tier = str(rng.choice(TIERS, p=[profile["tier_mix"][t] for t in TIERS]))
    followers = _followers(rng, tier, profile)
    following = min(
        int(math.exp(rng.normal(math.log(profile["following"]["median"]), profile["following"]["sigma"]))),
        profile["following"]["max"],
    )
    busy = profile["busy_followers"]
    if followers >= busy["min_followers"] and rng.random() < busy["share"]:
        following = int(_uniform(rng, busy["following"]))
    if pattern == "follow_for_follow":
        followers = int(rng.uniform(2500, values[pattern]["max_followers"]))
        following = int(
            min(
                max(
                    followers * _uniform(rng, values[pattern]["following_ratio"]),
                    values[pattern]["following"][0],
                ),
                values[pattern]["following"][1],
            )
        )
    tier = next(t for t in TIERS if followers < (load_data("benchmarks")["tiers"][t][1] or math.inf))
    rate, comment_like = _engagement(rng, platform, tier, pattern, profile)
    likes = rate * followers / (1 + comment_like)
    spike = _uniform(rng, values[pattern]["spike"]) if pattern in ("bought_followers", "growth_spike") else None
    unknown = profile["unknown"]
    series = (
        None
        if spike is None and rng.random() < unknown["follower_series"]
        else _series(rng, followers, tier, spike, profile)
    )
    view_share = {
        "instagram": rng.uniform(0.3, 0.8),
        "tiktok": rng.uniform(0.2, 1.2),
        "youtube": reach_rate("youtube", tier) * rng.uniform(0.7, 1.5),
    }[platform]
    audience = age = gender = None
    if pattern == "audience_mismatch" or rng.random() >= unknown["audience"]:
        gulf = who.market in ("SA", "AE")
        home = _uniform(rng, profile["home_share_gulf" if gulf else "home_share"])
        others = list(profile["neighbours"][who.market])
        if pattern == "audience_mismatch":
            home = _uniform(rng, values[pattern]["home_share"])
            others = [str(c) for c in rng.choice(profile["mismatch_countries"], size=3, replace=False)]
        audience = _audience(rng, who.market, home, others)
        age, gender = _demographics(rng, who.niche, profile)
    rate_card = None
    if rng.random() >= unknown["rate_card"]:
        price_usd = followers * reach_rate(platform, tier) / 1000 * cpm_usd(platform, tier) * rng.lognormal(0, 0.25)
        currency = all_markets()[who.market].currency
        local = convert(price_usd, "USD", currency)
        rate_card = Money(amount=float(f"{local:.2g}"), currency=currency)
    flags = (
        [str(rng.choice(["alcohol", "gambling", "political", "profanity"]))]
        if rng.random() < profile["brand_safety_share"]
        else []
    )
    brands = [str(b) for b in rng.choice(load_data("demo_text")["brands"], size=int(rng.integers(0, 4)), replace=False)]
    return Creator(
        creator_id=creator_id_for(platform, who.handle),
        platform=platform,
        handle=who.handle,
        name=who.name,
        country=who.market,
        languages=who.languages,
        niche=load_data("niches")[who.niche]["label"],
        categories=[who.niche],
        bio=who.bio,
        recent_topics=who.topics,
        recent_captions=who.captions,
        followers=followers,
        following=following,
        avg_likes=round(likes, 1),
        avg_comments=round(likes * comment_like, 1),
        avg_views=None if rng.random() < unknown["avg_views"] else round(followers * view_share),
        engagement_rate=round(rate, 5),
        follower_series=series,
        audience_countries=audience,
        audience_age=age,
        audience_gender=gender,
        contact=None if rng.random() < unknown["contact"] else f"{who.handle}@example.com",
        rate_card=rate_card,
        brand_safety_flags=flags,
        past_collaborations=brands,
        source="demo",
    )


def _plan(rng: np.random.Generator, n: int, profile: dict[str, Any]) -> tuple[list[bool], list[str | None]]:
    """Which slots are cross-platform twins and which carry a fraud pattern."""
    twins: list[bool] = []
    for i in range(n):
        twins.append(i > 0 and not twins[-1] and bool(rng.random() < profile["twins"]))
    free = [i for i in rng.permutation(n) if not twins[i] and not (i + 1 < n and twins[i + 1])]
    patterns: list[str | None] = [None] * n
    cursor = 0
    for pattern in FRAUD_PATTERNS:
        count = round(profile["fraud_share"][pattern] * n)
        for i in free[cursor : cursor + count]:
            patterns[int(i)] = pattern
        cursor += count
    return twins, patterns


def generate_demo_creators(n: int = 2400, seed: int = 11) -> tuple[list[Creator], GroundTruth]:
    """n demo creators over the 16 markets × 11 niches × 3 platforms, and what was planted in them."""
    rng = np.random.default_rng(seed)
    profile = load_data("demo_profile")
    markets, niches = list(all_markets().values()), niche_keys()
    platform_p = [profile["platform_mix"][p] for p in PLATFORMS]
    twins, patterns = _plan(rng, n, profile)
    creators: list[Creator] = []
    identities: list[Identity] = []
    taken: set[str] = set()
    for i in range(n):
        if twins[i]:
            who = identities[-1]
            used = creators[-1].platform
            platform = [p for p in PLATFORMS if p != used][int(rng.integers(2))]
        else:
            who = make_identity(rng, markets[i % len(markets)], niches[(i // len(markets)) % len(niches)], taken)
            platform = PLATFORMS[int(rng.choice(len(PLATFORMS), p=platform_p))]
        identities.append(who)
        creators.append(_account(rng, who, platform, patterns[i], profile))
    injected = _plant_injections(rng, creators, patterns, int(profile["injections"]))
    truth = GroundTruth(
        fraud={c.creator_id: p for c, p in zip(creators, patterns, strict=True) if p},
        niche={c.creator_id: w.niche for c, w in zip(creators, identities, strict=True)},
        country={c.creator_id: w.market for c, w in zip(creators, identities, strict=True)},
        home_share={
            c.creator_id: (c.audience_countries or {}).get(c.country or "") if c.audience_countries else None
            for c in creators
        },
        injected=injected,
    )
    return creators, truth


def _plant_injections(
    rng: np.random.Generator, creators: list[Creator], patterns: list[str | None], count: int
) -> list[str]:
    organic = [i for i, p in enumerate(patterns) if p is None]
    chosen = [int(i) for i in rng.choice(organic, size=min(count, len(organic)), replace=False)]
    for i in chosen:
        creator = creators[i]
        creators[i] = creator.model_copy(update={"bio": f"{creator.bio} {injection_sentence(rng)}"})
    return [creators[i].creator_id for i in chosen]


def load_demo_creators(conn: duckdb.DuckDBPyConnection, n: int = 2400, seed: int = 11) -> GroundTruth:
    """Generate the demo directory and upsert it into `conn` in one transaction."""
    creators, truth = generate_demo_creators(n, seed)
    conn.begin()
    try:
        upsert_creators(conn, creators)
    except Exception:
        conn.rollback()
        raise
    conn.commit()
    return truth
