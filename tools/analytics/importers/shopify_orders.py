"""Shopify orders export: one row per line item, order-level fields only on an order's first row."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from tools.analytics.importers import values
from tools.analytics.importers.attribution import attribution
from tools.analytics.importers.context import Context
from tools.analytics.importers.geo import country_code
from tools.analytics.importers.models import LineRow, OrderRow, RefundRow
from tools.analytics.importers.reading import Record

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@cache
def _channels() -> dict[str, tuple[str, str]]:
    text = resources.files("tools.analytics").joinpath("data", "shopify_sources.yaml").read_text("utf-8")
    return {str(k).lower(): (v[0], v[1]) for k, v in yaml.safe_load(text).items()}


def channel(raw: str | None) -> tuple[str, str]:
    """(orders.source, orders.sales_channel) for Shopify's Source column."""
    value = (raw or "web").strip().lower()
    table = _channels()
    if value in table:
        return table[value]
    for key, target in table.items():
        if key.endswith("*") and key[:-1] in value:
            return target
    return "shopify", (raw or "").strip()


def _net_subtotal(subtotal: Decimal, shipping: Decimal, tax: Decimal, total: Decimal) -> Decimal:
    """Subtotal excluding tax: shops with tax-inclusive prices show Total = Subtotal + Shipping."""
    if abs(subtotal + shipping + tax - total) <= CENT:
        return subtotal
    if tax and abs(subtotal + shipping - total) <= CENT:
        return subtotal - tax
    return subtotal


@dataclass
class _Order:
    row: OrderRow
    refund_day: date
    lines: list[LineRow] = field(default_factory=list)


def _order(ctx: Context, record: Record, name: str) -> OrderRow:
    ordered_at = ctx.timestamp(record, "created_at")
    if ordered_at is None:
        raise ValueError(f"order {name}: its first row lacks 'Created at' (order-level fields)")
    source, sales_channel = channel(ctx.text(record, "source"))
    country = (
        ctx.text(record, "shipping_country") or ctx.text(record, "billing_country") or ctx.defaults.market
    )
    subtotal, shipping = ctx.money(record, "subtotal") or ZERO, ctx.money(record, "shipping") or ZERO
    tax, total = ctx.money(record, "taxes") or ZERO, ctx.money(record, "total")
    if total is None:
        total = subtotal + shipping + tax
    utm = attribution(ctx.cell(record, "note_attributes"), ctx.cell(record, "landing_site"))
    status = ctx.text(record, "financial_status")
    return OrderRow(
        order_id=name,
        source=source,
        sales_channel=sales_channel,
        ordered_at=ordered_at,
        order_date=ordered_at.date(),
        market=country_code(country) if country else None,
        region=ctx.text(record, "shipping_province"),
        currency=(ctx.text(record, "currency") or ctx.defaults.currency or "").upper() or None,
        subtotal=_net_subtotal(subtotal, shipping, tax, total),
        shipping=shipping,
        tax=tax,
        discount=ctx.money(record, "discount_amount") or ZERO,
        total=total,
        refunded_amount=ctx.money(record, "refunded_amount") or ZERO,
        financial_status=status.lower() if status else None,
        cancelled=not values.is_empty(ctx.cell(record, "cancelled_at")),
        discount_code=ctx.text(record, "discount_code"),
        customer_id=values.hash_identity(ctx.cell(record, "email")),
        utm_source=utm.utm_source,
        utm_medium=utm.utm_medium,
        utm_campaign=utm.utm_campaign,
        click_id=utm.click_id,
        order_status=None,
        tags=ctx.text(record, "tags"),
    )


def _line(ctx: Context, record: Record, order: _Order) -> LineRow:
    raw_quantity = ctx.cell(record, "lineitem_quantity")
    if values.is_empty(raw_quantity):
        raise ValueError(f"order {order.row.order_id}: missing 'Lineitem quantity'")
    quantity = ctx.count(record, "lineitem_quantity")
    price = ctx.money(record, "lineitem_price")
    discount = ctx.money(record, "lineitem_discount") or ZERO
    total = None if price is None else (price * quantity - discount).quantize(CENT)
    return LineRow(
        order_id=order.row.order_id,
        line_no=len(order.lines) + 1,
        sku=ctx.text(record, "lineitem_sku"),
        product_name=ctx.text(record, "lineitem_name"),
        quantity=quantity,
        unit_price=price,
        line_total=total,
        currency=order.row.currency,
    )


def parse(ctx: Context) -> None:
    """Group line-item rows into orders; a later row of an order only adds its line item."""
    orders: dict[str, _Order] = {}
    failed: set[str] = set()
    for record in ctx.records():
        name = ctx.text(record, "name")
        try:
            if not name:
                raise ValueError("missing order Name")
            if name in failed:
                raise ValueError(f"order {name}: its first row was rejected")
            order = orders.get(name)
            if order is None:
                row = _order(ctx, record, name)
                cancelled_at = ctx.timestamp(record, "cancelled_at")
                # The export has no refund date: the cancellation date if any, else the order date.
                order = _Order(row, cancelled_at.date() if cancelled_at else row.order_date)
            line = _line(ctx, record, order)
        except ValueError as exc:
            if name and name not in orders:
                failed.add(name)
            ctx.parsed.reject(record.line, str(exc))
            continue
        orders[name] = order
        order.lines.append(line)
        ctx.parsed.rows_ok += 1
    for order in orders.values():
        ctx.parsed.orders.append(order.row)
        ctx.parsed.lines.extend(order.lines)
        ctx.parsed.refund_references.add(order.row.order_id)
        refunded = order.row.refunded_amount
        if refunded:
            ctx.parsed.refunds.append(
                RefundRow(
                    order.row.order_id, order.refund_day, refunded, order.row.currency, order.row.order_id
                )
            )
