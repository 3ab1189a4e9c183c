"""Typed results and options of an import, and the row shapes the importers produce."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from pydantic import BaseModel, Field, field_validator

# (lines read so far, lines in the file); called every few thousand rows and once at the end.
ProgressCallback = Callable[[int, int], None]


class Rejected(BaseModel):
    line: int = Field(description="1-based physical line of the file where the bad row starts.")
    reason: str


class ImportResult(BaseModel):
    rows_imported: int
    rejected: list[Rejected] = []
    source: str
    duplicate: bool = Field(default=False, description="The same file was imported before; nothing changed.")
    batch_id: str = ""
    filename: str = ""


class ImportDefaults(BaseModel):
    """What a file may leave out and the seller can tell us instead."""

    currency: str | None = Field(default=None, description="ISO 4217 code for files without a currency.")
    market: str | None = Field(default=None, description="ISO 3166-1 code for files without a country.")
    timezone: str = Field(default="UTC", description="IANA zone for timestamps without an offset.")
    period_start: date | None = Field(default=None, description="Period of an ad report without dates.")
    period_end: date | None = None
    decimal_comma: bool | None = Field(default=None, description="Force '1.234,56' numbers; sniffed if None.")
    day_first: bool | None = Field(
        default=None, description="Force 01/02/2024 as 1 February; sniffed if None."
    )

    @field_validator("currency", "market")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.strip().upper() if value else None


class OrderRow(NamedTuple):
    order_id: str
    source: str
    sales_channel: str | None
    ordered_at: datetime
    order_date: date
    market: str | None
    region: str | None
    currency: str | None
    subtotal: Decimal | None
    shipping: Decimal | None
    tax: Decimal | None
    discount: Decimal | None
    total: Decimal | None
    refunded_amount: Decimal | None
    financial_status: str | None
    cancelled: bool
    discount_code: str | None
    customer_id: str | None
    utm_source: str | None
    utm_medium: str | None
    utm_campaign: str | None
    click_id: str | None
    order_status: str | None
    tags: str | None


class LineRow(NamedTuple):
    order_id: str
    line_no: int
    sku: str | None
    product_name: str | None
    quantity: int
    unit_price: Decimal | None
    line_total: Decimal | None
    currency: str | None


class ProductRow(NamedTuple):
    sku: str
    handle: str | None
    title: str | None
    vendor: str | None
    product_type: str | None
    price: Decimal | None
    currency: str | None


class RefundRow(NamedTuple):
    order_id: str
    refunded_at: date
    amount: Decimal
    currency: str | None
    reference: str  # what a re-import replaces: the order (Shopify) or the settlement (Amazon)


class AdRow(NamedTuple):
    platform: str
    period_start: date
    period_end: date
    campaign: str
    ad_group: str | None
    market: str | None
    impressions: int
    clicks: int
    spend: Decimal
    currency: str
    conversions: float | None
    conversion_value: Decimal | None


class SettlementRow(NamedTuple):
    settlement_id: str
    order_id: str | None
    posted_date: date | None
    transaction_type: str
    amount_type: str
    amount_description: str
    sku: str | None
    quantity: int | None
    amount: Decimal
    currency: str | None
    marketplace: str | None


@dataclass
class Parsed:
    """Everything one file yields, before it is written."""

    rows_ok: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    orders: list[OrderRow] = field(default_factory=list)
    lines: list[LineRow] = field(default_factory=list)
    products: list[ProductRow] = field(default_factory=list)
    refunds: list[RefundRow] = field(default_factory=list)
    ads: list[AdRow] = field(default_factory=list)
    settlement: list[SettlementRow] = field(default_factory=list)
    # Orders seen only in a settlement: inserted if unknown, never overwriting a fuller export.
    orders_if_missing: list[OrderRow] = field(default_factory=list)
    # Refund references (orders or settlements) whose earlier refunds this file replaces.
    refund_references: set[str] = field(default_factory=set)

    def reject(self, line: int, reason: str) -> None:
        """Record one bad row."""
        self.rejected.append(Rejected(line=line, reason=reason))
