"""What the analyst reads from a tenant's store besides query results: its names, dates and currency."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import duckdb

from tools.analytics.demo import DEMO_TODAY
from tools.analytics.store import open_tenant_db
from tools.settings import Settings

DEMO_TENANT = "demo"
# Open-valued dimensions whose stored values a question may name (e.g. a campaign).
KNOWN_VALUE_SQL = {
    "campaign": "SELECT DISTINCT campaign FROM ad_performance WHERE campaign IS NOT NULL",
    "sku": "SELECT DISTINCT sku FROM order_lines WHERE sku IS NOT NULL",
    "product": "SELECT DISTINCT title FROM products WHERE title IS NOT NULL",
}
MAX_KNOWN_VALUES = 2000


@contextmanager
def read_only(settings: Settings, tenant: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the tenant's own analytics file, closed on exit."""
    conn = open_tenant_db(settings, tenant, read_only=True)
    try:
        yield conn
    finally:
        conn.close()


def known_values(conn: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Stored campaign names, SKUs and product titles, so a question naming one becomes a filter."""
    return {
        dimension: [str(row[0]) for row in conn.execute(sql).fetchmany(MAX_KNOWN_VALUES)]
        for dimension, sql in KNOWN_VALUE_SQL.items()
    }


def last_data_date(conn: duckdb.DuckDBPyConnection) -> date | None:
    """The latest order or ad date in the store."""
    row = conn.execute(
        "SELECT GREATEST((SELECT MAX(order_date) FROM orders), (SELECT MAX(period_end) FROM ad_performance))"
    ).fetchone()
    return row[0] if row else None


def question_today(tenant: str, conn: duckdb.DuckDBPyConnection, given: date | None, real_today: date) -> date:
    """The date relative periods are read against.

    Given explicitly, it wins. The demo tenant's data ends on DEMO_TODAY; when that is earlier
    than the real date, "last month" means the demo's last month, so answers stay stable.
    Every other tenant reads periods against the real date.
    """
    if given is not None:
        return given
    if tenant == DEMO_TENANT:
        last = last_data_date(conn)
        if last is not None and last <= DEMO_TODAY < real_today:
            return DEMO_TODAY
    return real_today


def reporting_currency(conn: duckdb.DuckDBPyConnection) -> str:
    """The tenant's reporting currency (USD when unset)."""
    row = conn.execute("SELECT MAX(value) FROM tenant_settings WHERE key = 'reporting_currency'").fetchone()
    return str(row[0]) if row and row[0] else "USD"
