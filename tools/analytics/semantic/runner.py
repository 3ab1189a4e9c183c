"""Running a compiled query on the connection the caller gives (read-only for the analyst)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from pydantic import BaseModel

from tools.analytics.semantic.compiler import ColumnFormat, CompiledQuery
from tools.analytics.semantic.guard import assert_single_select
from tools.analytics.semantic.model import load_model

# Rounding of result values by column format: money to cents, ratios to 6 decimals.
DECIMALS: dict[str, int] = {"money": 2, "ratio": 6, "multiple": 6}

Cell = str | int | float | date | None


class Connection(Protocol):
    """What run_query needs of a connection: DuckDB's `execute(sql, params)` with `$n` parameters."""

    def execute(self, query: str, parameters: Any = ...) -> Any: ...


class QueryResult(BaseModel):
    """Result columns and rows; money rounded to cents, ratios to 6 decimals."""

    columns: list[str]
    rows: list[list[Cell]]


class FxGap(BaseModel):
    """Rows whose currency has no rate to the reporting currency for their month."""

    table: str
    currency: str | None
    month: date
    rows: int


def _cell(value: Any, fmt: ColumnFormat) -> Cell:
    if value is None:
        return None
    if fmt == "date":
        return value.date() if isinstance(value, datetime) else value
    if fmt == "text":
        return str(value)
    number = float(value) if isinstance(value, Decimal | float) else value
    if fmt == "count" and float(number).is_integer():
        return int(number)
    return round(float(number), DECIMALS.get(fmt, 6))


def run_query(conn: Connection, compiled: CompiledQuery) -> QueryResult:
    """Execute the compiled SELECT (guard-checked again here) and return typed, rounded rows."""
    assert_single_select(compiled.sql, dialect=compiled.dialect)
    raw = conn.execute(compiled.sql, compiled.params).fetchall()
    formats = [column.format for column in compiled.columns]
    rows = [[_cell(value, fmt) for value, fmt in zip(row, formats, strict=True)] for row in raw]
    return QueryResult(columns=[column.name for column in compiled.columns], rows=rows)


_FX_GAPS_SQL = """
WITH reporting AS ({reporting}), months AS (
  SELECT DISTINCT CAST(DATE_TRUNC('month', date) AS DATE) AS month, currency FROM fx_rates
), amounts AS (
  SELECT 'orders' AS tbl, currency, CAST(DATE_TRUNC('month', order_date) AS DATE) AS month FROM orders
  UNION ALL
  SELECT 'ad_performance', currency, CAST(DATE_TRUNC('month', period_start) AS DATE) FROM ad_performance
)
SELECT a.tbl, a.currency, a.month, COUNT(*) AS n
FROM amounts AS a
CROSS JOIN reporting AS r
LEFT JOIN months AS m ON m.month = a.month AND m.currency = a.currency
WHERE m.month IS NULL AND a.currency IS DISTINCT FROM r.currency
GROUP BY a.tbl, a.currency, a.month
ORDER BY a.tbl, a.currency, a.month
"""


def fx_gaps(conn: Connection) -> list[FxGap]:
    """Currencies and months whose amounts cannot be converted (they drop out of money metrics)."""
    rows = conn.execute(_FX_GAPS_SQL.format(reporting=load_model().ctes["reporting_currency"])).fetchall()
    return [FxGap(table=t, currency=c, month=m, rows=int(n)) for t, c, m, n in rows]
