"""Simulated daily ad performance on Meta, Google, TikTok and Amazon Ads, tied to the orders."""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tools.analytics import fx
from tools.analytics.demogen.calendar import DemandCalendar
from tools.analytics.demogen.config import Channel, DemoConfig
from tools.analytics.demogen.orders import DemoOrder
from tools.analytics.demogen.pricing import money
from tools.analytics.importers.geo import marketplace

PLATFORM_SOURCES = {"meta": ("facebook", "instagram"), "google": ("google",), "tiktok": ("tiktok",)}
# Platforms count view-through and cross-device conversions too, so they report more than the shop sees.
REPORTED_LIFT = {"meta": 1.3, "google": 1.1, "tiktok": 1.4, "amazon_ads": 1.0}
AD_GROUPS = {
    "meta": "Advantage+ audience",
    "google": "Performance Max",
    "tiktok": "Smart+ {market}",
    "amazon_ads": "Auto targeting",
}
TIKTOK_SHOP_AD_SHARE = 0.35
AMAZON_AD_SHARE = 0.3


@dataclass
class DemoAd:
    platform: str
    day: date
    campaign: str
    ad_group: str
    market: str
    impressions: int
    clicks: int
    spend: Decimal
    currency: str
    conversions: int
    value: Decimal


Key = tuple[str, date, str, str]  # platform, day, market, campaign


def _attributed(
    config: DemoConfig, orders: list[DemoOrder], rng: random.Random
) -> dict[Key, list[DemoOrder]]:
    """Orders each platform's campaign can claim: UTM-tagged shop orders, and shares of marketplace orders."""
    claimed: dict[Key, list[DemoOrder]] = defaultdict(list)
    for order in orders:
        day = order.created.date()
        if order.utm:
            for platform, sources in PLATFORM_SOURCES.items():
                if order.utm[0] in sources:
                    claimed[(platform, day, order.market, order.utm[2])].append(order)
        elif order.channel == "tiktok_shop" and rng.random() < TIKTOK_SHOP_AD_SHARE:
            claimed[("tiktok", day, order.market, f"shop_gmv_{order.market.lower()}")].append(order)
        elif order.channel == "amazon" and rng.random() < AMAZON_AD_SHARE:
            claimed[("amazon_ads", day, order.market, f"sp_auto_{order.market.lower()}")].append(order)
    return claimed


def _campaigns(calendar: DemandCalendar, platform: str, market: str, day: date) -> list[tuple[str, float]]:
    """Campaigns running on a day with their share of the market's daily budget."""
    m = market.lower()
    if platform == "amazon_ads":
        return [(f"sp_auto_{m}", 1.0)]
    channel: Channel = "shopify"
    running = [(f"evergreen_{m}", 1.0)]
    if platform == "tiktok" and market in calendar.config.tiktok_shop_currency:
        running.append((f"shop_gmv_{m}", 0.8))
    for event, lift in calendar.active(market, channel, day):
        if event.campaign:
            running.append((f"{event.campaign}_{day.year}_{m}", 0.5 * lift))
    return running


def _value(orders: list[DemoOrder], currency: str, day: date) -> Decimal:
    return sum((o.total * Decimal(str(fx.rate_to(o.currency, currency, day))) for o in orders), Decimal("0"))


def simulate_ads(
    config: DemoConfig, orders: list[DemoOrder], first: date, last: date, seed: int, scale: float
) -> list[DemoAd]:
    """Daily rows per platform, campaign and market over the history."""
    rng = random.Random(seed + 1)
    calendar = DemandCalendar(config, first, last)
    claimed = _attributed(config, orders, rng)
    plan = config.ads
    rows: list[DemoAd] = []
    day = first
    while day <= last:
        for platform in ("meta", "google", "tiktok", "amazon_ads"):
            for market, budget in getattr(plan, platform).items():
                currency = _amazon_currency(config, market) if platform == "amazon_ads" else "USD"
                season = 0.7 + 0.3 * calendar.base(market, day)
                for campaign, share in _campaigns(calendar, platform, market, day):
                    spend_usd = budget * scale * share * season * rng.uniform(0.85, 1.15)
                    spend = money(spend_usd * fx.units_per_usd(currency, day), currency)
                    impressions = int(spend_usd / plan.cpm[platform] * 1000 * rng.uniform(0.8, 1.2))
                    clicks = int(impressions * plan.ctr[platform] * rng.uniform(0.8, 1.2))
                    won = claimed.get((platform, day, market, campaign), [])
                    lift = REPORTED_LIFT[platform]
                    rows.append(
                        DemoAd(
                            platform,
                            day,
                            campaign,
                            AD_GROUPS[platform].format(market=market),
                            market,
                            impressions,
                            clicks,
                            spend,
                            currency,
                            round(len(won) * lift),
                            money(_value(won, currency, day) * Decimal(str(lift)), currency),
                        )
                    )
        day += timedelta(days=1)
    return rows


def _amazon_currency(config: DemoConfig, market: str) -> str:
    place = marketplace(config.amazon_marketplaces[market])
    assert place is not None
    return place.currency
