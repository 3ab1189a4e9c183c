"""Amazon settlement flat file: a summary row, then one row per amount of each transaction."""

from collections import defaultdict
from datetime import UTC, date, datetime, time
from decimal import Decimal

from tools.analytics.importers import values
from tools.analytics.importers.context import Context
from tools.analytics.importers.geo import marketplace
from tools.analytics.importers.models import OrderRow, RefundRow, SettlementRow
from tools.analytics.importers.reading import Record

ZERO = Decimal("0.00")
BUYER_AMOUNT_TYPES = ("itemprice", "promotion")  # what the buyer paid or got back; fees are the seller's


def _row(ctx: Context, record: Record, settlement: str, currency: str | None) -> SettlementRow:
    amount = ctx.money(record, "amount")
    if amount is None:
        raise ValueError("missing amount")
    kind = ctx.text(record, "transaction_type")
    if not kind:
        raise ValueError("missing transaction-type")
    quantity = ctx.cell(record, "quantity")
    return SettlementRow(
        settlement_id=settlement,
        order_id=ctx.text(record, "order_id"),
        posted_date=ctx.date(record, "posted_date"),
        transaction_type=kind,
        amount_type=ctx.text(record, "amount_type") or "",
        amount_description=ctx.text(record, "amount_description") or "",
        sku=ctx.text(record, "sku"),
        quantity=None if values.is_empty(quantity) else ctx.count(record, "quantity"),
        amount=amount,
        currency=(ctx.text(record, "currency") or currency or ctx.defaults.currency),
        marketplace=ctx.text(record, "marketplace"),
    )


def _orders_from(ctx: Context, rows: list[SettlementRow]) -> None:
    """Approximate orders for ids no order report has delivered (an All Orders import replaces them)."""
    grouped: dict[str, list[SettlementRow]] = defaultdict(list)
    for row in rows:
        if (
            row.transaction_type.lower() == "order"
            and row.order_id
            and row.amount_type.lower() in BUYER_AMOUNT_TYPES
        ):
            grouped[row.order_id].append(row)
    for order_id, items in grouped.items():
        day = min((r.posted_date for r in items if r.posted_date), default=None)
        if day is None:
            continue
        total = sum((r.amount for r in items), ZERO)
        tax = sum((r.amount for r in items if "tax" in r.amount_description.lower()), ZERO)
        shipping = sum((r.amount for r in items if r.amount_description.lower() == "shipping"), ZERO)
        discount = -sum((r.amount for r in items if r.amount_type.lower() == "promotion"), ZERO)
        place = marketplace(items[0].marketplace)
        ctx.parsed.orders_if_missing.append(
            OrderRow(
                order_id=order_id,
                source="amazon",
                sales_channel=items[0].marketplace,
                ordered_at=datetime.combine(day, time(), UTC),
                order_date=day,
                market=place.country if place else None,
                region=None,
                currency=items[0].currency,
                subtotal=total - tax - shipping,
                shipping=shipping,
                tax=tax,
                discount=discount,
                total=total,
                refunded_amount=ZERO,
                financial_status="paid",
                cancelled=False,
                discount_code=None,
                customer_id=None,
                utm_source=None,
                utm_medium=None,
                utm_campaign=None,
                click_id=None,
                order_status="Settled",
                tags=None,
            )
        )


def _refunds_from(ctx: Context, rows: list[SettlementRow]) -> None:
    amounts: dict[tuple[str, date, str | None, str], Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        is_refund = row.transaction_type.lower() == "refund" and row.amount_type.lower() in BUYER_AMOUNT_TYPES
        if is_refund and row.order_id and row.posted_date:
            amounts[(row.order_id, row.posted_date, row.currency, row.settlement_id)] += row.amount
    for (order_id, day, currency, settlement), amount in amounts.items():
        if amount:
            ctx.parsed.refunds.append(RefundRow(order_id, day, -amount, currency, settlement))


def parse(ctx: Context) -> None:
    """Keep every amount row, derive buyer refunds and orders known only from the settlement."""
    settlement: str | None = None
    currency: str | None = None
    rows: list[SettlementRow] = []
    for record in ctx.records():
        is_summary = values.is_empty(ctx.cell(record, "transaction_type")) and not values.is_empty(
            ctx.cell(record, "total_amount")
        )
        if is_summary:
            settlement = ctx.text(record, "settlement_id")
            currency = ctx.text(record, "currency")
            continue
        try:
            row = _row(ctx, record, ctx.text(record, "settlement_id") or settlement or "", currency)
        except ValueError as exc:
            ctx.parsed.reject(record.line, str(exc))
            continue
        if not row.settlement_id:
            ctx.parsed.reject(record.line, "missing settlement-id")
            continue
        rows.append(row)
        ctx.parsed.rows_ok += 1
    ctx.parsed.settlement = rows
    ctx.parsed.refund_references = {r.settlement_id for r in rows}
    _refunds_from(ctx, rows)
    _orders_from(ctx, rows)
