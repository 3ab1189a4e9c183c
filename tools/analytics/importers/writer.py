"""Writing a parsed file into the tenant store: upserts by natural key, so overlaps never double count."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

import duckdb
import pandas as pd

from tools.analytics.importers.models import (
    AdRow,
    LineRow,
    OrderRow,
    Parsed,
    ProductRow,
    RefundRow,
    SettlementRow,
)

AD_KEY = ("platform", "period_start", "period_end", "campaign", "ad_group", "market")


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _register(
    conn: duckdb.DuckDBPyConnection,
    name: str,
    rows: Sequence[NamedTuple],
    fields: tuple[str, ...],
    batch: str,
) -> str:
    """Register rows as a view of text columns; DuckDB casts them to the table's types on insert."""
    frame = pd.DataFrame([[_cell(v) for v in row] for row in rows], columns=list(fields), dtype=object)
    frame["import_batch"] = batch
    conn.register(name, frame)
    return ", ".join(fields)


def _write_orders(conn: duckdb.DuckDBPyConnection, parsed: Parsed, batch: str) -> None:
    if parsed.orders:
        cols = _register(conn, "batch_orders", parsed.orders, OrderRow._fields, batch)
        conn.execute(
            f"INSERT OR REPLACE INTO orders ({cols}, import_batch)"
            f" SELECT {cols}, import_batch FROM batch_orders"
        )
        conn.execute("DELETE FROM order_lines WHERE order_id IN (SELECT order_id FROM batch_orders)")
    if parsed.lines:
        cols = _register(conn, "batch_lines", parsed.lines, LineRow._fields, batch)
        conn.execute(f"INSERT INTO order_lines ({cols}) SELECT {cols} FROM batch_lines")
        # Products an order export names but no product export has described yet.
        conn.execute(
            "INSERT OR IGNORE INTO products (sku, title, currency) SELECT sku, any_value(product_name),"
            " any_value(currency) FROM batch_lines WHERE sku IS NOT NULL GROUP BY sku"
        )
    if parsed.orders_if_missing:
        cols = _register(conn, "batch_known", parsed.orders_if_missing, OrderRow._fields, batch)
        conn.execute(
            f"INSERT OR IGNORE INTO orders ({cols}, import_batch)"
            f" SELECT {cols}, import_batch FROM batch_known"
        )


def _write_refunds(conn: duckdb.DuckDBPyConnection, parsed: Parsed, batch: str, origin: str) -> None:
    if parsed.refund_references:
        refs = pd.DataFrame({"reference": sorted(parsed.refund_references)}, dtype=object)
        conn.register("batch_refund_refs", refs)
        conn.execute(
            "DELETE FROM refunds WHERE origin = ? AND reference IN (SELECT reference FROM batch_refund_refs)",
            [origin],
        )
    if parsed.refunds:
        cols = _register(conn, "batch_refunds", parsed.refunds, RefundRow._fields, batch)
        conn.execute(
            f"INSERT INTO refunds ({cols}, origin, import_batch)"
            f" SELECT {cols}, ?, import_batch FROM batch_refunds",
            [origin],
        )
    touched = {o.order_id for o in parsed.orders} | {r.order_id for r in parsed.refunds}
    if touched:
        conn.register("batch_touched", pd.DataFrame({"order_id": sorted(touched)}, dtype=object))
        conn.execute(
            "UPDATE orders SET refunded_amount = coalesce((SELECT sum(r.amount) FROM refunds r"
            " WHERE r.order_id = orders.order_id), 0) WHERE order_id IN (SELECT order_id FROM batch_touched)"
        )


def _refresh_customers(conn: duckdb.DuckDBPyConnection, parsed: Parsed) -> None:
    """Recompute first orders of the customers this file mentions."""
    ids = sorted({o.customer_id for o in parsed.orders if o.customer_id})
    if not ids:
        return
    conn.register("batch_customers", pd.DataFrame({"customer_id": ids}, dtype=object))
    conn.execute("DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM batch_customers)")
    conn.execute(
        "INSERT INTO customers SELECT customer_id, min(order_date), arg_min(market, ordered_at) FROM orders"
        " WHERE customer_id IN (SELECT customer_id FROM batch_customers) AND NOT coalesce(cancelled, false)"
        " GROUP BY customer_id"
    )


def _write_ads(conn: duckdb.DuckDBPyConnection, rows: list[AdRow], batch: str) -> None:
    _register(conn, "batch_ads_raw", rows, AdRow._fields, batch)
    key = ", ".join(AD_KEY)
    # Rows of one file sharing a key (e.g. several ads of one ad group) are summed.
    conn.execute(
        f"CREATE OR REPLACE TEMP TABLE batch_ads AS SELECT {key}, any_value(currency) AS currency,"
        " sum(impressions::BIGINT) AS impressions, sum(clicks::BIGINT) AS clicks,"
        " sum(spend::DECIMAL(18,2)) AS spend, sum(conversions::DOUBLE) AS conversions,"
        " sum(conversion_value::DECIMAL(18,2)) AS conversion_value, any_value(import_batch) AS import_batch"
        f" FROM batch_ads_raw GROUP BY {key}"
    )
    match = " AND ".join(f"coalesce(a.{k}::VARCHAR, '') = coalesce(b.{k}::VARCHAR, '')" for k in AD_KEY)
    conn.execute(f"DELETE FROM ad_performance a USING batch_ads b WHERE {match}")
    conn.execute(
        f"INSERT INTO ad_performance ({key}, impressions, clicks, spend, currency, conversions,"
        " conversion_value,"
        f" import_batch) SELECT {key}, impressions, clicks, spend, currency, conversions, conversion_value,"
        " import_batch FROM batch_ads"
    )
    conn.execute("DROP TABLE batch_ads")


def _write_settlement(conn: duckdb.DuckDBPyConnection, rows: list[SettlementRow], batch: str) -> None:
    cols = _register(conn, "batch_settlement", rows, SettlementRow._fields, batch)
    conn.execute(
        "DELETE FROM settlement_lines"
        " WHERE settlement_id IN (SELECT DISTINCT settlement_id FROM batch_settlement)"
    )
    conn.execute(
        f"INSERT INTO settlement_lines ({cols}, import_batch)"
        f" SELECT {cols}, import_batch FROM batch_settlement"
    )


def _write_products(conn: duckdb.DuckDBPyConnection, rows: list[ProductRow], batch: str) -> None:
    cols = _register(conn, "batch_products", rows, ProductRow._fields, batch)
    conn.execute(f"INSERT OR REPLACE INTO products ({cols}) SELECT {cols} FROM batch_products")


VIEWS = (
    "batch_orders",
    "batch_customers",
    "batch_lines",
    "batch_known",
    "batch_refund_refs",
    "batch_refunds",
    "batch_touched",
    "batch_ads_raw",
    "batch_settlement",
    "batch_products",
)


def write_parsed(conn: duckdb.DuckDBPyConnection, parsed: Parsed, batch: str, origin: str) -> None:
    """Upsert everything a file yielded; the caller owns the transaction."""
    try:
        _write_orders(conn, parsed, batch)
        if parsed.settlement:
            _write_settlement(conn, parsed.settlement, batch)
        _write_refunds(conn, parsed, batch, origin)
        _refresh_customers(conn, parsed)
        if parsed.ads:
            _write_ads(conn, parsed.ads, batch)
        if parsed.products:
            _write_products(conn, parsed.products, batch)
    finally:
        for name in VIEWS:
            conn.unregister(name)


def record_import(conn: duckdb.DuckDBPyConnection, batch: str, source: str, filename: str, rows: int) -> None:
    """Remember a file by the hash of its bytes, so importing it again changes nothing."""
    conn.execute(
        "INSERT INTO imports VALUES (?, ?, ?, ?, ?)", [batch, source, filename, rows, datetime.now(UTC)]
    )
