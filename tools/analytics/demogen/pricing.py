"""Local prices and order money of the demo store."""

import math
from decimal import ROUND_HALF_UP, Decimal

from tools.analytics import fx
from tools.analytics.demogen.config import DemoConfig, Product

CENT = Decimal("0.01")
ZERO_DECIMAL_CURRENCIES = {"JPY", "KRW", "IDR", "VND"}


def money(value: float | Decimal, currency: str) -> Decimal:
    """An amount rounded as the currency is written (no cents for JPY, KRW, IDR, VND)."""
    step = Decimal("1") if currency in ZERO_DECIMAL_CURRENCIES else CENT
    return Decimal(str(value)).quantize(step, ROUND_HALF_UP).quantize(CENT)


class PriceList:
    """List prices per SKU, market and currency, fixed at one month's exchange rate."""

    def __init__(self, config: DemoConfig) -> None:
        self.config = config
        self._cache: dict[tuple[str, str, str], Decimal] = {}

    def price(self, product: Product, market: str, currency: str) -> Decimal:
        """The shelf price (VAT included outside the US) of a product in a market and currency."""
        key = (product.sku, market, currency)
        if key not in self._cache:
            local = product.price_usd * self.config.markets[market].price_index
            local *= fx.units_per_usd(currency, self.config.price_list_month)
            step, less = self.config.price_endings[currency]
            nice = max(math.ceil(local / step) * step - less, step - less if step > less else step)
            self._cache[key] = money(nice, currency)
        return self._cache[key]

    def shipping(self, market: str, currency: str) -> Decimal:
        """The Shopify shipping fee of a market, in the order's currency."""
        plan = self.config.markets[market]
        home = plan.shopify_currency
        amount = plan.shipping * fx.units_per_usd(currency, self.config.price_list_month)
        amount /= fx.units_per_usd(home, self.config.price_list_month)
        return money(amount, currency)


def split_tax(gross: Decimal, rate: float, inclusive: bool, currency: str) -> Decimal:
    """The tax in a gross (VAT-inclusive) amount, or the sales tax added to a net one."""
    if inclusive:
        return money(gross * Decimal(str(rate)) / (1 + Decimal(str(rate))), currency)
    return money(gross * Decimal(str(rate)), currency)
