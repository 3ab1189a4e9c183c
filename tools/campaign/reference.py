"""Reference data of the planner (benchmarks, channels, market sizes, currencies, order values, rules)."""

from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel

from tools.errors import BadInput
from tools.markets import get_market


def _load(name: str) -> Any:
    return yaml.safe_load(resources.files("tools.campaign.data").joinpath(name).read_text("utf-8"))


class Benchmark(BaseModel):
    """[low, mid, high] of each metric; money in USD, rates in percent."""

    cpm: tuple[float, float, float]
    cpc: tuple[float, float, float]
    ctr_pct: tuple[float, float, float]
    cvr_pct: tuple[float, float, float]
    assumption: bool
    source: str


class Benchmarks(BaseModel):
    currency: str
    as_of: str
    platforms: dict[str, dict[str, Benchmark]]


class Channel(BaseModel):
    label: str
    saturation_daily_usd: float
    min_daily_usd: float
    reach_per_impression: float
    review_days: int
    review_source: str


class TikTokShop(BaseModel):
    markets: list[str]
    as_of: str
    source: str


class Channels(BaseModel):
    channels: dict[str, Channel]
    unavailable: dict[str, dict[str, str]]
    unavailable_source: str
    tiktok_shop: TikTokShop
    aliases: dict[str, str]


class MarketSize(BaseModel):
    size_usd_bn: float
    source: str


class MarketWeights(BaseModel):
    reference: str
    saturation_exponent: float
    markets: dict[str, MarketSize]


class Currency(BaseModel):
    minor_unit: int
    per_usd: Decimal


class Currencies(BaseModel):
    as_of: str
    source: str
    currencies: dict[str, Currency]


class OrderValues(BaseModel):
    source: str
    default_category: str
    categories: dict[str, float]
    region_price_factor: dict[str, float]


class ActionRule(BaseModel):
    role: str
    lead_days: int
    text: str


class Planning(BaseModel):
    max_days: int
    default_constraints: dict[str, float]
    fit: dict[str, float]
    phases: dict[str, Any]
    actions: dict[str, ActionRule]
    by_kind: dict[str, ActionRule]


@cache
def benchmarks() -> Benchmarks:
    """benchmarks.yaml."""
    return Benchmarks.model_validate(_load("benchmarks.yaml"))


@cache
def channels() -> Channels:
    """channels.yaml."""
    return Channels.model_validate(_load("channels.yaml"))


@cache
def market_weights() -> MarketWeights:
    """market_weights.yaml."""
    return MarketWeights.model_validate(_load("market_weights.yaml"))


@cache
def currencies() -> Currencies:
    """currencies.yaml."""
    return Currencies.model_validate(_load("currencies.yaml"))


@cache
def order_values() -> OrderValues:
    """aov.yaml."""
    return OrderValues.model_validate(_load("aov.yaml"))


@cache
def planning() -> Planning:
    """planning.yaml."""
    return Planning.model_validate(_load("planning.yaml"))


@cache
def texts() -> dict[str, str]:
    """texts.yaml: templates of the deterministic plan text."""
    return dict(_load("texts.yaml"))


def get_currency(code: str) -> Currency:
    """The currency for an ISO 4217 code; BadInput names the known codes otherwise."""
    found = currencies().currencies.get(code.strip().upper())
    if found is None:
        raise BadInput(f"unknown currency {code!r}; known currencies: {', '.join(currencies().currencies)}")
    return found


def channel_name(name: str) -> str:
    """The canonical channel name for a name or alias; BadInput lists the channels otherwise."""
    key = name.strip().lower()
    key = channels().aliases.get(key, key)
    if key not in channels().channels:
        raise BadInput(f"unknown channel {name!r}; known channels: {', '.join(channels().channels)}")
    return key


def unavailable_reason(channel: str, market: str) -> str | None:
    """Why a channel cannot be bought in a market, or None when it can."""
    return channels().unavailable.get(channel, {}).get(market)


def benchmark(channel: str, market: str) -> Benchmark:
    """The benchmark row of a channel in the market's region."""
    region = get_market(market).region
    row = benchmarks().platforms[channel].get(region)
    if row is None:
        raise BadInput(f"no benchmark for {channel} in {region}; the channel is not sold in {market}")
    return row


def market_weight(market: str) -> float:
    """The market's online retail size relative to the reference market."""
    weights = market_weights()
    return weights.markets[market].size_usd_bn / weights.markets[weights.reference].size_usd_bn
