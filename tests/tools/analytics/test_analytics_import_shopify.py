"""Shopify orders and products exports into the tenant store."""

import hashlib
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
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def _order(conn: duckdb.DuckDBPyConnection, order_id: str) -> dict:
    cursor = conn.execute("SELECT * FROM orders WHERE order_id = ?", [order_id])
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchall()[0], strict=True))


def test_orders_group_line_items_under_the_first_rows_order_fields(conn):
    result = import_file(conn, "shopify_orders", FIXTURES / "shopify_orders.csv")
    assert result.rows_imported == 6 and result.rejected == [] and not result.duplicate
    assert conn.execute("SELECT count(*) FROM orders").fetchall() == [(4,)]
    lines = conn.execute(
        "SELECT line_no, sku, quantity, line_total FROM order_lines WHERE order_id = '#1001' ORDER BY line_no"
    ).fetchall()
    assert lines == [(1, "LC-LAN-01", 2, Decimal("69.98")), (2, "LC-BOT-75", 1, Decimal("0.00"))]
    first = _order(conn, "#1001")
    assert first["currency"] == "USD" and first["market"] == "US" and first["region"] == "MA"
    assert first["total"] == Decimal("81.10") and first["subtotal"] == Decimal("69.98")
    # 10:15 at +08:00 is 02:15 UTC, the order date stays the shop's local date
    assert first["ordered_at"].hour == 2 and str(first["order_date"]) == "2024-11-29"
    assert (first["utm_source"], first["utm_medium"], first["utm_campaign"]) == (
        "facebook",
        "paid_social",
        "bfcm_2024_us",
    )
    assert first["click_id"] == "IwAR0abc123"


def test_emails_are_stored_only_as_hashes(conn):
    import_file(conn, None, FIXTURES / "shopify_orders.csv")
    first = _order(conn, "#1001")
    assert first["customer_id"] == hashlib.sha256(b"jane.doe@example.com").hexdigest()
    dump = str(conn.execute("SELECT * FROM orders").fetchall()) + str(
        conn.execute("SELECT * FROM customers").fetchall()
    )
    assert "@" not in dump


def test_tax_inclusive_shop_discounts_refunds_and_landing_page_utms(conn):
    import_file(conn, None, FIXTURES / "shopify_orders.csv")
    eur = _order(conn, "#1002")
    # Total = Subtotal + Shipping means prices include VAT: the subtotal is stored net of it.
    assert eur["subtotal"] == Decimal("89.90") - Decimal("15.14") and eur["total"] == Decimal("94.80")
    assert eur["discount_code"] == "BLACKFRIDAY10" and eur["discount"] == Decimal("9.99")
    assert eur["refunded_amount"] == Decimal("29.95")
    assert (eur["utm_source"], eur["utm_campaign"], eur["click_id"]) == ("google", "pmax_de", "Cj0KCQ")
    line = conn.execute("SELECT unit_price, line_total FROM order_lines WHERE order_id = '#1002'").fetchall()
    assert line == [(Decimal("99.90"), Decimal("89.90"))]
    cancelled = _order(conn, "#1004")
    assert cancelled["cancelled"] is True and cancelled["refunded_amount"] == Decimal("39.99")
    refunds = conn.execute("SELECT order_id, refunded_at::VARCHAR, amount FROM refunds ORDER BY 1").fetchall()
    assert refunds == [("#1002", "2024-11-30", Decimal("29.95")), ("#1004", "2024-12-03", Decimal("39.99"))]


def test_tiktok_shop_orders_synced_to_shopify_keep_their_channel_and_text_stays_data(conn):
    import_file(conn, None, FIXTURES / "shopify_orders.csv")
    tiktok = _order(conn, "#1003")
    assert (tiktok["source"], tiktok["sales_channel"], tiktok["currency"]) == (
        "tiktok_shop",
        "TikTok Shop",
        "GBP",
    )
    name = conn.execute("SELECT product_name FROM order_lines WHERE order_id = '#1003'").fetchall()[0][0]
    assert name == 'Firefly Mini Lantern =HYPERLINK("x")'


def test_bad_rows_are_rejected_with_their_physical_line_and_the_rest_imports(conn):
    result = import_file(conn, None, FIXTURES / "shopify_orders_bad_rows.csv")
    rejected = {r.line: r.reason for r in result.rejected}
    # line 1 header, #1001 spans lines 2-5 (multi-line note attributes) and 6
    assert sorted(rejected) == [7, 8, 9, 10, 12]
    assert "not a date" in rejected[7]
    assert "first row was rejected" in rejected[8]
    assert "many" in rejected[9]
    assert "#1099" in rejected[10] and "Created at" in rejected[10]
    assert "3 of 71 columns" in rejected[12]
    ids = [r[0] for r in conn.execute("SELECT order_id FROM orders ORDER BY 1").fetchall()]
    assert ids == ["#1001", "#1012"] and result.rows_imported == 3


def test_truncated_export_rejects_the_cut_row(conn):
    result = import_file(conn, None, FIXTURES / "shopify_orders_truncated.csv")
    assert [r.line for r in result.rejected] == [7]
    assert conn.execute("SELECT count(*) FROM orders").fetchall() == [(1,)]


def test_overlapping_export_replaces_orders_instead_of_double_counting(conn):
    import_file(conn, None, FIXTURES / "shopify_orders.csv")
    result = import_file(conn, None, FIXTURES / "shopify_orders_overlap.csv")
    assert result.rows_imported == 3
    assert conn.execute("SELECT count(*) FROM orders").fetchall() == [(5,)]
    assert conn.execute("SELECT count(*) FROM order_lines WHERE order_id = '#1001'").fetchall() == [(2,)]
    updated = _order(conn, "#1001")
    assert updated["financial_status"] == "partially_refunded" and updated["refunded_amount"] == Decimal(
        "34.99"
    )
    # the same email in other case and with a space is the same customer, first seen on the first order
    customers = conn.execute(
        "SELECT count(*), min(first_order_date)::VARCHAR FROM customers WHERE customer_id = ?",
        [hashlib.sha256(b"jane.doe@example.com").hexdigest()],
    ).fetchall()
    assert customers == [(1, "2024-11-29")]


def test_semicolon_bom_decimal_comma_variant_reads_the_same(conn):
    import_file(conn, None, FIXTURES / "shopify_orders_semicolon_bom.csv")
    other = duckdb.connect()
    ensure_schema(other)
    import_file(other, None, FIXTURES / "shopify_orders.csv")
    query = "SELECT order_id, subtotal, shipping, tax, total, refunded_amount FROM orders ORDER BY 1"
    assert conn.execute(query).fetchall() == other.execute(query).fetchall()


def test_products_inherit_product_fields_for_variants(conn):
    result = import_file(conn, None, FIXTURES / "shopify_products.csv")
    assert result.rows_imported == 4
    assert {r.line for r in result.rejected} == {7, 8}  # a priced variant without SKU, a bad price
    rows = conn.execute(
        "SELECT sku, handle, title, vendor, product_type, price FROM products ORDER BY sku"
    ).fetchall()
    assert (
        "LC-CHR-02-SD",
        "ridge-chair",
        "Ridge Folding Chair",
        "Lumacamp",
        "Chairs",
        Decimal("104.90"),
    ) in rows
    assert (
        "LC-LAN-01-OL",
        "aurora-lantern",
        "Aurora Camping Lantern",
        "Lumacamp",
        "Lanterns",
        Decimal("34.99"),
    ) in rows
    description = conn.execute("SELECT count(*) FROM products WHERE title LIKE '%script%'").fetchall()
    assert description == [(0,)]
