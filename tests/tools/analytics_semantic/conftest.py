"""A small hand-made store in an in-memory DuckDB, with the analytics tables the semantic layer reads.

Hand-computed facts used by the tests (reporting currency USD; EUR 1.10 in Nov 2025, 1.20 in Dec;
GBP 1.30 in Dec):
- November orders (not cancelled): O1 US 100 USD, O2 DE 200 EUR (discount 20, refunded 50 EUR),
  O3 DE 50 EUR (refund of 10 EUR only in the refunds table); O4 is cancelled.
- December orders: O5 US 60 USD (TikTok Shop), O6 GB 100 GBP.
- Ads: November meta US 100 USD, meta DE 50 EUR, google US 40 USD; December tiktok US 30 USD.
"""

from collections.abc import Iterator
from datetime import date

import duckdb
import pytest

SCHEMA = {
    "orders": "order_id VARCHAR PRIMARY KEY, source VARCHAR, sales_channel VARCHAR, ordered_at TIMESTAMPTZ,"
    " order_date DATE, market VARCHAR, region VARCHAR, currency VARCHAR, subtotal DECIMAL(18,2),"
    " shipping DECIMAL(18,2), tax DECIMAL(18,2), discount DECIMAL(18,2), total DECIMAL(18,2),"
    " refunded_amount DECIMAL(18,2), financial_status VARCHAR, cancelled BOOLEAN, discount_code VARCHAR,"
    " customer_id VARCHAR, utm_source VARCHAR, utm_medium VARCHAR, utm_campaign VARCHAR, click_id VARCHAR,"
    " import_batch VARCHAR",
    "order_lines": "order_id VARCHAR, line_no INTEGER, sku VARCHAR, product_name VARCHAR, quantity INTEGER,"
    " unit_price DECIMAL(18,2), line_total DECIMAL(18,2), currency VARCHAR",
    "products": "sku VARCHAR PRIMARY KEY, handle VARCHAR, title VARCHAR, vendor VARCHAR,"
    " product_type VARCHAR, price DECIMAL(18,2), currency VARCHAR",
    "customers": "customer_id VARCHAR PRIMARY KEY, first_order_date DATE, market VARCHAR",
    "refunds": "order_id VARCHAR, refunded_at DATE, amount DECIMAL(18,2), currency VARCHAR",
    "ad_performance": "platform VARCHAR, period_start DATE, period_end DATE, campaign VARCHAR,"
    " ad_group VARCHAR, market VARCHAR, impressions BIGINT, clicks BIGINT, spend DECIMAL(18,2),"
    " currency VARCHAR, conversions DOUBLE, conversion_value DECIMAL(18,2), import_batch VARCHAR",
    "fx_rates": "date DATE, currency VARCHAR, rate_to_reporting DOUBLE",
    "tenant_settings": "key VARCHAR PRIMARY KEY, value VARCHAR",
}

# order_id, source, channel, date, market, currency, subtotal, discount, refunded, cancelled, code,
# customer, utm_source
ORDERS = [
    ("O1", "shopify", "Online Store", date(2025, 11, 3), "US", "USD", 100, 0, 0, False, None, "c1", "google"),
    (
        "O2",
        "shopify",
        "Online Store",
        date(2025, 11, 10),
        "DE",
        "EUR",
        200,
        20,
        50,
        False,
        "SAVE10",
        "c2",
        "meta",
    ),
    ("O3", "amazon", "Amazon.de", date(2025, 11, 11), "DE", "EUR", 50, 0, 0, False, None, "c3", None),
    ("O4", "amazon", "Amazon.com", date(2025, 11, 20), "US", "USD", 80, 0, 0, True, None, "c4", None),
    ("O5", "tiktok_shop", "TikTok Shop", date(2025, 12, 2), "US", "USD", 60, 0, 0, False, None, "c1", None),
    ("O6", "shopify", "Online Store", date(2025, 12, 5), "GB", "GBP", 100, 0, 0, False, None, "c6", None),
]
LINES = [
    ("O1", 1, "A", "Yoga Mat", 2, 30, 60, "USD"),
    ("O1", 2, "B", "Bottle", 1, 40, 40, "USD"),
    ("O2", 1, "A", "Yoga Mat", 4, 50, 180, "EUR"),
    ("O2", 2, "C", "Resistance Band", 1, 20, 20, "EUR"),
    ("O3", 1, "B", "Bottle", 1, 50, 50, "EUR"),
    ("O4", 1, "A", "Yoga Mat", 10, 8, 80, "USD"),
    ("O5", 1, "C", "Resistance Band", 3, 20, 60, "USD"),
    ("O6", 1, "A", "Yoga Mat", 1, 100, 100, "GBP"),
]
PRODUCTS = [
    ("A", "yoga-mat", "Yoga Mat", "Acme", "Fitness", 30, "USD"),
    ("B", "bottle", "Water Bottle", "Acme", "Fitness", 40, "USD"),
]
CUSTOMERS = [
    ("c1", date(2025, 11, 3), "US"),
    ("c2", date(2025, 11, 10), "DE"),
    ("c3", date(2025, 10, 1), "DE"),
    ("c6", date(2025, 12, 5), "GB"),
]
REFUNDS = [("O2", date(2025, 11, 15), 50, "EUR"), ("O3", date(2025, 12, 1), 10, "EUR")]
# platform, day, campaign, ad group, market, impressions, clicks, spend, currency, conversions, value
ADS = [
    ("meta", date(2025, 11, 3), "BF Prospecting", "g1", "US", 10000, 200, 100, "USD", 10, 400),
    ("meta", date(2025, 11, 10), "BF Prospecting", "g1", "DE", 5000, 100, 50, "EUR", 5, 150),
    ("google", date(2025, 11, 11), "Search Brand", "g2", "US", 2000, 100, 40, "USD", 4, 200),
    ("tiktok", date(2025, 12, 2), "TT Spark", "g3", "US", 8000, 80, 30, "USD", 0, 0),
]
# Two November EUR rows (daily rows of one month) must not double anything.
FX = [
    (date(2025, 11, 1), "EUR", 1.10),
    (date(2025, 11, 2), "EUR", 1.10),
    (date(2025, 12, 1), "EUR", 1.20),
    (date(2025, 12, 1), "GBP", 1.30),
]


def _load(conn: duckdb.DuckDBPyConnection) -> None:
    for table, columns in SCHEMA.items():
        conn.execute(f"CREATE TABLE {table} ({columns})")
    for o in ORDERS:
        conn.execute(
            "INSERT INTO orders (order_id, source, sales_channel, order_date, market, currency, subtotal,"
            " discount, refunded_amount, cancelled, discount_code, customer_id, utm_source, shipping, tax,"
            " total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 5, 7, ?)",
            [*o, o[6] + 12],
        )
    conn.executemany("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?)", LINES)
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?)", PRODUCTS)
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?)", CUSTOMERS)
    conn.executemany("INSERT INTO refunds VALUES (?, ?, ?, ?)", REFUNDS)
    conn.executemany(
        "INSERT INTO ad_performance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'b1')",
        [(a[0], a[1], a[1], *a[2:]) for a in ADS],
    )
    conn.executemany("INSERT INTO fx_rates VALUES (?, ?, ?)", FX)
    conn.execute("INSERT INTO tenant_settings VALUES ('reporting_currency', 'USD')")


@pytest.fixture(scope="module")
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect(":memory:")
    _load(conn)
    yield conn
    conn.close()


@pytest.fixture
def fresh_store() -> Iterator[duckdb.DuckDBPyConnection]:
    """The same store, for a test that changes it."""
    conn = duckdb.connect(":memory:")
    _load(conn)
    yield conn
    conn.close()
