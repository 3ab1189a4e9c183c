"""The demo store's configuration (data/demo_store.yaml) as typed models."""

from datetime import date
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel

Channel = Literal["amazon", "shopify", "tiktok_shop"]


class Product(BaseModel):
    sku: str
    title: str
    product_type: str
    price_usd: float
    popularity: float

    @property
    def handle(self) -> str:
        """The Shopify handle of the product."""
        return self.title.lower().replace(" ", "-").replace(".", "")


class MarketPlan(BaseModel):
    weight: float
    channels: dict[Channel, float]
    shopify_currency: str
    tax: float
    price_index: float
    shipping: float
    season: str


class Season(BaseModel):
    amplitude: float
    peak_day: int


class Event(BaseModel):
    name: str
    rule: Literal["black_friday", "christmas", "ramadan", "double_day", "dates"]
    start: int = 0
    end: int = 0
    lift: float
    peak_days: list[int] = []
    peak_lift: float = 1.0
    markets: list[str]
    channels: list[Channel] = ["amazon", "shopify", "tiktok_shop"]
    boost: dict[str, float] = {}
    month: int = 0
    dates: list[date] = []
    code: str | None = None
    campaign: str | None = None


class Behaviour(BaseModel):
    items_per_order: list[tuple[int, float]]
    quantity: list[tuple[int, float]]
    cancel_rate: float
    refund_rate: float
    repeat_rate: float
    welcome_code: tuple[str, float, float]
    event_code_share: float
    event_discount: float
    shopify_traffic: list[tuple[str, str, float]]


class AdsPlan(BaseModel):
    meta: dict[str, float]
    google: dict[str, float]
    tiktok: dict[str, float]
    amazon_ads: dict[str, float]
    cpm: dict[str, float]
    ctr: dict[str, float]


class DemoConfig(BaseModel):
    brand: str
    vendor: str
    shop_timezone: str
    first_order_number: int
    orders_per_day: float
    growth: tuple[float, float]
    catalog: list[Product]
    markets: dict[str, MarketPlan]
    amazon_marketplaces: dict[str, str]
    tiktok_shop_currency: dict[str, str]
    timezones: dict[str, str]
    regions: dict[str, list[str]]
    seasons: dict[str, Season]
    weekday_lift: list[float]
    events: list[Event]
    behaviour: Behaviour
    ads: AdsPlan
    price_endings: dict[str, tuple[float, float]]
    price_list_month: date


def load_config() -> DemoConfig:
    """The demo store's plan."""
    raw = yaml.safe_load(
        resources.files("tools.analytics").joinpath("data", "demo_store.yaml").read_text("utf-8")
    )
    raw["catalog"] = [
        {"sku": s, "title": t, "product_type": k, "price_usd": p, "popularity": w}
        for s, t, k, p, w in raw["catalog"]
    ]
    for event in raw["events"]:
        event["start"], event["end"] = event.pop("from", 0), event.pop("to", 0)
    return DemoConfig.model_validate(raw)
