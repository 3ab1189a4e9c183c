"""Simulated orders of the demo store, day by day, market by market, channel by channel."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np

from tools.analytics.demogen.calendar import DemandCalendar
from tools.analytics.demogen.config import Channel, DemoConfig, Event, Product
from tools.analytics.demogen.pricing import PriceList, money, split_tax
from tools.analytics.importers.geo import marketplace

ZERO = Decimal("0.00")
FREE_SHIPPING_FROM_USD = 49.0
CLICK_ID_PREFIX = {
    "facebook": ("fbclid", "IwAR"),
    "instagram": ("fbclid", "PAAa"),
    "google": ("gclid", "Cj0KCQiA"),
    "tiktok": ("ttclid", "E.C.P."),
}
ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


@dataclass
class DemoLine:
    product: Product
    quantity: int
    unit_price: Decimal  # shelf price, VAT included outside the US
    discount: Decimal

    @property
    def amount(self) -> Decimal:
        """What the line costs after its discount."""
        return self.unit_price * self.quantity - self.discount


@dataclass
class DemoOrder:
    channel: Channel
    market: str
    currency: str
    created: datetime
    lines: list[DemoLine]
    shipping: Decimal = ZERO
    tax: Decimal = ZERO
    tax_inclusive: bool = True
    discount_code: str | None = None
    promotion: str | None = None
    cancelled: bool = False
    refund: Decimal = ZERO
    refund_day: date | None = None
    email: str | None = None
    region: str | None = None
    utm: tuple[str, str, str] | None = None
    click: tuple[str, str] | None = None
    order_id: str = ""

    @property
    def subtotal(self) -> Decimal:
        """Lines after discounts (gross where prices include VAT)."""
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def discount(self) -> Decimal:
        """All line discounts."""
        return sum((line.discount for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        """What the buyer paid."""
        return self.subtotal + self.shipping + (ZERO if self.tax_inclusive else self.tax)


@dataclass
class Simulator:
    config: DemoConfig
    calendar: DemandCalendar
    rng: random.Random
    prices: PriceList
    customers: dict[str, list[str]] = field(default_factory=dict)
    next_customer: int = 1

    def currency(self, market: str, channel: Channel) -> str:
        """The currency an order of this market and channel is paid in."""
        if channel == "amazon":
            place = marketplace(self.config.amazon_marketplaces[market])
            assert place is not None
            return place.currency
        if channel == "tiktok_shop":
            return self.config.tiktok_shop_currency[market]
        return self.config.markets[market].shopify_currency

    def _products(self, events: list[tuple[Event, float]]) -> list[Product]:
        behaviour = self.config.behaviour
        count = self.rng.choices(
            [n for n, _ in behaviour.items_per_order], [w for _, w in behaviour.items_per_order]
        )[0]
        weights = [p.popularity for p in self.config.catalog]
        for event, _ in events:
            weights = [
                w * event.boost.get(p.product_type, 1.0)
                for w, p in zip(weights, self.config.catalog, strict=True)
            ]
        picked = self.rng.choices(self.config.catalog, weights, k=count)
        return list({p.sku: p for p in picked}.values())

    def _discount(self, order: DemoOrder, events: list[tuple[Event, float]]) -> float:
        behaviour = self.config.behaviour
        coded = [event for event, _ in events if event.code]
        if order.channel == "amazon":
            deal = next((event.name for event, _ in events), None)
            if deal and self.rng.random() < behaviour.event_code_share:
                order.promotion = f"{deal} Deal"
                return behaviour.event_discount
            return 0.0
        if coded and self.rng.random() < behaviour.event_code_share:
            order.discount_code = coded[0].code
            return behaviour.event_discount
        code, share, rate = behaviour.welcome_code
        if self.rng.random() < share:
            order.discount_code = code
            return rate
        return 0.0

    def _customer(self, market: str) -> str:
        known = self.customers.setdefault(market, [])
        if known and self.rng.random() < self.config.behaviour.repeat_rate:
            return self.rng.choice(known)
        email = f"buyer{self.next_customer:06d}.{market.lower()}@example.com"
        self.next_customer += 1
        known.append(email)
        return email

    def _attribution(self, order: DemoOrder, events: list[tuple[Event, float]]) -> None:
        traffic = self.config.behaviour.shopify_traffic
        source, medium, _ = self.rng.choices(traffic, [share for _, _, share in traffic])[0]
        if source == "none":
            return
        campaign_event = next((event for event, _ in events if event.campaign), None)
        year = order.created.year
        name = f"{campaign_event.campaign}_{year}" if campaign_event else "evergreen"
        order.utm = (source, medium, f"{name}_{order.market.lower()}")
        if source in CLICK_ID_PREFIX and self.rng.random() < 0.8:
            key, prefix = CLICK_ID_PREFIX[source]
            order.click = (key, prefix + "".join(self.rng.choices(ID_CHARS, k=24)))

    def order(self, market: str, channel: Channel, day: date, last: date) -> DemoOrder:
        """One order placed on a day in a market through a channel."""
        rng, plan, behaviour = self.rng, self.config.markets[market], self.config.behaviour
        events = self.calendar.active(market, channel, day)
        clock = time(min(int(rng.triangular(0, 24, 20)), 23), rng.randrange(60), rng.randrange(60))
        created = datetime.combine(day, clock, ZoneInfo(self.config.timezones[market]))
        currency = self.currency(market, channel)
        order = DemoOrder(channel, market, currency, created, [], tax_inclusive=market != "US")
        rate = self._discount(order, events)
        quantities = behaviour.quantity
        for product in self._products(events):
            quantity = rng.choices([q for q, _ in quantities], [w for _, w in quantities])[0]
            price = self.prices.price(product, market, currency)
            order.lines.append(
                DemoLine(product, quantity, price, money(price * quantity * Decimal(rate), currency))
            )
        usd_value = sum(line.product.price_usd * line.quantity for line in order.lines)
        if channel == "shopify" and usd_value < FREE_SHIPPING_FROM_USD:
            order.shipping = self.prices.shipping(market, currency)
        order.tax = split_tax(order.subtotal + order.shipping, plan.tax, order.tax_inclusive, currency)
        order.region = rng.choice(self.config.regions[market]) if market in self.config.regions else None
        if channel != "amazon":
            order.email = self._customer(market)
        if channel == "shopify":
            self._attribution(order, events)
        self._settle(order, last)
        return order

    def _settle(self, order: DemoOrder, last: date) -> None:
        rng, behaviour = self.rng, self.config.behaviour
        if rng.random() < behaviour.cancel_rate:
            order.cancelled = True
            return
        if rng.random() < behaviour.refund_rate:
            day = order.created.date() + timedelta(days=rng.randint(4, 25))
            if day <= last:
                partial = len(order.lines) > 1 and rng.random() < 1 / 3
                gross = order.lines[0].amount if partial else order.total
                order.refund, order.refund_day = gross, day


def _number_orders(orders: list[DemoOrder], first_number: int, rng: random.Random) -> None:
    orders.sort(key=lambda o: (o.created.astimezone(ZoneInfo("UTC")), o.market, o.channel))
    number = first_number
    for order in orders:
        if order.channel == "shopify":
            order.order_id = f"#{number}"
            number += 1
        elif order.channel == "amazon":
            prefix = (
                "11" + str(rng.randrange(1, 5)) if order.market == "US" else f"{rng.randrange(200, 410):03d}"
            )
            order.order_id = f"{prefix}-{rng.randrange(10**7):07d}-{rng.randrange(10**7):07d}"
        else:
            order.order_id = f"57{rng.randrange(10**16):016d}"


def simulate_orders(config: DemoConfig, first: date, last: date, seed: int, scale: float) -> list[DemoOrder]:
    """Every order of the history, sorted by time, with channel-style order ids."""
    rng = random.Random(seed)
    counts = np.random.default_rng(seed)
    calendar = DemandCalendar(config, first, last)
    simulator = Simulator(config, calendar, rng, PriceList(config))
    total_weight = sum(plan.weight for plan in config.markets.values())
    orders: list[DemoOrder] = []
    day = first
    while day <= last:
        for market, plan in config.markets.items():
            base = config.orders_per_day * scale * plan.weight / total_weight
            for channel, share in plan.channels.items():
                for _ in range(int(counts.poisson(base * share * calendar.demand(market, channel, day)))):
                    orders.append(simulator.order(market, channel, day, last))
        day += timedelta(days=1)
    # Exports date orders in UTC (Amazon) or the shop's zone (Shopify): keep those inside the history.
    zones = (ZoneInfo("UTC"), ZoneInfo(config.shop_timezone))
    orders = [o for o in orders if all(first <= o.created.astimezone(z).date() <= last for z in zones)]
    _number_orders(orders, config.first_order_number, rng)
    return orders
