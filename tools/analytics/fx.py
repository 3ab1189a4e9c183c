"""Exchange rates into the tenant's reporting currency, from a small built-in table of monthly averages."""

import csv
import io
from datetime import date, timedelta
from functools import cache
from importlib import resources

import duckdb
import pandas as pd

from tools.analytics.schema import reporting_currency
from tools.errors import BadInput

DEFAULT_START = date(2024, 1, 1)
DEFAULT_END = date(2026, 12, 31)


@cache
def monthly_rates() -> dict[str, dict[str, float]]:
    """Units of each currency per USD, by currency and then by month ('2024-11')."""
    text = resources.files("tools.analytics").joinpath("data", "fx_monthly.csv").read_text("utf-8")
    rows = csv.DictReader(
        io.StringIO("".join(line for line in text.splitlines(True) if not line.startswith("#")))
    )
    table: dict[str, dict[str, float]] = {}
    for row in rows:
        table.setdefault(row["currency"], {})[row["month"]] = float(row["units_per_usd"])
    return table


def currencies() -> list[str]:
    """Currencies the built-in table covers."""
    return sorted(monthly_rates())


def units_per_usd(currency: str, day: date) -> float:
    """The month's average rate of a currency; outside the table, the nearest month's."""
    months = monthly_rates().get(currency.upper())
    if months is None:
        raise BadInput(f"no exchange rate for {currency!r}; known currencies: {', '.join(currencies())}")
    key = day.strftime("%Y-%m")
    if key in months:
        return months[key]
    ordered = sorted(months)
    return months[ordered[0]] if key < ordered[0] else months[ordered[-1]]


def rate_to(currency: str, reporting: str, day: date) -> float:
    """How many units of `reporting` one unit of `currency` buys on a day."""
    return units_per_usd(reporting, day) / units_per_usd(currency, day)


def _data_range(conn: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    row = conn.execute(
        "SELECT least(min(d), ?), greatest(max(d), ?) FROM (SELECT order_date AS d FROM orders"
        " UNION ALL SELECT period_start FROM ad_performance UNION ALL SELECT period_end FROM ad_performance)",
        [DEFAULT_START, DEFAULT_END],
    ).fetchall()[0]
    return row[0], row[1]


def load_fx_rates(conn: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None) -> int:
    """Replace fx_rates with one row per day and currency for the reporting currency; returns rows."""
    reporting = reporting_currency(conn)
    units_per_usd(reporting, DEFAULT_START)  # BadInput for a currency the table lacks
    data_start, data_end = _data_range(conn)
    start, end = start or data_start, end or data_end
    rows: list[tuple[date, str, float]] = []
    day = start
    while day <= end:
        rows.extend((day, cur, rate_to(cur, reporting, day)) for cur in currencies())
        day += timedelta(days=1)
    frame = pd.DataFrame(rows, columns=["date", "currency", "rate_to_reporting"])
    conn.register("fx_frame", frame)
    try:
        conn.execute("DELETE FROM fx_rates")
        conn.execute("INSERT INTO fx_rates SELECT date::DATE, currency, rate_to_reporting FROM fx_frame")
    finally:
        conn.unregister("fx_frame")
    return len(rows)


def ensure_fx_rates(conn: duckdb.DuckDBPyConnection) -> None:
    """Load rates when they are missing, stale for the reporting currency, or do not cover the data."""
    reporting = reporting_currency(conn)
    first, last, error = conn.execute(
        "SELECT min(date), max(date), max(CASE WHEN currency = ? THEN abs(rate_to_reporting - 1) END)"
        " FROM fx_rates",
        [reporting],
    ).fetchall()[0]
    want_first, want_last = _data_range(conn)
    if first is None or error is None or error > 1e-9 or first > want_first or last < want_last:
        load_fx_rates(conn)


def set_reporting_currency(conn: duckdb.DuckDBPyConnection, currency: str) -> None:
    """Change the tenant's reporting currency and recompute the rates."""
    code = currency.strip().upper()
    units_per_usd(code, DEFAULT_START)
    conn.execute("INSERT OR REPLACE INTO tenant_settings VALUES ('reporting_currency', ?)", [code])
    load_fx_rates(conn)
