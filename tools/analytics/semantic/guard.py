"""The SQL guard: only one SELECT over the analytics tables, checked by parsing, not by prefix."""

from collections.abc import Collection

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from tools.errors import BadInput

ANALYTICS_TABLES = frozenset(
    {
        "orders",
        "order_lines",
        "products",
        "customers",
        "refunds",
        "ad_performance",
        "fx_rates",
        "tenant_settings",
    }
)

# Functions a query may call; anything else (read_csv, glob, getenv, query, pragma_*, sqlite_scan,
# unknown names parsed as anonymous functions) is refused, so no file, setting or other database
# can be reached through a function call.
ALLOWED_FUNCTIONS = frozenset(
    {
        "Abs",
        "Avg",
        "Case",
        "Cast",
        "Coalesce",
        "Count",
        "CountIf",
        "CurrentDate",
        "Date",
        "DateTrunc",
        "Div",
        "Extract",
        "Greatest",
        "If",
        "Least",
        "Lower",
        "Max",
        "Min",
        "Nullif",
        "Round",
        "Sum",
        "TimestampTrunc",
        "TryCast",
        "Upper",
    }
)

_FORBIDDEN_NODES = (
    exp.Alter,
    exp.Attach,
    exp.Command,
    exp.Copy,
    exp.Create,
    exp.Delete,
    exp.Detach,
    exp.Drop,
    exp.Insert,
    exp.Into,
    exp.Merge,
    exp.Pragma,
    exp.Set,
    exp.Transaction,
    exp.Update,
    exp.Use,
)


def _refuse(reason: str) -> BadInput:
    return BadInput(f"query refused: {reason}; only one SELECT over the analytics tables is allowed")


def _check_tables(select: exp.Select, allowed: Collection[str]) -> None:
    ctes = {cte.alias_or_name.lower() for cte in select.find_all(exp.CTE)}
    for table in select.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            raise _refuse(f"table function {table.this.sql()!r}")
        if table.args.get("db") or table.args.get("catalog"):
            raise _refuse(f"qualified table {table.sql()!r}")
        name = table.name.lower()
        if name not in allowed and name not in ctes:
            raise _refuse(f"unknown table {table.name!r}")


def _check_nodes(select: exp.Select) -> None:
    for node in select.walk():
        if isinstance(node, _FORBIDDEN_NODES):
            raise _refuse(f"{type(node).__name__.upper()} inside the query")
        operator = isinstance(node, exp.Connector | exp.Binary | exp.Unary)
        if isinstance(node, exp.Func) and not operator and type(node).__name__ not in ALLOWED_FUNCTIONS:
            name = node.name if isinstance(node, exp.Anonymous) else type(node).__name__
            raise _refuse(f"function {name!r}")


def assert_single_select(
    sql: str, dialect: str = "duckdb", allowed_tables: Collection[str] = ANALYTICS_TABLES
) -> exp.Select:
    """Parse `sql` and return its SELECT; BadInput for anything else (DDL, DML, files, settings)."""
    try:
        statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except SqlglotError as error:
        raise _refuse(f"it does not parse ({str(error).splitlines()[0]})") from None
    if len(statements) != 1:
        raise _refuse(f"{len(statements)} statements")
    select = statements[0]
    if not isinstance(select, exp.Select):
        raise _refuse(f"{type(select).__name__.upper()} statement")
    if select.args.get("into"):
        raise _refuse("SELECT INTO")
    _check_nodes(select)
    _check_tables(select, {name.lower() for name in allowed_tables})
    return select
