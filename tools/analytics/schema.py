"""The per-tenant analytics schema (DuckDB), shared by the importers and the semantic layer.

Money conventions, the same for every source:
- ``orders.subtotal``: merchandise after discounts, excluding tax and shipping;
  ``total``: what the buyer paid (subtotal + shipping + tax); ``discount`` is informational.
- ``order_lines.line_total``: quantity x unit price minus the line's discount, excluding tax.
- ``orders.order_date``: the calendar date of ``ordered_at`` in the offset the export gave.
- ``ad_performance``: one row per platform, period, campaign, ad group and market; daily rows
  have ``period_start = period_end``; reports over a period (e.g. a month) are kept as such.
- ``fx_rates``: one row per day and currency, a day's rate being its month's average;
  ``amount * rate_to_reporting`` is the amount in ``tenant_settings.reporting_currency``.
"""

import duckdb

DEFAULT_REPORTING_CURRENCY = "USD"

TABLES: dict[str, str] = {
    "orders": """
        order_id VARCHAR PRIMARY KEY,
        source VARCHAR,            -- 'shopify' | 'amazon' | 'tiktok_shop'
        sales_channel VARCHAR,     -- e.g. 'Online Store', 'Amazon.de', 'TikTok Shop'
        ordered_at TIMESTAMPTZ,
        order_date DATE,
        market VARCHAR,            -- ISO 3166-1 alpha-2 shipping country
        region VARCHAR,            -- province / state
        currency VARCHAR,
        subtotal DECIMAL(18,2),
        shipping DECIMAL(18,2),
        tax DECIMAL(18,2),
        discount DECIMAL(18,2),
        total DECIMAL(18,2),
        refunded_amount DECIMAL(18,2),
        financial_status VARCHAR,
        cancelled BOOLEAN,
        discount_code VARCHAR,
        customer_id VARCHAR,       -- sha256 of the lower-cased email / buyer id, never the email
        utm_source VARCHAR,
        utm_medium VARCHAR,
        utm_campaign VARCHAR,
        click_id VARCHAR,
        import_batch VARCHAR,
        order_status VARCHAR,      -- the export's own status (e.g. Amazon 'Shipped', 'Pending')
        tags VARCHAR
    """,
    "order_lines": """
        order_id VARCHAR,
        line_no INTEGER,
        sku VARCHAR,
        product_name VARCHAR,
        quantity INTEGER,
        unit_price DECIMAL(18,2),
        line_total DECIMAL(18,2),
        currency VARCHAR,
        PRIMARY KEY (order_id, line_no)
    """,
    "products": """
        sku VARCHAR PRIMARY KEY,
        handle VARCHAR,
        title VARCHAR,
        vendor VARCHAR,
        product_type VARCHAR,
        price DECIMAL(18,2),
        currency VARCHAR
    """,
    "customers": """
        customer_id VARCHAR PRIMARY KEY,
        first_order_date DATE,
        market VARCHAR
    """,
    "refunds": """
        order_id VARCHAR,
        refunded_at DATE,
        amount DECIMAL(18,2),
        currency VARCHAR,
        origin VARCHAR,            -- the import source that reported it
        reference VARCHAR,         -- the order (Shopify) or settlement (Amazon) a re-import replaces
        import_batch VARCHAR
    """,
    "ad_performance": """
        platform VARCHAR,          -- 'meta' | 'google' | 'tiktok' | 'amazon_ads'
        period_start DATE,
        period_end DATE,
        campaign VARCHAR,
        ad_group VARCHAR,
        market VARCHAR,
        impressions BIGINT,
        clicks BIGINT,
        spend DECIMAL(18,2),
        currency VARCHAR,
        conversions DOUBLE,
        conversion_value DECIMAL(18,2),
        import_batch VARCHAR
    """,
    "settlement_lines": """
        settlement_id VARCHAR,
        order_id VARCHAR,
        posted_date DATE,
        transaction_type VARCHAR,  -- 'Order' | 'Refund' | 'ServiceFee' | ...
        amount_type VARCHAR,       -- 'ItemPrice' | 'ItemFees' | 'Promotion' | ...
        amount_description VARCHAR,  -- 'Principal' | 'Tax' | 'Commission' | ...
        sku VARCHAR,
        quantity INTEGER,
        amount DECIMAL(18,2),
        currency VARCHAR,
        marketplace VARCHAR,
        import_batch VARCHAR
    """,
    "fx_rates": """
        date DATE,
        currency VARCHAR,
        rate_to_reporting DOUBLE,
        PRIMARY KEY (date, currency)
    """,
    "tenant_settings": """
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    """,
    "imports": """
        batch_id VARCHAR PRIMARY KEY,  -- sha256 of the file's bytes
        source VARCHAR,
        filename VARCHAR,
        rows INTEGER,
        imported_at TIMESTAMPTZ
    """,
}


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every analytics table that is missing and the default tenant settings."""
    for name, columns in TABLES.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
    conn.execute(
        "INSERT OR IGNORE INTO tenant_settings VALUES ('reporting_currency', ?)",
        [DEFAULT_REPORTING_CURRENCY],
    )


def reporting_currency(conn: duckdb.DuckDBPyConnection) -> str:
    """The tenant's reporting currency (ISO 4217)."""
    rows = conn.execute("SELECT value FROM tenant_settings WHERE key = 'reporting_currency'").fetchall()
    return str(rows[0][0]) if rows else DEFAULT_REPORTING_CURRENCY
