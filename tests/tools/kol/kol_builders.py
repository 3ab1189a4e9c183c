"""Builders for KOL tests: organic creators with every number consistent, overridable per field."""

import zlib
from typing import Any

import duckdb

from tools.kol.models import Creator, Money, Platform, creator_id_for
from tools.kol.reference import benchmark_engagement, tier_of
from tools.kol.store import ensure_schema, upsert_creators

BIOS = {
    "outdoor": "Camping trips and hiking trails, tent and gear tests in the wild",
    "beauty": "Skincare routines, everyday makeup and honest serum reviews",
    "tech": "Gadget reviews, smartphone tips and earbuds unboxing",
    "food": "Easy recipes, weeknight dinners and baking",
}
TOPICS = {
    "outdoor": ["#camping", "#hiking", "#tent"],
    "beauty": ["#skincare", "#serum", "#makeup"],
    "tech": ["#tech", "#gadgets", "#earbuds"],
    "food": ["#recipe", "#cooking", "#baking"],
}

# One of these joins each bio (picked by handle) so that two built creators are never near-duplicates.
STORIES = [
    "weekend trips with friends from the city",
    "budget tests and honest opinions every Friday",
    "family adventures and long lazy Sundays",
    "solo journeys, sunrise walks and quiet lakes",
    "weekly videos from the mountains and rivers",
    "beginner guides, mistakes and lessons learned",
]


def make_creator(
    handle: str,
    *,
    platform: Platform = "instagram",
    country: str = "DE",
    niche: str = "outdoor",
    followers: int | None = 50_000,
    **overrides: Any,
) -> Creator:
    """An organic creator: engagement at the benchmark, 3% comments per like, steady growth."""
    size = followers or 50_000
    rate = benchmark_engagement(platform, tier_of(size))
    likes = rate * size / 1.03
    series = [round(size / 1.02 ** (11 - month)) for month in range(12)]
    fields: dict[str, Any] = {
        "creator_id": creator_id_for(platform, handle),
        "platform": platform,
        "handle": handle,
        "name": handle.title(),
        "country": country,
        "languages": ["de" if country == "DE" else "en"],
        "niche": niche,
        "categories": [niche],
        "bio": f"{BIOS.get(niche, niche)} | {handle}: {STORIES[zlib.crc32(handle.encode()) % len(STORIES)]}",
        "recent_topics": TOPICS.get(niche, []),
        "followers": followers,
        "following": 300,
        "avg_likes": round(likes, 1),
        "avg_comments": round(likes * 0.03, 1),
        "engagement_rate": rate,
        "follower_series": series,
        "audience_countries": {country: 0.7, "US": 0.1} if country != "US" else {"US": 0.7, "GB": 0.1},
        "rate_card": Money(amount=round(size * 0.004, 2), currency="EUR"),
        "source": "demo",
    }
    fields.update(overrides)
    return Creator.model_validate(fields)


def memory_db(creators: list[Creator]) -> duckdb.DuckDBPyConnection:
    """An in-memory creators database holding `creators`."""
    conn = duckdb.connect()
    ensure_schema(conn)
    upsert_creators(conn, creators)
    return conn
