"""Writing demo Amazon orders as All Orders reports and settlement flat files (tab-separated)."""

import csv
from collections import defaultdict
from datetime import UTC, date, timedelta
from decimal import Decimal
from pathlib import Path

from tools.analytics import fx
from tools.analytics.demogen.config import DemoConfig
from tools.analytics.demogen.orders import DemoLine, DemoOrder
from tools.analytics.demogen.pricing import money, split_tax

ALL_ORDERS_HEADER = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "url",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
]
SETTLEMENT_HEADER = [
    "settlement-id",
    "settlement-start-date",
    "settlement-end-date",
    "deposit-date",
    "total-amount",
    "currency",
    "transaction-type",
    "order-id",
    "merchant-order-id",
    "adjustment-id",
    "shipment-id",
    "marketplace-name",
    "amount-type",
    "amount-description",
    "amount",
    "fulfillment-id",
    "posted-date",
    "posted-date-time",
    "order-item-code",
    "merchant-order-item-id",
    "merchant-adjustment-item-id",
    "sku",
    "quantity-purchased",
    "promotion-id",
]
COMMISSION = Decimal("0.15")
FBA_FEE_USD = Decimal("3.50")
PENDING_DAYS = 2
SHIP_DAYS = 2


def _tsv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, restval="", delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _line_tax(order: DemoOrder, line: DemoLine, config: DemoConfig) -> Decimal:
    return split_tax(line.amount, config.markets[order.market].tax, order.tax_inclusive, order.currency)


def _item_row(order: DemoOrder, line: DemoLine, config: DemoConfig, last: date) -> dict[str, str]:
    stamp = order.created.astimezone(UTC).isoformat(timespec="seconds")
    status = (
        "Cancelled"
        if order.cancelled
        else "Pending"
        if order.created.date() > last - timedelta(PENDING_DAYS)
        else "Shipped"
    )
    row = {
        "amazon-order-id": order.order_id,
        "purchase-date": stamp,
        "last-updated-date": stamp,
        "order-status": status,
        "fulfillment-channel": "Amazon",
        "sales-channel": config.amazon_marketplaces[order.market],
        "ship-service-level": "Standard",
        "product-name": line.product.title,
        "sku": line.product.sku,
        "asin": "B0" + line.product.sku.replace("-", "")[-8:],
        "item-status": status,
        "currency": order.currency,
        "ship-state": order.region or "",
        "ship-postal-code": "'10115",
        "ship-country": order.market,
        "promotion-ids": order.promotion or "",
        "is-business-order": "false",
    }
    if order.cancelled:
        return row | {"quantity": "0"}
    gross = line.unit_price * line.quantity
    return row | {
        "quantity": str(line.quantity),
        "item-price": f"{gross:.2f}",
        "item-tax": f"{_line_tax(order, line, config):.2f}",
        "shipping-price": "0.00",
        "shipping-tax": "0.00",
        "item-promotion-discount": f"{-line.discount:.2f}" if line.discount else "0.00",
        "ship-promotion-discount": "0.00",
    }


def write_all_orders(out: Path, orders: list[DemoOrder], config: DemoConfig, last: date) -> list[Path]:
    """One All Orders report per marketplace."""
    by_market: dict[str, list[dict[str, str]]] = defaultdict(list)
    for order in orders:
        by_market[order.market].extend(_item_row(order, line, config, last) for line in order.lines)
    return [
        _tsv(out / f"All_Orders_{config.amazon_marketplaces[market]}.txt", ALL_ORDERS_HEADER, rows)
        for market, rows in sorted(by_market.items())
    ]


def _half(day: date) -> tuple[date, date]:
    return (
        (date(day.year, 1, 1), date(day.year, 6, 30))
        if day.month <= 6
        else (date(day.year, 7, 1), date(day.year, 12, 31))
    )


def _amounts(
    order: DemoOrder, config: DemoConfig, fee: Decimal
) -> list[tuple[str, str, str, Decimal, DemoLine]]:
    """(transaction, amount-type, description, amount, line) rows of one order and its refund."""
    rows = []
    for line in order.lines:
        tax = _line_tax(order, line, config)
        principal = line.unit_price * line.quantity
        rows.append(("Order", "ItemPrice", "Principal", principal, line))
        if not order.tax_inclusive:
            rows.append(("Order", "ItemPrice", "Tax", tax, line))
        if line.discount:
            rows.append(("Order", "Promotion", "Principal", -line.discount, line))
        rows.append(
            ("Order", "ItemFees", "Commission", -money(line.amount * COMMISSION, order.currency), line)
        )
        rows.append(("Order", "ItemFees", "FBAPerUnitFulfillmentFee", -fee * line.quantity, line))
    if order.refund:
        rows.append(("Refund", "ItemPrice", "Principal", -order.refund, order.lines[0]))
        commission = money(order.refund * COMMISSION * Decimal("0.8"), order.currency)
        rows.append(("Refund", "ItemFees", "RefundCommission", commission, order.lines[0]))
    return rows


def write_settlements(out: Path, orders: list[DemoOrder], config: DemoConfig) -> list[Path]:
    """Settlement flat files per marketplace and half-year (real accounts settle every 14 days)."""
    grouped: dict[tuple[str, date], list[dict[str, str]]] = defaultdict(list)
    for order in orders:
        if order.cancelled:
            continue
        rate = fx.units_per_usd(order.currency, config.price_list_month)
        fee = money(FBA_FEE_USD * Decimal(str(rate)), order.currency)
        for kind, amount_type, description, amount, line in _amounts(order, config, fee):
            posted = (
                order.refund_day
                if kind == "Refund" and order.refund_day
                else order.created.date() + timedelta(SHIP_DAYS)
            )
            grouped[(order.market, _half(posted)[0])].append(
                {
                    "transaction-type": kind,
                    "order-id": order.order_id,
                    "marketplace-name": config.amazon_marketplaces[order.market],
                    "amount-type": amount_type,
                    "amount-description": description,
                    "amount": f"{amount:.2f} ",
                    "fulfillment-id": "AFN",
                    "posted-date": posted.isoformat(),
                    "posted-date-time": f"{posted.isoformat()} 10:00:00 UTC",
                    "sku": line.product.sku,
                    "quantity-purchased": str(line.quantity) if kind == "Order" else "",
                    "currency": order.currency,
                }
            )
    paths = []
    for number, ((market, start), rows) in enumerate(sorted(grouped.items())):
        end = _half(start)[1]
        settlement = str(11_000_000_000 + number * 7919)
        total = sum(Decimal(r["amount"]) for r in rows)
        summary = {
            "settlement-id": settlement,
            "settlement-start-date": f"{start} 00:00:00 UTC",
            "settlement-end-date": f"{end} 23:59:59 UTC",
            "deposit-date": f"{end + timedelta(2)} 00:00:00 UTC",
            "total-amount": f"{total:.2f}",
            "currency": rows[0]["currency"],
        }
        body = [{**r, "settlement-id": settlement, "currency": ""} for r in rows]
        name = (
            f"settlement_{config.amazon_marketplaces[market]}_{start:%Y}H{1 if start.month == 1 else 2}.txt"
        )
        paths.append(_tsv(out / name, SETTLEMENT_HEADER, [summary, *body]))
    return paths
