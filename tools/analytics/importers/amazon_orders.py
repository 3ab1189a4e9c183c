"""Amazon Seller Central All Orders report (tab-separated, one row per order item)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tools.analytics.importers import values
from tools.analytics.importers.context import Context
from tools.analytics.importers.geo import country_code, marketplace
from tools.analytics.importers.models import LineRow, OrderRow
from tools.analytics.importers.reading import Record

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
FINANCIAL_STATUS = {
    "shipped": "paid",
    "unshipped": "paid",
    "shipping": "paid",
    "pending": "pending",
    "cancelled": "voided",
    "canceled": "voided",
}


@dataclass
class _Sums:
    subtotal: Decimal = ZERO
    shipping: Decimal = ZERO
    tax: Decimal = ZERO
    discount: Decimal = ZERO


@dataclass
class _Order:
    row: OrderRow
    inclusive: bool
    sums: _Sums = field(default_factory=_Sums)
    lines: list[LineRow] = field(default_factory=list)


def _order(ctx: Context, record: Record, order_id: str) -> _Order:
    ordered_at = ctx.timestamp(record, "purchase_date")
    if ordered_at is None:
        raise ValueError(f"order {order_id}: missing purchase-date")
    channel = ctx.text(record, "sales_channel")
    place = marketplace(channel)
    country = ctx.text(record, "ship_country") or (place.country if place else ctx.defaults.market)
    status = ctx.text(record, "order_status")
    currency = ctx.text(record, "currency") or (place.currency if place else ctx.defaults.currency)
    row = OrderRow(
        order_id=order_id,
        source="amazon",
        sales_channel=channel,
        ordered_at=ordered_at,
        order_date=ordered_at.date(),
        market=country_code(country) if country else None,
        region=ctx.text(record, "ship_state"),
        currency=currency.upper() if currency else None,
        subtotal=None,
        shipping=None,
        tax=None,
        discount=None,
        total=None,
        refunded_amount=ZERO,
        financial_status=FINANCIAL_STATUS.get((status or "").lower()),
        cancelled=(status or "").lower() in ("cancelled", "canceled"),
        discount_code=ctx.text(record, "promotion_ids"),
        customer_id=values.hash_identity(ctx.cell(record, "buyer_email")),
        utm_source=None,
        utm_medium=None,
        utm_campaign=None,
        click_id=None,
        order_status=status,
        tags=None,
    )
    # Outside the US and Canada item prices include VAT/GST, shown again in item-tax.
    return _Order(row, inclusive=place.tax_inclusive if place else False)


def _add_line(ctx: Context, record: Record, order: _Order) -> LineRow:
    quantity = ctx.count(record, "quantity")
    price = ctx.money(record, "item_price") or ZERO
    item_tax = ctx.money(record, "item_tax") or ZERO
    promo = abs(ctx.money(record, "item_promotion_discount") or ZERO)
    ship = ctx.money(record, "shipping_price") or ZERO
    ship_tax = ctx.money(record, "shipping_tax") or ZERO
    ship_promo = abs(ctx.money(record, "ship_promotion_discount") or ZERO)
    net = price - (item_tax if order.inclusive else ZERO)
    sums = order.sums
    sums.subtotal += net - promo
    sums.shipping += ship - ship_promo - (ship_tax if order.inclusive else ZERO)
    sums.tax += item_tax + ship_tax
    sums.discount += promo + ship_promo
    return LineRow(
        order_id=order.row.order_id,
        line_no=len(order.lines) + 1,
        sku=ctx.text(record, "sku"),
        product_name=ctx.text(record, "product_name"),
        quantity=quantity,
        unit_price=(net / quantity).quantize(CENT, ROUND_HALF_UP) if quantity else None,
        line_total=net - promo,
        currency=order.row.currency,
    )


def parse(ctx: Context) -> None:
    """Group item rows into orders; money is summed over the items (item-price is per row, not unit)."""
    orders: dict[str, _Order] = {}
    for record in ctx.records():
        order_id = ctx.text(record, "order_id")
        try:
            if not order_id:
                raise ValueError("missing amazon-order-id")
            order = orders.get(order_id) or _order(ctx, record, order_id)
            line = _add_line(ctx, record, order)
        except ValueError as exc:
            ctx.parsed.reject(record.line, str(exc))
            continue
        orders[order_id] = order
        order.lines.append(line)
        ctx.parsed.rows_ok += 1
    for order in orders.values():
        s = order.sums
        ctx.parsed.orders.append(
            order.row._replace(
                subtotal=s.subtotal,
                shipping=s.shipping,
                tax=s.tax,
                discount=s.discount,
                total=s.subtotal + s.shipping + s.tax,
            )
        )
        ctx.parsed.lines.extend(order.lines)
