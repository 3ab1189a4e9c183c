"""Amazon All Orders reports and settlement flat files."""

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tools.analytics.importers import import_file
from tools.analytics.schema import ensure_schema

FIXTURES = Path(__file__).parents[2] / "fixtures" / "analytics"


@pytest.fixture
def conn() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    ensure_schema(connection)
    return connection


def _one(conn: duckdb.DuckDBPyConnection, sql: str, *params: object) -> tuple:
    return conn.execute(sql, list(params)).fetchall()[0]


def test_all_orders_report_sums_items_and_takes_vat_out_of_eu_prices(conn):
    result = import_file(conn, "amazon_orders", FIXTURES / "amazon_all_orders_de.txt")
    assert result.rows_imported == 4
    assert [(r.line, "yesterday-ish" in r.reason) for r in result.rejected] == [(6, True)]
    order = _one(
        conn,
        "SELECT sales_channel, market, region, currency, subtotal, tax, discount, total, cancelled,"
        " financial_status, discount_code FROM orders WHERE order_id = '302-1111111-0000001'",
    )
    # item-price 71.98 + 24.99 include VAT 11.49 + 3.99; promotion 7.20 off
    assert order == (
        "Amazon.de",
        "DE",
        "Berlin",
        "EUR",
        Decimal("74.29"),
        Decimal("15.48"),
        Decimal("7.20"),
        Decimal("89.77"),
        False,
        "paid",
        "Prime Day Deal",
    )
    lines = conn.execute(
        "SELECT line_no, sku, quantity, unit_price, line_total FROM order_lines"
        " WHERE order_id = '302-1111111-0000001' ORDER BY line_no"
    ).fetchall()
    assert lines == [
        (1, "LC-LAN-01", 2, Decimal("30.25"), Decimal("53.29")),
        (2, "LC-BOT-75", 1, Decimal("21.00"), Decimal("21.00")),
    ]
    cancelled = _one(
        conn, "SELECT cancelled, order_status, total FROM orders WHERE order_id = '302-1111111-0000002'"
    )
    assert cancelled == (True, "Cancelled", Decimal("0.00"))
    assert _one(conn, "SELECT market FROM orders WHERE order_id = '302-1111111-0000003'") == ("FR",)


def test_us_prices_exclude_sales_tax(conn):
    import_file(conn, None, FIXTURES / "amazon_all_orders_us.txt")
    order = _one(conn, "SELECT subtotal, tax, total FROM orders WHERE order_id = '111-2222222-0000001'")
    assert order == (Decimal("24.99"), Decimal("2.62"), Decimal("27.61"))


def test_settlement_keeps_amount_rows_and_derives_refunds(conn):
    import_file(conn, None, FIXTURES / "amazon_all_orders_us.txt")
    result = import_file(conn, None, FIXTURES / "amazon_settlement_us.txt")
    assert result.source == "amazon_settlement" and result.rows_imported == 11
    assert [r.line for r in result.rejected] == [
        13
    ]  # 'twelve'; the summary row is neither counted nor rejected
    fees = _one(
        conn,
        "SELECT sum(amount) FROM settlement_lines WHERE amount_type = 'ItemFees'"
        " AND transaction_type = 'Order'",
    )
    assert fees == (Decimal("-9.90"),)
    assert _one(
        conn, "SELECT count(DISTINCT currency) || currency FROM settlement_lines GROUP BY currency"
    ) == ("1USD",)
    refund = conn.execute("SELECT order_id, refunded_at::VARCHAR, amount FROM refunds").fetchall()
    assert refund == [("111-2222222-0000002", "2024-12-05", Decimal("97.41"))]  # principal + tax, not the fee
    assert _one(conn, "SELECT refunded_amount FROM orders WHERE order_id = '111-2222222-0000002'") == (
        Decimal("97.41"),
    )
    # an order known only from the settlement is added; one from the order report is left as it was
    known = _one(conn, "SELECT total, tax, order_status FROM orders WHERE order_id = '111-9999999-0000009'")
    assert known == (Decimal("48.70"), Decimal("3.71"), "Settled")
    assert _one(conn, "SELECT order_status FROM orders WHERE order_id = '111-2222222-0000001'") == (
        "Shipped",
    )


def test_reimporting_an_order_report_keeps_settlement_refunds(conn):
    import_file(conn, None, FIXTURES / "amazon_settlement_us.txt")
    import_file(conn, None, FIXTURES / "amazon_all_orders_us.txt")
    assert _one(
        conn, "SELECT refunded_amount, order_status FROM orders WHERE order_id = '111-2222222-0000002'"
    ) == (Decimal("97.41"), "Shipped")
    assert _one(conn, "SELECT count(*) FROM refunds") == (1,)
