"""Typed models at the KOL boundary: creators, requests, matches and import results."""

import hashlib
from typing import Literal

from pydantic import BaseModel, Field

Platform = Literal["instagram", "tiktok", "youtube"]
PLATFORMS: tuple[Platform, ...] = ("instagram", "tiktok", "youtube")
Source = Literal["demo", "import"]


class Money(BaseModel):
    amount: float
    currency: str = Field(min_length=3, max_length=3, description="ISO 4217 code")


def normalize_handle(handle: str) -> str:
    """The comparable form of a handle: no leading @, lower case, no spaces."""
    return "".join(handle.strip().lstrip("@").lower().split())


def creator_id_for(platform: str, handle: str) -> str:
    """Stable id of a creator account: a hash of platform and normalized handle."""
    key = f"{platform}:{normalize_handle(handle)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class Creator(BaseModel):
    """One creator account on one platform. Unknown values are None, never guessed."""

    creator_id: str
    platform: Platform
    handle: str
    name: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    languages: list[str] | None = None
    niche: str | None = None
    categories: list[str] | None = None
    bio: str | None = None
    recent_topics: list[str] | None = None
    recent_captions: list[str] | None = None
    followers: int | None = Field(default=None, ge=0)
    following: int | None = Field(default=None, ge=0)
    avg_likes: float | None = Field(default=None, ge=0)
    avg_comments: float | None = Field(default=None, ge=0)
    avg_views: float | None = Field(default=None, ge=0)
    engagement_rate: float | None = Field(default=None, ge=0, description="fraction, 0.0139 = 1.39%")
    follower_series: list[int] | None = Field(default=None, description="monthly followers, oldest first")
    audience_countries: dict[str, float] | None = None
    audience_age: dict[str, float] | None = None
    audience_gender: dict[str, float] | None = None
    contact: str | None = None
    rate_card: Money | None = Field(default=None, description="price of one post")
    brand_safety_flags: list[str] | None = None
    past_collaborations: list[str] | None = None
    source: Source = "import"
    is_shared: bool = False


class Product(BaseModel):
    name: str
    description: str | None = None
    features: list[str] = []
    category: str
    brand: str | None = None
    keywords: list[str] = []


class MatchRequest(BaseModel):
    product: Product
    markets: list[str]
    platforms: list[Platform] | None = None
    budget: Money | None = None
    limit: int = 10
    min_followers: int | None = None
    max_followers: int | None = None
    languages: list[str] | None = None
    max_price: Money | None = Field(default=None, description="most one creator may cost")
    allow_high_risk: bool = False


class Match(BaseModel):
    creator_id: str
    handle: str
    platform: Platform
    country: str | None
    language: str | None
    followers: int | None
    engagement_rate: float | None
    fit_score: float
    quality_score: float
    fraud_risk: float
    fraud_flags: list[str] = []
    score: float = Field(description="combined score used to order matches")
    estimated_cost: Money | None
    cost_source: Literal["rate_card", "tier_cpm_estimate"] | None = None
    expected_reach: int | None
    cpm: float | None = Field(default=None, description="cost per 1,000 expected reach, in the cost currency")
    reasons: list[str] = []


class MatchResponse(BaseModel):
    matches: list[Match]
    total_cost: Money | None
    budget_used_share: float | None
    excluded_for_fraud: int
    candidates_considered: int = 0


class RowProblem(BaseModel):
    line: int
    reason: str


class ImportResult(BaseModel):
    rows_imported: int
    rejected: list[RowProblem] = []
    warnings: list[RowProblem] = []
    mapped_columns: dict[str, str] = Field(default_factory=dict, description="file header → schema field")
    ignored_columns: list[str] = []
